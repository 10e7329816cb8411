/**
 * Runs every importer over a folder of real transcript files others wrote (kept outside the
 * repository, never copied into it) and prints one line per file:
 * format, segments, speakers, or the error. Dataset dumps that hold many
 * conversations (a JSON array of conversations, JSON Lines) are refused as a whole,
 * as an upload would be, and then imported one conversation at a time, as a bulk
 * import would split them.
 *
 *   npx tsx scripts/check-realdata/transcripts.ts <folder>
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { findMessages } from "../../app/modules/transcripts/chat-json";
import { importTranscript, type ImportOptions, type ImportResult } from "../../app/modules/transcripts/index";

if (!process.argv[2]) {
  console.error("usage: npx tsx scripts/check-realdata/transcripts.ts <folder>");
  process.exit(2);
}
const root = path.resolve(process.argv[2]);
const transcriptLike = /\.(json|jsonl|vtt|srt|csv)$/i;
// Expected parser output shipped beside the Mozilla WebVTT samples: not transcripts.
const notTranscripts = /\.expected\.json$/i;
// Dataset chats carry no times: placed at one instant, as an uploader would give the start.
const untimed: ImportOptions = { startedAt: "2024-01-01T09:00:00Z" };

function files(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? files(full) : [full];
    });
}

function summary(result: ImportResult): string {
  const speakers = result.speakers.map((speaker) => `${speaker.label}${speaker.name && speaker.name !== speaker.label ? ` (${speaker.name})` : ""}→${speaker.role}×${speaker.segments}`);
  const warnings = result.warnings.length > 0 ? `  warnings: ${result.warnings.join(" ")}` : "";
  return `${result.format}  ${result.transcript.channel}  ${result.transcript.segments.length} segments  speakers: ${speakers.join(", ")}${warnings}`;
}

function attempt(name: string, body: string | Uint8Array, options: ImportOptions): { ok: true; result: ImportResult } | { ok: false; message: string } {
  try {
    return { ok: true, result: importTranscript(name, body, options) };
  } catch (error) {
    return { ok: false, message: error instanceof Error ? error.message : String(error) };
  }
}

/** The conversations of a dataset dump, each as its own JSON text. */
function conversations(file: string, text: string): string[] {
  if (/\.jsonl$/i.test(file)) return text.split("\n").filter((line) => line.trim() !== "");
  try {
    const value: unknown = JSON.parse(text);
    if (Array.isArray(value) && value.length > 1 && findMessages(value[0])) return value.map((item) => JSON.stringify(item));
  } catch {
    // not JSON: not a dump
  }
  return [];
}

let failures = 0;
for (const file of files(root).filter((name) => transcriptLike.test(name) && !notTranscripts.test(name))) {
  const name = path.relative(root, file);
  const bytes = readFileSync(file);
  const whole = attempt(path.basename(file), bytes, untimed);
  console.log(`${name}: ${whole.ok ? summary(whole.result) : `ERROR ${whole.message}`}`);
  const parts = whole.ok ? [] : conversations(file, bytes.toString("utf8"));
  if (parts.length === 0) {
    if (!whole.ok) failures++;
    continue;
  }
  const results = parts.map((part, index) => attempt(`${path.basename(file)}#${index + 1}`, part, untimed));
  const ok = results.flatMap((result) => (result.ok ? [result.result] : []));
  const errors = results.flatMap((result) => (result.ok ? [] : [result.message]));
  const segments = ok.reduce((sum, result) => sum + result.transcript.segments.length, 0);
  const roles = new Map<string, number>();
  for (const result of ok) for (const speaker of result.speakers) roles.set(`${speaker.label}→${speaker.role}`, (roles.get(`${speaker.label}→${speaker.role}`) ?? 0) + 1);
  const speakerSummary = [...roles].map(([key, count]) => `${key} in ${count}`).join(", ");
  console.log(`  └ one conversation at a time: ${ok.length}/${parts.length} imported (${ok[0]?.format ?? "-"}), ${segments} segments; speakers: ${speakerSummary}`);
  for (const message of errors.slice(0, 3)) console.log(`    ERROR ${message}`);
  if (errors.length > 0) failures++;
}
console.log(failures === 0 ? "All files imported." : `${failures} file(s) not imported.`);
