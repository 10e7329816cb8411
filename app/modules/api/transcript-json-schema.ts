import { MAX_SEGMENTS, transcriptSchema } from "../transcripts/transcript";
import { jsonSchemaOf, type JsonSchema } from "./json-schema";

/** Where every installation serves the canonical transcript's JSON Schema (no token needed). */
export const TRANSCRIPT_SCHEMA_PATH = "/api/v1/schemas/transcript.json";

/** What the server checks beyond what JSON Schema can say (transcriptSchema's superRefine and refine). */
const ALSO_CHECKED =
  "Parley also checks what JSON Schema cannot say: every segment's speaker is the id of one of speakers, " +
  "segment ids are unique, a call segment's endMs is not before its startMs, and an imported transcript has at least one segment.";

/**
 * The canonical transcript (docs/transcript-format.md) as JSON Schema, generated from
 * the zod schema that validates it, so the published schema and the server cannot drift.
 */
export function transcriptJsonSchema(): JsonSchema {
  return {
    title: "Parley canonical transcript",
    description:
      `One conversation: a call (segments timed in milliseconds from the start of the recording) or a chat or email thread ` +
      `(segments with an ISO 8601 time), at most ${MAX_SEGMENTS.toLocaleString("en")} segments. ${ALSO_CHECKED} ` +
      "See docs/transcript-format.md.",
    ...jsonSchemaOf(transcriptSchema, "input"),
  };
}

/** The standalone document served at TRANSCRIPT_SCHEMA_PATH. */
export function transcriptSchemaDocument(): JsonSchema {
  return { $schema: "https://json-schema.org/draft/2020-12/schema", ...transcriptJsonSchema() };
}
