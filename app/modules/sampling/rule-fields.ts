/**
 * Field schemas that read the same value from a JSON body or a form post: forms send
 * numbers as text, one string or several for a list, and blank for "not given".
 * Pure: no I/O, safe in the browser.
 */
import { z } from "zod";

export const MAX_LIST_ITEMS = 200;
export const MAX_METADATA_PAIRS = 20;

export const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

/** A list from an array, one string, or nothing. Blanks and duplicates are dropped. */
export function list<T extends z.ZodType>(item: T, label: string, max = MAX_LIST_ITEMS) {
  const toArray = (value: unknown): unknown =>
    value === undefined || value === null || value === "" ? [] : Array.isArray(value) ? value.filter((v) => v !== "") : [value];
  return z
    .preprocess(toArray, z.array(item, { error: `${label} must be a list` }).max(max, `${label}: choose at most ${max}`))
    .transform((values) => [...new Set(values)]);
}

/** Text to a number; blank (or null) is "not given". Anything else is left for zod to refuse. */
export const numberFromText = (value: unknown): unknown => {
  if (value === null) return undefined;
  if (typeof value !== "string") return value;
  return value.trim() === "" ? undefined : Number(value.trim());
};

function wholeNumberSchema(label: string, min: number, max: number) {
  const message = `${label} must be a whole number from ${min} to ${max}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

export const wholeNumber = (label: string, min: number, max: number) => z.preprocess(numberFromText, wholeNumberSchema(label, min, max));

/** Optional inside the preprocess, so a blank field means "not given" rather than "not a number". */
export const optionalWholeNumber = (label: string, min: number, max: number) =>
  z.preprocess(numberFromText, wholeNumberSchema(label, min, max).optional());

const metadataRowSchema = z.object({
  key: text("Metadata key", 100),
  value: z.preprocess(
    (value: unknown): unknown => (typeof value === "number" || typeof value === "boolean" ? String(value) : value),
    z.string({ error: "Metadata value must be text" }).trim().max(500, "Metadata value must be at most 500 characters"),
  ),
});

/**
 * "Metadata equals" pairs, out as `{ key: value }`. The API may send that object or rows
 * of `{ key, value }`; the form sends rows (`filters.metadata.0.key`), blank rows dropped.
 * Numbers and booleans become text: values compare the way `metadata->>'key'` reads them.
 */
export const metadataSchema = z
  .preprocess(
    (value: unknown): unknown => {
      if (value === undefined || value === null || value === "") return [];
      if (Array.isArray(value)) return value.filter((row) => !isBlankRow(row));
      if (typeof value === "object") return Object.entries(value).map(([key, v]) => ({ key, value: v as unknown }));
      return value;
    },
    z
      .array(metadataRowSchema, { error: "Metadata must be key and value pairs" })
      .max(MAX_METADATA_PAIRS, `Metadata: at most ${MAX_METADATA_PAIRS} pairs`),
  )
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      if (seen.has(row.key)) ctx.addIssue({ code: "custom", path: [index, "key"], message: `Metadata key "${row.key}" is given twice` });
      seen.add(row.key);
    });
  })
  .transform((rows): Record<string, string> => Object.fromEntries(rows.map((row) => [row.key, row.value])));

function isBlankRow(row: unknown): boolean {
  if (typeof row !== "object" || row === null) return false;
  const { key, value } = row as { key?: unknown; value?: unknown };
  return (key === undefined || key === "") && (value === undefined || value === "");
}
