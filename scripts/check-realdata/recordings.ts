/**
 * Hand-run check (not a test) of detection, streaming decode and peaks on real
 * telephony files kept outside the repository, and on the demo calls:
 *
 *   npx tsx scripts/check-realdata/recordings.ts <folder> [more files…]
 *
 * <folder> holds `audio/asterisk-allison/*.wav`, `audio/asterisk-moh/*.wav` and
 * `synth-call/*.{wav,mp3}` (with `*_call.segments.json` beside a synthesised stereo call);
 * any folder of that shape works, and missing subfolders are skipped.
 *
 * For each file: what the bytes are, channels/rate, decoded duration against
 * sox's (`soxi -D`, when sox is installed) and against the demo manifest, the
 * peaks.json size, and — for stereo calls with a transcript — whether each
 * segment is louder on its speaker's channel (left = agent, right = customer).
 */
import { execFileSync } from "node:child_process";
import { createReadStream, existsSync, readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { PeaksAccumulator, type PeaksJson } from "../../app/modules/recordings/compute-peaks";
import { openAudioDecodeStream } from "../../app/modules/recordings/decode-audio.server";

const [folderArgument, ...extraFiles] = process.argv.slice(2);
if (!folderArgument) {
  console.error("usage: npx tsx scripts/check-realdata/recordings.ts <folder> [more files…]");
  process.exit(2);
}
const SHARED = path.resolve(folderArgument);
if (!existsSync(SHARED)) {
  console.error(`no such folder: ${SHARED}`);
  process.exit(2);
}
const DEMO = path.resolve("db/seed/demo");

interface Segment {
  channel: 0 | 1;
  startMs: number;
  endMs: number;
}

function files(dir: string, pattern: RegExp): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => path.join(dir, name));
}

function soxDurationMs(file: string): number | null {
  try {
    return Math.round(Number(execFileSync("soxi", ["-D", file], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] })) * 1000);
  } catch {
    return null;
  }
}

function segmentsFor(file: string): Segment[] | null {
  const synth = file.replace(/_(stereo_8k(_ulaw)?|stereo)\.(wav|mp3)$/, "_call.segments.json");
  if (synth !== file && existsSync(synth)) {
    const data = JSON.parse(readFileSync(synth, "utf8")) as { segments: Array<{ channel: 0 | 1; start: number; end: number }> };
    return data.segments.map((s) => ({ channel: s.channel, startMs: s.start * 1000, endMs: s.end * 1000 }));
  }
  const demo = file.replace(/\.wav$/, ".transcript.json");
  if (demo !== file && existsSync(demo)) {
    const data = JSON.parse(readFileSync(demo, "utf8")) as { segments: Array<{ speaker: string; startMs: number; endMs: number }> };
    return data.segments.map((s) => ({ channel: s.speaker === "a" ? 0 : 1, startMs: s.startMs, endMs: s.endMs }));
  }
  return null;
}

/** Segments whose own channel is the louder one over the segment's window. */
function channelSeparation(peaks: PeaksJson, segments: Segment[]): string {
  const level = (channel: number, from: number, to: number) => {
    const { min, max } = peaks.channels[channel] as PeaksJson["channels"][number];
    let loudest = 0;
    for (let i = from; i < to; i++) loudest = Math.max(loudest, Math.abs(min[i] ?? 0), Math.abs(max[i] ?? 0));
    return loudest;
  };
  let ok = 0;
  for (const s of segments) {
    const from = Math.floor((s.startMs / 1000) * peaks.rate);
    const to = Math.ceil((s.endMs / 1000) * peaks.rate);
    if (level(s.channel, from, to) > level(1 - s.channel, from, to)) ok++;
  }
  return `${ok}/${segments.length} segments louder on their speaker's channel`;
}

const manifest = existsSync(path.join(DEMO, "manifest.json"))
  ? (JSON.parse(readFileSync(path.join(DEMO, "manifest.json"), "utf8")) as Array<{ recording?: string; durationMs: number }>)
  : [];
const manifestMs = new Map(manifest.filter((m) => m.recording).map((m) => [path.join(DEMO, m.recording as string), m.durationMs]));

const targets = [
  ...files(path.join(SHARED, "audio/asterisk-allison"), /\.wav$/),
  ...files(path.join(SHARED, "audio/asterisk-moh"), /\.wav$/),
  ...files(path.join(SHARED, "synth-call"), /\.(wav|mp3)$/),
  ...files(path.join(DEMO, "calls"), /\.wav$/),
  ...extraFiles,
];

let failures = 0;
for (const file of targets) {
  const name = file.startsWith(SHARED) ? path.relative(SHARED, file) : path.relative(process.cwd(), file);
  const started = performance.now();
  try {
    const decoding = await openAudioDecodeStream(createReadStream(file, { highWaterMark: 64 * 1024 }));
    const accumulator = new PeaksAccumulator();
    for await (const chunk of decoding.chunks) accumulator.push(chunk);
    const peaks = accumulator.finish();
    const ms = (performance.now() - started).toFixed(0);
    const sox = soxDurationMs(file);
    const expected = manifestMs.get(file);
    const notes = [
      sox === null ? "" : `sox ${sox} ms (Δ ${peaks.durationMs - sox})`,
      expected === undefined ? "" : `manifest ${expected} ms (Δ ${peaks.durationMs - expected})`,
      peaks.channels.length === 2 ? (segmentsFor(file) ? channelSeparation(peaks, segmentsFor(file) as Segment[]) : "") : "",
      decoding.stats.decodeErrors ? `${decoding.stats.decodeErrors} damaged frames skipped` : "",
    ].filter(Boolean);
    const kb = (Buffer.byteLength(JSON.stringify(peaks)) / 1024).toFixed(1);
    console.log(
      `ok   ${name}: ${decoding.detected.label}, ${peaks.channels.length} ch, ${peaks.sampleRate} Hz, ${peaks.durationMs} ms; ` +
        `peaks ${peaks.channels[0]?.max.length ?? 0}/ch, ${kb} KB; ${ms} ms${notes.length ? `; ${notes.join("; ")}` : ""}`,
    );
  } catch (error) {
    failures++;
    console.log(`FAIL ${name}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
console.log(`${targets.length - failures} decoded, ${failures} failed`);
process.exitCode = failures > 0 ? 1 : 0;
