/**
 * `npm run bench:review` — the review workspace (routes/review.$evaluationId.tsx) with a
 * 60-minute two-channel call and a 1,200-turn transcript, in Chromium, on the real server.
 *
 * Builds the app, creates a fresh database (on DATABASE_URL's server when set, else an
 * embedded PostgreSQL), seeds an admin, an agent in a team, a QA specialist, an API token
 * and a published scorecard with the app's use cases, starts the compiled server
 * (`build/server/index.js`, as `npm start` does) as a child process (the waveform job
 * runs in it), writes the call to a temp folder (8 kHz 16-bit
 * stereo PCM WAV, agent left, customer right) and uploads it with its canonical transcript
 * through the REST API's upload path, waits for the peaks, and opens the QA specialist's
 * evaluation of it. Then, signed in through /login, BENCH_RUNS times (default 5):
 *   - the workspace in a fresh browser context (cold cache), then reloaded (warm): from
 *     navigation start to the waveform first drawn (the server-drawn overview painted,
 *     [data-waveform-drawn]), to the interactive waveform ([data-waveform-ready="true"]) and
 *     to the transcript interactive (hydrated, all rows, the list's ready marker); the JS heap
 *     after load (CDP Performance.getMetrics JSHeapUsedSize); and "Play from 45:00" (it seeks and plays) until
 *     the <audio> element plays, with the turn scrolled into view and with it far off-screen;
 *   - beside it, the same WAV in a bare page where wavesurfer.js 8.0.1 fetches and decodes
 *     the whole file (no peaks): navigation start to 'ready', the heap, setTime(2700) +
 *     play() until playing.
 * One discarded warm-up of each comes first. Prints numbers; it is not a test. Results and
 * the machine they were taken on are in docs/benchmarks.md.
 *
 * Environment: BENCH_RUNS (5), BENCH_MINUTES (60), BENCH_TURNS (1200), BENCH_SKIP_BUILD (0),
 * BENCH_KEEP (0: delete the temp folder), DATABASE_URL, PLAYWRIGHT_CHROMIUM_PATH.
 */
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { createDatabase, dropDatabase, startScratchServer, uniqueDatabaseName } from "../db/scratch-database";
import { launchChromium, measureApp, measureBareSeek, measureNavigation, measureWavesurfer, signIn, type AppRun, type NavigationRun, type SeekResult, type WavesurferRun } from "./review-browser";
import { callTranscript, writeCallWav } from "./review-fixture";
import { probeRange, probeServer, type Timing } from "./review-probes";
import { loadAverage, machine } from "./measure";
import { build, importCall, log, openReview, seed, startServer } from "./review-setup";
import { startComparisonPage } from "./review-wavesurfer";

const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const RUNS = env("BENCH_RUNS", 5);
const MINUTES = env("BENCH_MINUTES", 60);
const TURNS = env("BENCH_TURNS", 1200);
const SEEK_TO_S = 45 * 60;

/** The aims of the review-workspace issue. */
const AIMS = { waveformMs: 500, heapMb: 50, seekMs: 200 };

// ---------------------------------------------------------------- statistics and printing

const sorted = (values: number[]) => values.filter((value) => Number.isFinite(value)).sort((a, b) => a - b);
function median(values: number[]): number {
  const list = sorted(values);
  if (list.length === 0) return NaN;
  const middle = Math.floor(list.length / 2);
  return list.length % 2 ? (list[middle] as number) : ((list[middle - 1] as number) + (list[middle] as number)) / 2;
}
const range = (values: number[]) => {
  const list = sorted(values);
  return list.length ? [list[0] as number, list[list.length - 1] as number] : [NaN, NaN];
};

/** "412 ms (380–455)" or "4.1 MB (4.0–4.3)". */
function stat(values: number[], unit: "ms" | "MB"): string {
  if (sorted(values).length === 0) return "—";
  const digits = unit === "MB" ? 1 : 0;
  const [low, high] = range(values);
  return `${median(values).toFixed(digits)} ${unit} (${(low as number).toFixed(digits)}–${(high as number).toFixed(digits)})`;
}

function table(header: string[], rows: string[][]) {
  const widths = header.map((cell, column) => Math.max(cell.length, ...rows.map((row) => (row[column] ?? "").length)));
  const line = (cells: string[]) => `| ${cells.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join(" | ")} |`;
  console.log(line(header));
  console.log(`| ${widths.map((width) => "-".repeat(width)).join(" | ")} |`);
  for (const row of rows) console.log(line(row));
}

// ---------------------------------------------------------------- main

const dir = await fs.mkdtemp(path.join(os.tmpdir(), "parley-bench-review-"));
await fs.chmod(dir, 0o777);
const cleanups: Array<() => Promise<void>> = [];
let exitCode = 0;
try {
  log(`machine: ${machine()}`);
  log(`load average (1/5/15 min): ${loadAverage()}`);
  build();
  const pg = await startScratchServer();
  cleanups.unshift(() => pg.stop());
  const database = uniqueDatabaseName("parley_bench_review");
  const databaseUrl = await createDatabase(pg.serverUrl, database);
  cleanups.unshift(() => dropDatabase(pg.serverUrl, database));
  log(`PostgreSQL: ${process.env.DATABASE_URL ? "DATABASE_URL's server" : "embedded"}, fresh database ${database}`);
  const seeded = await seed(databaseUrl);

  const server = await startServer({ DATABASE_URL: databaseUrl }, path.join(dir, "data"));
  cleanups.unshift(() => server.stop());
  log(`server: ${server.url} (pid ${server.process.pid}), embedded s3rver inside it, jobs in process`);

  const plan = { durationMs: MINUTES * 60_000, turns: TURNS };
  const wavFile = path.join(dir, "bench-call.wav");
  let started = performance.now();
  const size = await writeCallWav(wavFile, plan);
  const transcript = callTranscript(plan);
  log(`call: ${MINUTES} min, 8 kHz 16-bit stereo WAV of ${(size / 1024 ** 2).toFixed(1)} MB written in ${((performance.now() - started) / 1000).toFixed(1)} s; transcript of ${transcript.segments.length} turns, ${(JSON.stringify(transcript).length / 1024).toFixed(0)} KB`);
  const call = await importCall(server, seeded, { file: wavFile, size, transcript });
  log(`uploaded through POST /uploads + presigned PUTs + POST /interactions in ${call.uploadSeconds.toFixed(1)} s; waveform job ready ${call.peaksSeconds.toFixed(1)} s later; duration ${(call.durationMs / 60_000).toFixed(1)} min`);
  const evaluationId = await openReview(databaseUrl, seeded, call.interactionId);
  const reviewPath = `/review/${evaluationId}`;
  log(`evaluation opened for ${seeded.qa.email}: ${reviewPath}`);

  const comparison = await startComparisonPage(dir, wavFile);
  cleanups.unshift(() => comparison.stop());
  log(`comparison page: ${comparison.url} (wavesurfer.js bundle ${(comparison.bundleBytes / 1024).toFixed(0)} KB, the WAV served from disk)`);

  const browser = await launchChromium();
  cleanups.unshift(() => browser.close());
  const chromiumVersion = browser.version();
  log(`Chromium ${chromiumVersion} (headless, playwright.config.ts's flags + --autoplay-policy=no-user-gesture-required)`);
  const storageState = await signIn(browser, server.url, seeded.qa.email, seeded.qa.password);
  log(`signed in through /login as ${seeded.qa.email}`);

  const appOptions = { baseURL: server.url, storageState, path: reviewPath, rows: TURNS };
  started = performance.now();
  const warmUp = await measureApp(browser, appOptions);
  const warmUpWs = await measureWavesurfer(browser, comparison.url);
  log(
    `warm-up (discarded): workspace waveform ${warmUp[0]?.facts.marks.waveform?.toFixed(0)} ms, interactive ${warmUp[0]?.facts.marks.interactive?.toFixed(0)} ms; wavesurfer ready ${warmUpWs.readyMs.toFixed(0)} ms (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );

  const app: AppRun[] = [];
  const ws: WavesurferRun[] = [];
  const bare: SeekResult[] = [];
  const navigations: NavigationRun[] = [];
  const loads: string[] = [];
  const failures: string[] = [];
  for (let run = 1; run <= RUNS; run++) {
    // A load that never finishes is a result too: noted, and the run is repeated.
    const measured = await measureApp(browser, appOptions).catch((error: unknown) => {
      const message = error instanceof Error ? error.message : String(error);
      failures.push(message);
      log(`run ${run}: FAILED, repeating it: ${message}`);
      return null;
    });
    if (!measured) {
      if (server.process.exitCode !== null || server.process.signalCode !== null) throw new Error("the app server is gone");
      if (failures.length > RUNS) throw new Error("more failed workspace loads than runs; giving up");
      run--;
      continue;
    }
    const [cold, warm] = measured;
    if (!cold || !warm) throw new Error("a workspace run returned nothing");
    app.push(cold, warm);
    bare.push(await measureBareSeek(browser, `${comparison.url}bare`, cold.seek?.src ?? ""));
    navigations.push(await measureNavigation(browser, { baseURL: server.url, storageState, conversationPath: `/interactions/${call.interactionId}` }));
    const decoding = await measureWavesurfer(browser, comparison.url);
    ws.push(decoding);
    loads.push(os.loadavg()[0]?.toFixed(1) ?? "?");
    const m = cold.facts.marks;
    log(
      `run ${run}/${RUNS} (load ${loads.at(-1)}): workspace cold: waveform ${m.waveform?.toFixed(0)} ms, rows ${m.rows?.toFixed(0)} ms, interactive ${m.interactive?.toFixed(0)} ms, heap ${cold.memory?.heapMb.toFixed(1)} MB, seek→playing ${cold.seek?.ms.toFixed(0)} ms; ` +
        `warm: waveform ${warm.facts.marks.waveform?.toFixed(0)} ms, interactive ${warm.facts.marks.interactive?.toFixed(0)} ms, far seek ${warm.farSeek?.ms.toFixed(0)} ms; ` +
        `in-app: waveform ${navigations.at(-1)?.overviewPainted.toFixed(0)} ms, interactive ${navigations.at(-1)?.waveform.toFixed(0)} ms; ` +
        `bare <audio> seek ${bare.at(-1)?.ms.toFixed(0)} ms; wavesurfer decoding: ready ${decoding.readyMs.toFixed(0)} ms, heap ${decoding.memory.heapMb.toFixed(1)} MB, seek ${decoding.seek.ms.toFixed(0)} ms`,
    );
  }

  const colds = app.filter((run) => run.kind === "cold");
  const warms = app.filter((run) => run.kind === "warm");
  const of = (runs: AppRun[], pick: (run: AppRun) => number | undefined) => runs.map((run) => pick(run) ?? NaN);
  const first = colds[0]?.facts;

  // Where the time goes, from Node without a browser: the server's answer alone, and storage's
  // answer to the Range request a seek makes.
  const cookie = storageState.cookies.map((c) => `${c.name}=${c.value}`).join("; ");
  const serverProbe = await probeServer(server.url, cookie, reviewPath);
  const peaksBytes = first?.peaks ? (await (await fetch(first.peaks.url)).arrayBuffer()).byteLength : NaN;
  const audioUrl = colds[0]?.seek?.src;
  const rangeProbe = audioUrl ? await probeRange(audioUrl, SEEK_TO_S) : [];
  const times = (list: Timing[], pick: (t: Timing) => number) => list.map(pick);

  console.log("");
  console.log(`## Review workspace, ${MINUTES}-minute stereo call, ${TURNS} turns: median (min–max) of ${RUNS} runs`);
  console.log("");
  console.log(`machine: ${machine()}`);
  console.log(`Chromium ${chromiumVersion}; load average during the runs (1 min): ${loads.join(", ")}; now ${loadAverage()}`);
  console.log(
    `recording ${(size / 1024 ** 2).toFixed(1)} MB; peaks.json ${(peaksBytes / 1024).toFixed(0)} KB; workspace HTML ${((first?.documentBytes ?? 0) / 1024).toFixed(0)} KB, ${first?.scriptCount} scripts of ${((first?.scriptBytes ?? 0) / 1024).toFixed(0)} KB, ${first?.domNodes} DOM nodes`,
  );
  console.log("");
  table(
    ["from navigation start", "workspace, cold cache", "workspace, warm cache", "wavesurfer.js decoding the file"],
    [
      ["HTML received", stat(of(colds, (r) => r.facts.documentResponseEnd), "ms"), stat(of(warms, (r) => r.facts.documentResponseEnd), "ms"), "—"],
      ["**waveform first drawn**: the server's overview painted", stat(of(colds, (r) => r.facts.marks.overviewPainted), "ms"), stat(of(warms, (r) => r.facts.marks.overviewPainted), "ms"), "—"],
      ["all transcript rows in the DOM", stat(of(colds, (r) => r.facts.marks.rows), "ms"), stat(of(warms, (r) => r.facts.marks.rows), "ms"), "—"],
      ["DOMContentLoaded", stat(of(colds, (r) => r.facts.domContentLoaded), "ms"), stat(of(warms, (r) => r.facts.domContentLoaded), "ms"), "—"],
      ["transcript interactive (hydrated)", stat(of(colds, (r) => r.facts.marks.interactive), "ms"), stat(of(warms, (r) => r.facts.marks.interactive), "ms"), "—"],
      ["peaks.json requested (preloaded by the HTML)", stat(of(colds, (r) => r.facts.peaks?.start), "ms"), stat(of(warms, (r) => r.facts.peaks?.start), "ms"), "—"],
      ["peaks.json / the WAV fetched", stat(of(colds, (r) => r.facts.peaks?.end), "ms"), stat(of(warms, (r) => r.facts.peaks?.end), "ms"), stat(ws.map((r) => r.audioFetch?.end ?? NaN), "ms")],
      ["audio decoded", "—", "—", stat(ws.map((r) => r.decodeMs), "ms")],
      ["interactive waveform drawn (wavesurfer ready)", stat(of(colds, (r) => r.facts.marks.waveform), "ms"), stat(of(warms, (r) => r.facts.marks.waveform), "ms"), stat(ws.map((r) => r.readyMs), "ms")],
      ["waveform painted (2 frames later)", stat(of(colds, (r) => r.facts.marks.waveformPainted), "ms"), stat(of(warms, (r) => r.facts.marks.waveformPainted), "ms"), stat(ws.map((r) => r.paintedMs), "ms")],
      ["long tasks until then (sum / longest)", `${stat(of(colds, (r) => r.facts.longTaskMs), "ms")} / ${stat(of(colds, (r) => r.facts.longestTaskMs), "ms")}`, `${stat(of(warms, (r) => r.facts.longTaskMs), "ms")} / ${stat(of(warms, (r) => r.facts.longestTaskMs), "ms")}`, `${stat(ws.map((r) => r.longTaskMs), "ms")} / ${stat(ws.map((r) => r.longestTaskMs), "ms")}`],
      ["**JS heap used** after load (JSHeapUsedSize)", stat(of(colds, (r) => r.memory?.heapMb), "MB"), "—", stat(ws.map((r) => r.memory.heapMb), "MB")],
      ["JS heap used after a forced GC", stat(of(colds, (r) => r.memory?.heapAfterGcMb), "MB"), "—", stat(ws.map((r) => r.memory.heapAfterGcMb), "MB")],
      ["ArrayBuffers outside the heap (backingStorageSize)", stat(of(colds, (r) => r.memory?.arrayBuffersMb), "MB"), "—", stat(ws.map((r) => r.memory.arrayBuffersMb), "MB")],
      ["largest renderer process RSS", stat(of(colds, (r) => r.memory?.rendererRssMb ?? NaN), "MB"), "—", stat(ws.map((r) => r.memory.rendererRssMb ?? NaN), "MB")],
      ["**seek to 45:00 → playing**: the turn in view (cold load), far off-screen (warm load)", stat(of(colds, (r) => r.seek?.ms), "ms"), stat(of(warms, (r) => r.farSeek?.ms), "ms"), stat(ws.map((r) => r.seek.ms), "ms")],
    ],
  );
  console.log("");
  table(
    ["from a click on \"Continue your draft\" on the conversation's page (client-side navigation)", "median (min–max)"],
    [
      ["**waveform first drawn** (overview painted)", stat(navigations.map((n) => n.overviewPainted), "ms")],
      ["interactive waveform drawn (wavesurfer ready)", stat(navigations.map((n) => n.waveform), "ms")],
      ["every transcript turn rendered", stat(navigations.map((n) => n.transcriptReady), "ms")],
    ],
  );
  console.log("");
  const seeksOf = (runs: AppRun[], pick: (run: AppRun) => SeekResult | null) => runs.flatMap((run) => (pick(run) ? [pick(run) as SeekResult] : []));
  const seekRow = (label: string, seeks: SeekResult[]) => [
    label,
    stat(seeks.map((r) => r.events.seeking ?? NaN), "ms"),
    stat(seeks.map((r) => r.events.seeked ?? NaN), "ms"),
    stat(seeks.map((r) => r.ms), "ms"),
    stat(seeks.map((r) => r.busyMs), "ms"),
  ];
  table(
    ["seek to 45:00, from the click (or the call)", "'seeking' event", "'seeked'", "**'playing'**", "long tasks meanwhile"],
    [
      seekRow("workspace (cold load): \"Play from 45:00\" in view", seeksOf(colds, (r) => r.seek)),
      seekRow("workspace (warm load): the same button far off-screen", seeksOf(warms, (r) => r.farSeek)),
      seekRow("bare <audio>, the same presigned URL: currentTime, play()", bare),
      seekRow("wavesurfer.js, file decoded in memory: setTime, play()", ws.map((r) => r.seek)),
    ],
  );
  const allSeeks = [...seeksOf(colds, (r) => r.seek), ...seeksOf(warms, (r) => r.farSeek), ...ws.map((run) => run.seek), ...bare];
  const positions = allSeeks.map((seek) => seek.position);
  const advanced = allSeeks.map((seek) => seek.advanced);
  console.log("");
  console.log(`seek check: playback started at ${Math.min(...positions).toFixed(2)}–${Math.max(...positions).toFixed(2)} s (asked ${SEEK_TO_S} s) and advanced ${Math.min(...advanced).toFixed(2)}–${Math.max(...advanced).toFixed(2)} s in the next 0.5 s`);
  console.log(`workspace loads that did not finish within 30 s: ${failures.length}${failures.length ? ` (repeated; first: ${failures[0]})` : ""}`);
  console.log("");
  console.log("From Node, no browser (5 each, sequential):");
  const html = serverProbe.html;
  const data = serverProbe.data;
  console.log(`  GET ${reviewPath} (HTML): headers ${stat(times(html, (t) => t.headersMs), "ms")}, complete ${stat(times(html, (t) => t.totalMs), "ms")}, ${((html[0]?.bytes ?? 0) / 1024).toFixed(0)} KB`);
  console.log(`  GET ${reviewPath}.data (loader data alone): complete ${stat(times(data, (t) => t.totalMs), "ms")}, ${((data[0]?.bytes ?? 0) / 1024).toFixed(0)} KB`);
  console.log(`  Range request at 45:00 to storage (presigned GET, first 64 KiB): headers ${stat(times(rangeProbe, (t) => t.headersMs), "ms")}, 64 KiB ${stat(times(rangeProbe, (t) => t.totalMs), "ms")}`);

  console.log("");
  console.log("Against the aims (workspace, cold cache, median; warm in brackets):");
  const verdict = (value: number, aim: number) => (value <= aim ? "✔" : "✘");
  const waveform = median(of(colds, (r) => r.facts.marks.overviewPainted));
  const interactiveWaveform = median(of(colds, (r) => r.facts.marks.waveform));
  const heap = median(of(colds, (r) => r.memory?.heapMb));
  const seek = median(of(colds, (r) => r.seek?.ms));
  console.log(
    `  ${verdict(waveform, AIMS.waveformMs)} waveform drawn < ${AIMS.waveformMs} ms after navigation: ${waveform.toFixed(0)} ms (warm ${median(of(warms, (r) => r.facts.marks.overviewPainted)).toFixed(0)} ms); the interactive waveform ${interactiveWaveform.toFixed(0)} ms (warm ${median(of(warms, (r) => r.facts.marks.waveform)).toFixed(0)} ms)`,
  );
  const navigated = median(navigations.map((n) => n.overviewPainted));
  console.log(`  ${verdict(navigated, AIMS.waveformMs)} the same from a click on "Continue your draft" (client-side navigation): ${navigated.toFixed(0)} ms; interactive ${median(navigations.map((n) => n.waveform)).toFixed(0)} ms`);
  console.log(`  ${verdict(heap, AIMS.heapMb)} JS heap < ${AIMS.heapMb} MB: ${heap.toFixed(1)} MB (${median(of(colds, (r) => r.memory?.heapAfterGcMb)).toFixed(1)} MB after a forced GC)`);
  console.log(`  ${verdict(seek, AIMS.seekMs)} seek to 45:00 → playing < ${AIMS.seekMs} ms: ${seek.toFixed(0)} ms with the turn in view; ${median(of(warms, (r) => r.farSeek?.ms)).toFixed(0)} ms with the transcript following far`);
  console.log("");
  // Raw numbers for the record, without the presigned URLs.
  const withoutUrls = (key: string, value: unknown) => (key === "src" || key === "url" ? undefined : value);
  console.log(JSON.stringify({ machine: machine(), chromium: chromiumVersion, loads, failures, app, navigations, bare, wavesurfer: ws, serverProbe, rangeProbe }, withoutUrls));
} catch (error) {
  console.error("[bench] failed:", error);
  exitCode = 1;
} finally {
  for (const cleanup of cleanups) await cleanup().catch((error: unknown) => console.error("[bench] clean-up:", error));
  if (process.env.BENCH_KEEP !== "1") await fs.rm(dir, { recursive: true, force: true });
}
process.exit(exitCode);
