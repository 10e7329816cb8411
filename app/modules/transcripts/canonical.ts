/**
 * Parley's own canonical transcript (docs/transcript-format.md): validated
 * with the schema, each zod issue turned into a JSON path and a reason.
 */
import type { z } from "zod";
import { transcriptSchema } from "./transcript";
import { parseJson } from "./json";
import { SpeakerBook } from "./speakers";
import { ImportError, formatLabels, type ImportOptions, type ImportResult } from "./types";

export function importCanonical(text: string, options: ImportOptions = {}): ImportResult {
  const parsed = transcriptSchema.safeParse(parseJson("canonical", text));
  if (!parsed.success) throw new ImportError("canonical", `${formatLabels.canonical}: ${describeIssues(parsed.error.issues)}`);
  const transcript = parsed.data;
  if (transcript.segments.length === 0) throw new ImportError("canonical", `${formatLabels.canonical}: segments is empty`);

  const book = new SpeakerBook("agent");
  for (const speaker of transcript.speakers) book.add(speaker.id, { role: speaker.role, ...(speaker.name ? { name: speaker.name } : {}) });
  const counts = new Map<string, number>(transcript.speakers.map((speaker) => [speaker.id, 0]));
  for (const segment of transcript.segments) counts.set(segment.speaker, (counts.get(segment.speaker) ?? 0) + 1);
  const { speakers, unmatched } = book.resolve([...counts.keys()], counts, options.speakerRoles);
  const warnings = unmatched.length > 0 ? [`speakerRoles names ${unmatched.map((label) => `"${label}"`).join(", ")}, not found in the file.`] : [];
  const roles = new Map(speakers.map((speaker) => [speaker.label, speaker.role]));
  return {
    format: "canonical",
    transcript: { ...transcript, speakers: transcript.speakers.map((speaker) => ({ ...speaker, role: roles.get(speaker.id) ?? speaker.role })) },
    speakers,
    warnings,
  };
}

/** "segments[2].endMs: endMs must not be before startMs (and 3 more problems)". */
export function describeIssues(issues: z.core.$ZodIssue[]): string {
  const [first] = issues;
  if (!first) return "the transcript is invalid";
  const path = first.path.map((part) => (typeof part === "number" ? `[${part}]` : `.${String(part)}`)).join("").replace(/^\./, "");
  const missing = first.code === "invalid_type" && first.message.endsWith("received undefined");
  const what = missing ? `${path} is missing` : `${path || "the file"}: ${first.message}`;
  const more = issues.length - 1;
  return more > 0 ? `${what} (and ${more} more problem${more === 1 ? "" : "s"})` : what;
}
