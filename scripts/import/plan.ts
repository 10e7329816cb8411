/**
 * What to import: a folder of transcript files (with optional recordings and
 * metadata beside them) or a manifest, turned into a list of items. Reads only
 * names and small metadata files; transcripts and recordings are read per item.
 */
import { existsSync } from "node:fs";
import fs from "node:fs/promises";
import path from "node:path";

export interface PlannedItem {
  /** How messages name it: "2024-03/call-17" or "manifest.jsonl line 3". */
  label: string;
  /** The import request without the transcript's content and the recording. */
  fields: Record<string, unknown>;
  transcriptFile: string | null;
  recordingFile: string | null;
  /** Found while planning (no transcript, unreadable metadata): the item fails with it. */
  problem: string | null;
}

export interface ImportPlan {
  kind: "folder" | "manifest";
  items: PlannedItem[];
  /** Where progress is kept between runs. */
  statePath: string;
  /** Files in a folder that are neither transcripts, recordings nor metadata. */
  ignored: string[];
}

export const STATE_FILE = ".parley-import-state.json";
const RECORDING_EXTENSIONS = new Set(["wav", "mp3", "ogg", "opus", "flac"]);
const TRANSCRIPT_EXTENSIONS = new Set(["vtt", "srt", "json", "csv", "txt"]);
const META_SUFFIX = ".meta.json";

export async function planImport(target: string): Promise<ImportPlan> {
  const resolved = path.resolve(target);
  const stat = await fs.stat(resolved).catch(() => null);
  if (!stat) throw new Error(`${target} does not exist`);
  if (stat.isDirectory()) return planFolder(resolved);
  if (/\.jsonl?$/i.test(resolved)) return planManifest(resolved);
  throw new Error(`${target} is neither a folder nor a manifest (.json or .jsonl)`);
}

async function planFolder(folder: string): Promise<ImportPlan> {
  const transcripts = new Map<string, string[]>();
  const recordings = new Map<string, string[]>();
  const metas = new Map<string, string>();
  const ignored: string[] = [];
  for (const file of await walk(folder)) {
    const rel = path.relative(folder, file).split(path.sep).join("/");
    if (rel.endsWith(META_SUFFIX)) {
      metas.set(rel.slice(0, -META_SUFFIX.length), file);
      continue;
    }
    const ext = path.extname(rel).slice(1).toLowerCase();
    const base = rel.slice(0, rel.length - path.extname(rel).length);
    const bucket = RECORDING_EXTENSIONS.has(ext) ? recordings : TRANSCRIPT_EXTENSIONS.has(ext) ? transcripts : null;
    if (!bucket) {
      ignored.push(rel);
      continue;
    }
    bucket.set(base, [...(bucket.get(base) ?? []), file]);
  }
  const bases = [...new Set([...transcripts.keys(), ...recordings.keys()])].sort(naturalOrder);
  const items: PlannedItem[] = [];
  for (const base of bases) {
    const found = transcripts.get(base) ?? [];
    const audio = recordings.get(base) ?? [];
    const item: PlannedItem = { label: base, fields: { externalId: base }, transcriptFile: found[0] ?? null, recordingFile: audio[0] ?? null, problem: null };
    if (found.length === 0) item.problem = `${names(audio)} has no transcript beside it (${base}.vtt, .srt, .json or .csv)`;
    else if (found.length > 1) item.problem = `${names(found)} are two transcripts of one interaction; keep one`;
    else if (audio.length > 1) item.problem = `${names(audio)} are two recordings of one interaction; keep one`;
    const metaFile = metas.get(base);
    if (metaFile && !item.problem) {
      const meta = await readJsonObject(metaFile);
      if (typeof meta === "string") item.problem = meta;
      else {
        // Files come from the folder itself, never from what the metadata says.
        const { transcriptFile: _t, recordingFile: _r, ...rest } = meta;
        item.fields = { externalId: base, ...rest };
      }
    }
    items.push(item);
  }
  for (const [base, file] of metas) {
    if (!transcripts.has(base) && !recordings.has(base)) ignored.push(path.relative(folder, file));
  }
  return { kind: "folder", items, statePath: path.join(folder, STATE_FILE), ignored };
}

async function planManifest(manifest: string): Promise<ImportPlan> {
  const text = await fs.readFile(manifest, "utf8");
  const name = path.basename(manifest);
  const dir = path.dirname(manifest);
  const rows: { label: string; value: unknown; problem: string | null }[] = [];
  if (/\.jsonl$/i.test(manifest)) {
    text.split(/\r?\n/).forEach((line, index) => {
      if (line.trim() === "") return;
      const label = `${name} line ${index + 1}`;
      try {
        rows.push({ label, value: JSON.parse(line) as unknown, problem: null });
      } catch (error) {
        rows.push({ label, value: null, problem: `not valid JSON: ${(error as Error).message}` });
      }
    });
  } else {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text) as unknown;
    } catch (error) {
      throw new Error(`${name} is not valid JSON: ${(error as Error).message}`, { cause: error });
    }
    const list = Array.isArray(parsed) ? parsed : (parsed as { interactions?: unknown } | null)?.interactions;
    if (!Array.isArray(list)) throw new Error(`${name} must hold an array of interactions, or { "interactions": [...] }`);
    list.forEach((value, index) => rows.push({ label: `${name} item ${index + 1}`, value, problem: null }));
  }
  const items = rows.map(({ label, value, problem }): PlannedItem => {
    if (problem) return { label, fields: {}, transcriptFile: null, recordingFile: null, problem };
    if (!value || typeof value !== "object" || Array.isArray(value)) {
      return { label, fields: {}, transcriptFile: null, recordingFile: null, problem: "each row must be a JSON object" };
    }
    const { transcriptFile, recordingFile, ...fields } = value as Record<string, unknown>;
    const externalId = typeof fields.externalId === "string" ? ` (${fields.externalId})` : "";
    const item: PlannedItem = {
      label: `${label}${externalId}`,
      fields,
      transcriptFile: typeof transcriptFile === "string" ? path.resolve(dir, transcriptFile) : null,
      recordingFile: typeof recordingFile === "string" ? path.resolve(dir, recordingFile) : null,
      problem: null,
    };
    if (transcriptFile !== undefined && typeof transcriptFile !== "string") item.problem = "transcriptFile must be a path";
    else if (recordingFile !== undefined && typeof recordingFile !== "string") item.problem = "recordingFile must be a path";
    else if (item.transcriptFile && !existsSync(item.transcriptFile)) item.problem = `transcriptFile ${String(transcriptFile)} does not exist`;
    else if (item.recordingFile && !existsSync(item.recordingFile)) item.problem = `recordingFile ${String(recordingFile)} does not exist`;
    return item;
  });
  return { kind: "manifest", items, statePath: path.join(dir, STATE_FILE), ignored: [] };
}

async function walk(dir: string): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    // Dot files: the state file, .DS_Store, editors' swap files.
    if (entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await walk(full)));
    else if (entry.isFile()) files.push(full);
  }
  return files;
}

async function readJsonObject(file: string): Promise<Record<string, unknown> | string> {
  try {
    const value = JSON.parse(await fs.readFile(file, "utf8")) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    return `${path.basename(file)} must hold a JSON object`;
  } catch (error) {
    return `${path.basename(file)} is not valid JSON: ${(error as Error).message}`;
  }
}

const names = (files: string[]) => files.map((file) => path.basename(file)).join(" and ");

/** "call-2" before "call-10". */
function naturalOrder(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}
