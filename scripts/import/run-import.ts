/**
 * Runs an import plan: items go through the sink with bounded concurrency; finished
 * ones are recorded in the state file so a later run skips them; a stop (Ctrl-C, or
 * --stop-after) lets the items in flight finish, then saves the state.
 */
import fs from "node:fs/promises";
import path from "node:path";
import { fieldErrors } from "../../app/modules/api/read-json.server";
import { ingestRequestSchema } from "../../app/modules/interactions/ingest-request.schema";
import type { ImportPlan, PlannedItem } from "./plan";
import type { Counts, Progress } from "./progress";
import { FatalError, ItemFailure, type ImportSink } from "./sink";
import type { ImportState } from "./state";
import { uploadRecording } from "./upload-file";

export interface RunOptions {
  /** Source for items whose fields name none. */
  source: string;
  concurrency: number;
  stopAfter?: number | null;
  signal?: AbortSignal;
  progress?: Progress;
}

export interface ImportSummary extends Counts {
  total: number;
  /** Per failed item: its label and why. */
  failures: { label: string; reason: string }[];
  /** Recordings imported in this run; their waveforms are computed by the job runner. */
  recordings: number;
  /** Items not attempted because the run was stopped. */
  remaining: number;
  stopped: "interrupted" | "stop-after" | "fatal" | null;
  fatal: string | null;
  seconds: number;
}

const contentTypes: Record<string, string> = { wav: "audio/wav", mp3: "audio/mpeg", ogg: "audio/ogg", opus: "audio/ogg", flac: "audio/flac" };

export async function runImport(plan: ImportPlan, sink: ImportSink, state: ImportState, options: RunOptions): Promise<ImportSummary> {
  const started = Date.now();
  const summary: ImportSummary = {
    total: plan.items.length,
    created: 0,
    duplicates: 0,
    skipped: 0,
    failed: 0,
    failures: [],
    recordings: 0,
    remaining: 0,
    stopped: null,
    fatal: null,
    seconds: 0,
  };
  let next = 0;
  let begun = 0;
  const stopReason = (): ImportSummary["stopped"] => {
    if (summary.fatal) return "fatal";
    if (options.signal?.aborted) return "interrupted";
    return null;
  };

  async function lane() {
    while (next < plan.items.length) {
      if (stopReason()) return;
      const item = plan.items[next] as PlannedItem;
      const key = keyOf(item, options.source);
      if (key && state.has(key.source, key.externalId)) {
        next++;
        summary.skipped++;
        options.progress?.update(summary);
        continue;
      }
      if (options.stopAfter != null && begun >= options.stopAfter) {
        summary.stopped ??= "stop-after";
        return;
      }
      next++;
      begun++;
      await importItem(item);
      options.progress?.update(summary);
    }
  }

  async function importItem(item: PlannedItem) {
    try {
      const result = await importOne(item, sink, options.source);
      if (result.status === "created") summary.created++;
      else summary.duplicates++;
      if (result.recording) summary.recordings++;
      state.record(result.source, result.externalId, { id: result.id, status: result.status });
    } catch (error) {
      summary.failed++;
      if (error instanceof FatalError) {
        summary.fatal ??= error.message;
        summary.failures.push({ label: item.label, reason: error.message });
        return;
      }
      const reason = error instanceof ItemFailure ? error.message : `${(error as Error).name}: ${(error as Error).message}`;
      summary.failures.push({ label: item.label, reason });
    }
  }

  try {
    await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, lane));
  } finally {
    await state.save();
    options.progress?.finish();
  }
  summary.stopped = stopReason() ?? summary.stopped;
  summary.remaining = plan.items.length - next;
  summary.seconds = (Date.now() - started) / 1000;
  return summary;
}

/** (source, externalId) when the plan already knows them, so a finished item is skipped unread. */
function keyOf(item: PlannedItem, defaultSource: string): { source: string; externalId: string } | null {
  const externalId = typeof item.fields.externalId === "string" ? item.fields.externalId.trim() : "";
  if (!externalId || item.problem) return null;
  const source = typeof item.fields.source === "string" && item.fields.source.trim() ? item.fields.source.trim() : defaultSource;
  return { source, externalId };
}

async function importOne(item: PlannedItem, sink: ImportSink, defaultSource: string) {
  if (item.problem) throw new ItemFailure(item.problem);
  const given = (item.fields.transcript ?? {}) as Record<string, unknown>;
  const transcript = item.transcriptFile
    ? { fileName: path.basename(item.transcriptFile), ...given, ...(await readTranscript(item.transcriptFile)) }
    : given;
  const request = { source: defaultSource, ...item.fields, transcript };
  if (request.source === "" || request.source === null) request.source = defaultSource;
  const parsed = ingestRequestSchema.safeParse(request);
  if (!parsed.success) {
    const fields = fieldErrors(parsed.error);
    throw new ItemFailure(Object.entries(fields).map(([field, why]) => `${field}: ${why}`).join("; "));
  }
  const input = parsed.data;
  if (item.recordingFile) {
    if (input.recording) throw new ItemFailure("give the recording as a file (recordingFile or a file beside the transcript), not as recording");
    const size = (await fs.stat(item.recordingFile)).size;
    const ext = path.extname(item.recordingFile).slice(1).toLowerCase();
    const plan = await sink.startUpload({ fileName: path.basename(item.recordingFile), contentType: contentTypes[ext] ?? "", size });
    const parts = await uploadRecording(plan, item.recordingFile, size);
    input.recording = { uploadId: plan.uploadId, ...(parts ? { parts } : {}) };
  }
  const result = await sink.importOne(input);
  return { ...result, source: input.source, externalId: input.externalId, recording: Boolean(item.recordingFile) };
}

/**
 * A UTF-8 file as its text; anything else (UTF-16 from a Windows export, Windows-1252)
 * as its bytes, which the server decodes and keeps as they were under source/.
 */
async function readTranscript(file: string): Promise<{ content: string } | { contentBase64: string }> {
  const bytes = await fs.readFile(file);
  try {
    const text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    // UTF-16 without a byte-order mark is valid UTF-8 too, with a NUL beside every letter.
    if (!text.includes("\u0000")) return { content: text };
  } catch {
    // not UTF-8
  }
  return { contentBase64: bytes.toString("base64") };
}

export function exitCodeOf(summary: ImportSummary): number {
  if (summary.failed > 0 || summary.fatal) return 1;
  if (summary.stopped === "interrupted") return 130;
  return 0;
}

const headline = { done: "Done", interrupted: "Stopped", "stop-after": "Stopped (--stop-after)", fatal: "Aborted" } as const;

export function formatSummary(summary: ImportSummary, statePath: string): string {
  const n = (value: number) => value.toLocaleString("en");
  const width = String(n(summary.total)).length;
  const row = (label: string, value: number, note = "") => `  ${label.padEnd(11)} ${n(value).padStart(width)}${note ? `  ${note}` : ""}`;
  const rate = summary.seconds > 0 ? ` (${((summary.created + summary.duplicates + summary.failed) / summary.seconds).toFixed(1)}/s)` : "";
  const lines = [
    `${headline[summary.stopped ?? "done"]} after ${summary.seconds.toFixed(1)} s${rate}: ${n(summary.total)} items`,
    row("created", summary.created),
    row("duplicates", summary.duplicates, "already in Parley (same source and externalId)"),
    row("skipped", summary.skipped, `done in an earlier run (${path.basename(statePath)})`),
    row("failed", summary.failed),
  ];
  if (summary.remaining > 0) lines.push(row("not started", summary.remaining, "run the same command again to continue"));
  if (summary.recordings > 0) {
    lines.push(`${n(summary.recordings)} recording(s) are queued for waveform processing; that runs in Parley's job runner (the server, or npm run worker).`);
  }
  if (summary.fatal) lines.push(`\n${summary.fatal}`);
  if (summary.failures.length > 0) {
    lines.push("", "Failed:");
    for (const failure of summary.failures) lines.push(`  ${failure.label}: ${failure.reason}`);
    lines.push("", "Fix these and run the same command again: finished items are skipped.");
  }
  return lines.join("\n");
}
