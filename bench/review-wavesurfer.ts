/**
 * The comparison for `npm run bench:review`: the same recording in a bare page where
 * wavesurfer.js 8.0.1 fetches and decodes the whole file itself (no peaks), as a page
 * without a waveform job would. esbuild bundles the page's script; a small HTTP server
 * serves the page, the bundle and the WAV (with Range support, for the <audio> element).
 * `/bare` is an empty page, where the bench seeks a bare <audio> element. The page records, with performance.now() (milliseconds since navigation start), when
 * wavesurfer emits 'decode' and 'ready', in `window.__bench`, and exposes the instance
 * as `window.__ws` for the seek measurement.
 */
import { createReadStream } from "node:fs";
import fs from "node:fs/promises";
import http from "node:http";
import path from "node:path";
import { once } from "node:events";
import { build } from "esbuild";
import getPort from "get-port";

const ENTRY = `
import WaveSurfer from "wavesurfer.js";
const marks = { start: performance.now() };
window.__bench = marks;
const ws = WaveSurfer.create({
  container: document.getElementById("waveform"),
  url: "/audio.wav",
  height: 56,
  normalize: true,
  splitChannels: [
    { waveColor: "#9db8e0", progressColor: "#1d4ed8" },
    { waveColor: "#e0b79d", progressColor: "#b45309" },
  ],
});
window.__ws = ws;
ws.on("decode", () => { marks.decode = performance.now(); });
ws.on("ready", () => {
  marks.ready = performance.now();
  requestAnimationFrame(() => requestAnimationFrame(() => { marks.painted = performance.now(); }));
});
ws.on("error", (error) => { marks.error = String(error && error.message || error); });
`;

const HTML = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>wavesurfer.js decoding the whole file</title>
<style>body { font-family: sans-serif; margin: 2rem; } #waveform { width: 760px; }</style></head>
<body><h1>wavesurfer.js 8.0.1, no peaks</h1><div id="waveform"></div><script src="/bundle.js"></script></body></html>`;

export interface ComparisonPage {
  url: string;
  bundleBytes: number;
  stop(): Promise<void>;
}

export async function startComparisonPage(dir: string, audioFile: string): Promise<ComparisonPage> {
  const entry = path.join(dir, "wavesurfer-entry.js");
  await fs.writeFile(entry, ENTRY);
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    minify: true,
    format: "iife",
    target: "es2020",
    write: false,
    // Resolve wavesurfer.js from the project, not from the temp folder the entry sits in.
    nodePaths: [path.resolve("node_modules")],
    logLevel: "silent",
  });
  const bundle = result.outputFiles[0]?.contents;
  if (!bundle) throw new Error("esbuild produced no bundle");
  const audioSize = (await fs.stat(audioFile)).size;

  const server = http.createServer((request, response) => {
    const route = new URL(request.url ?? "/", "http://localhost").pathname;
    if (route === "/") {
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
      response.end(HTML);
    } else if (route === "/bare") {
      // An empty page of this origin, for a bare <audio> element (the seek floor).
      response.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" });
      response.end('<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare audio</title></head><body></body></html>');
    } else if (route === "/bundle.js") {
      response.writeHead(200, { "Content-Type": "text/javascript", "Content-Length": bundle.length, "Cache-Control": "no-store" });
      response.end(bundle);
    } else if (route === "/audio.wav") {
      const range = /^bytes=(\d*)-(\d*)$/.exec(request.headers.range ?? "");
      if (range && (range[1] || range[2])) {
        const start = range[1] ? Number(range[1]) : Math.max(0, audioSize - Number(range[2]));
        const end = range[1] && range[2] ? Math.min(Number(range[2]), audioSize - 1) : audioSize - 1;
        response.writeHead(206, {
          "Content-Type": "audio/wav",
          "Content-Length": end - start + 1,
          "Content-Range": `bytes ${start}-${end}/${audioSize}`,
          "Accept-Ranges": "bytes",
        });
        createReadStream(audioFile, { start, end }).pipe(response);
      } else {
        response.writeHead(200, { "Content-Type": "audio/wav", "Content-Length": audioSize, "Accept-Ranges": "bytes" });
        createReadStream(audioFile).pipe(response);
      }
    } else {
      response.writeHead(404).end();
    }
  });
  const port = await getPort({ host: "127.0.0.1" });
  server.listen(port, "127.0.0.1");
  await once(server, "listening");
  return {
    url: `http://127.0.0.1:${port}/`,
    bundleBytes: bundle.length,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
