/**
 * Customer satisfaction on a conversation (issue 14 §8, docs/decisions/0029). Pure, no I/O: the
 * import API's `csat` field, the organisation's metadata mapping and the rebuild all read a
 * score through these rules, and the table's CHECK constraints hold the same ones.
 *
 * A score is a whole number on one of a few survey scales. Reports average it as a percentage of
 * its scale (0 % the lowest answer, 100 % the highest), so conversations surveyed on different
 * scales can be averaged together; the percentage is a generated column rounded to 4 decimals,
 * so every sum of it is exact.
 */
import { z } from "zod";

export const csatScales = ["1-5", "1-7", "1-10", "0-10"] as const;
export type CsatScale = (typeof csatScales)[number];

export function csatScaleBounds(scale: CsatScale): { min: number; max: number } {
  const [min, max] = scale.split("-").map(Number) as [number, number];
  return { min, max };
}

export const isCsatScale = (value: unknown): value is CsatScale => typeof value === "string" && (csatScales as readonly string[]).includes(value);

const scaleList = csatScales.map((scale) => `"${scale}"`).join(", ");

/** Why a score does not fit its scale, or null when it does. */
export function csatScoreProblem(score: number, scale: CsatScale): string | null {
  const { min, max } = csatScaleBounds(scale);
  if (!Number.isInteger(score) || score < min || score > max) return `${score} is outside the ${scale} scale: give a whole number from ${min} to ${max}`;
  return null;
}

export interface Csat {
  score: number;
  scale: CsatScale;
}

/** The import API's `csat` field: `{ "score": 4, "scale": "1-5" }`. */
export const csatFieldSchema = z
  .object({
    score: z.number({ error: "csat.score must be a number, e.g. 4" }).meta({ description: "A whole number from the scale's lowest to its highest answer" }),
    scale: z.enum(csatScales, { error: `csat.scale must be one of ${scaleList}` }),
  })
  .strict()
  .superRefine((csat, ctx) => {
    if (!isCsatScale(csat.scale)) return;
    const problem = csatScoreProblem(csat.score, csat.scale);
    if (problem) ctx.addIssue({ code: "custom", path: ["score"], message: `csat.score ${problem}` });
  })
  .meta({ description: "The customer's satisfaction survey answer for this conversation: a whole number on one of the scales" });

/** The organisation's mapping: which metadata key holds the survey answer, on which scale. */
export interface CsatMapping {
  key: string;
  scale: CsatScale;
}

export type MetadataCsat = { kind: "none" } | { kind: "score"; csat: Csat } | { kind: "invalid"; message: string };

/**
 * The score a conversation's metadata carries under the mapped key: a JSON number, or a string
 * holding one ("4", " 4 "). Absent, null or empty: no answer (customers who skipped the survey).
 * Anything else is invalid — the import refuses it, the rebuild leaves the conversation without.
 */
export function csatFromMetadata(metadata: unknown, mapping: CsatMapping | null): MetadataCsat {
  if (!mapping || typeof metadata !== "object" || metadata === null || Array.isArray(metadata)) return { kind: "none" };
  const raw: unknown = Object.hasOwn(metadata, mapping.key) ? (metadata as Record<string, unknown>)[mapping.key] : undefined;
  if (raw === undefined || raw === null || (typeof raw === "string" && raw.trim() === "")) return { kind: "none" };
  const score = typeof raw === "number" ? raw : typeof raw === "string" && /^\s*-?\d+(\.\d+)?\s*$/.test(raw) ? Number(raw) : Number.NaN;
  const where = `metadata.${mapping.key} (mapped to CSAT in the organisation settings)`;
  if (Number.isNaN(score)) return { kind: "invalid", message: `${where} must be a number on the ${mapping.scale} scale, got ${JSON.stringify(raw)}` };
  const problem = csatScoreProblem(score, mapping.scale);
  if (problem) return { kind: "invalid", message: `${where}: ${problem}` };
  return { kind: "score", csat: { score, scale: mapping.scale } };
}

/** The score as a percentage of its scale, as the generated column computes it (4 decimals). */
export function csatPercent({ score, scale }: Csat): number {
  const { min, max } = csatScaleBounds(scale);
  return Math.round(((score - min) * 100 * 10_000) / (max - min)) / 10_000;
}
