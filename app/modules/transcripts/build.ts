/**
 * The last step of every importer: order segments, number them, resolve speaker
 * roles, and validate the result against the canonical schema.
 */
import { transcriptSchema, type Transcript } from "./transcript";
import type { SpeakerBook } from "./speakers";
import { fileError, formatLabels, ImportError, type ImportOptions, type ImportResult, type TranscriptFormat } from "./types";

export interface Word {
  startMs: number;
  endMs: number;
  text: string;
}

export interface RawCallSegment {
  speaker: string;
  startMs: number;
  endMs: number;
  text: string;
  words?: Word[];
}

export interface RawChatSegment {
  speaker: string;
  at: string;
  text: string;
}

export interface BuildContext {
  format: TranscriptFormat;
  book: SpeakerBook;
  options: ImportOptions;
  warnings: string[];
  /** What the file is made of, for "has no …" ("cues", "utterances", "messages"). */
  units: string;
}

export function finishCall(context: BuildContext, raw: RawCallSegment[]): ImportResult {
  const kept = dropEmpty(context, raw);
  // Stable sort: overlapping cues and simultaneous channels keep their file order.
  const sorted = kept
    .map((segment, index) => ({ segment, index }))
    .sort((a, b) => a.segment.startMs - b.segment.startMs || a.index - b.index)
    .map(({ segment }) => segment);
  const segments = sorted.map((segment, index) => ({
    id: `s${index + 1}`,
    speaker: segment.speaker,
    startMs: segment.startMs,
    endMs: segment.endMs,
    text: segment.text,
    ...(segment.words && segment.words.length > 0 ? { words: segment.words } : {}),
  }));
  return finish(context, sorted, (speakers) => ({ version: 1, channel: "call", speakers, segments }));
}

export function finishChat(context: BuildContext, channel: "chat" | "email", raw: RawChatSegment[]): ImportResult {
  const kept = dropEmpty(context, raw);
  const sorted = kept
    .map((segment, index) => ({ segment, index, time: Date.parse(segment.at) }))
    .sort((a, b) => a.time - b.time || a.index - b.index)
    .map(({ segment }) => segment);
  const segments = sorted.map((segment, index) => ({ id: `s${index + 1}`, speaker: segment.speaker, at: segment.at, text: segment.text }));
  return finish(context, sorted, (speakers) => ({ version: 1, channel, speakers, segments }));
}

type CanonicalSpeakers = Transcript["speakers"];

function finish(
  context: BuildContext,
  ordered: { speaker: string }[],
  assemble: (speakers: CanonicalSpeakers) => unknown,
): ImportResult {
  if (ordered.length === 0) throw fileError(context.format, `the file has no ${context.units} with text`);
  const counts = new Map<string, number>();
  for (const segment of ordered) counts.set(segment.speaker, (counts.get(segment.speaker) ?? 0) + 1);
  const { speakers, unmatched } = context.book.resolve([...counts.keys()], counts, context.options.speakerRoles);
  if (unmatched.length > 0) {
    context.warnings.push(`speakerRoles names ${unmatched.map((label) => `"${label}"`).join(", ")}, not found in the file.`);
  }
  const canonicalSpeakers = speakers.map((speaker) => ({
    id: speaker.label,
    role: speaker.role,
    ...(speaker.name ? { name: speaker.name } : {}),
  }));
  const parsed = transcriptSchema.safeParse(assemble(canonicalSpeakers));
  if (!parsed.success) {
    // The importer built something the schema refuses: say where, never half-import.
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("") : "";
    throw new ImportError(context.format, `${formatLabels[context.format]}: the result is not a valid transcript (${where.replace(/^\./, "")}: ${issue?.message ?? "unknown"})`);
  }
  return { format: context.format, transcript: parsed.data, speakers, warnings: context.warnings };
}

function dropEmpty<T extends { text: string }>(context: BuildContext, raw: T[]): T[] {
  const kept = raw.filter((segment) => segment.text.trim() !== "");
  const dropped = raw.length - kept.length;
  if (dropped > 0) context.warnings.push(`Skipped ${dropped} ${dropped === 1 ? context.units.replace(/s$/, "") : context.units} without text.`);
  return kept;
}

/** Epoch seconds or milliseconds, or an ISO 8601 string, to a canonical ISO instant (UTC). */
export function toIsoInstant(value: unknown): string | undefined {
  if (typeof value === "number" && Number.isFinite(value)) {
    const ms = Math.abs(value) < 1e11 ? value * 1000 : value;
    return isoOf(ms);
  }
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return toIsoInstant(Number(text));
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|UTC)?$/i.exec(text);
  if (!match) return undefined;
  const [, y, mo, d, h = "00", mi = "00", s = "00", fraction = "", zone = "Z"] = match;
  const offset = /^utc$/i.test(zone) || zone.toUpperCase() === "Z" ? "Z" : zone.replace(/^([+-]\d{2})(\d{2})$/, "$1:$2");
  const iso = `${y}-${mo}-${d}T${h}:${mi}:${s}${fraction.slice(0, 4)}${offset}`;
  // Date.parse rolls 2024-02-30 over to March: check the calendar date on its own.
  const day = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d)));
  if (day.getUTCMonth() !== Number(mo) - 1 || day.getUTCDate() !== Number(d)) return undefined;
  return isoOf(Date.parse(iso));
}

function isoOf(ms: number): string | undefined {
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? undefined : date.toISOString();
}
