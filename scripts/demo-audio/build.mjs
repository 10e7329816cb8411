#!/usr/bin/env node
// Builds the demo interactions in db/seed/demo/ from the dialogue sources in
// scripts/demo-audio/dialogues/. Run through `npm run demo:audio`
// (scripts/demo-audio/generate.sh), which checks that espeak-ng and sox exist.
//
// No npm dependencies: Node 20 standard library + the espeak-ng and sox CLIs.
//
// Dialogue file format (<slug>.txt, slug = file name):
//
//   # comment
//   channel: call | chat
//   agent: dana.reyes                      (email local part, see AGENTS)
//   customer: Margaret Olsen
//   direction: inbound | outbound          (calls; chats are always inbound)
//   queue: billing | tech-support | retention | sales
//   tags: refund, late-fee
//   daysAgo: 3
//   hour: 10
//   summary: One line for humans.
//   agentVoice: en-us+f3                   (optional, calls; default per agent)
//   customerVoice: en+m3                   (calls)
//   customerPitch: 45                      (optional, calls; espeak-ng -p)
//   ---
//   A: Agent line.
//   C: Customer line.
//   [gap 0.9]       calls: silence before the next turn, seconds (default 0.3-1.2 s)
//   [hold 4.5]      calls: same as gap, used for hold silences (3-6 s)
//   [overlap 300]   calls: next turn starts 300 ms before the previous one ends
//   [wait 75]       chats: seconds before the next message (default 10-90 s)
//
// Inside a line, {written|spoken} puts `written` in the transcript and has
// espeak-ng say `spoken` instead, e.g. {$12.50|twelve dollars fifty}.
//
// Everything is deterministic: "random" gaps come from a hash of the slug and
// turn index, espeak-ng and sox (run with -R, no dither) give identical output
// for identical input, and the temp directory name never reaches the outputs.

import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, "../..");
const DIALOGUES = path.join(HERE, "dialogues");
const OUT = path.join(ROOT, "db/seed/demo");

const RATE = 8000; // Hz; 8 samples per millisecond
const SPM = RATE / 1000;
const SPEED = 165; // espeak-ng words per minute (default 175; a little slower reads better)
const TAIL_MS = 30; // silence after the last turn of a call
const CHAT_EPOCH = Date.parse("2026-01-01T00:00:00.000Z");

const AGENTS = {
  "dana.reyes": { name: "Dana Reyes", team: "billing", voice: "en-us+f3" },
  "marcus.chen": { name: "Marcus Chen", team: "billing", voice: "en-us+m1" },
  "priya.natarajan": {
    name: "Priya Natarajan",
    team: "billing",
    voice: "en+f2",
  },
  "tom.becker": { name: "Tom Becker", team: "billing", voice: "en-us+m7" },
  "aisha.okafor": {
    name: "Aisha Okafor",
    team: "tech-support",
    voice: "en-us+f5",
  },
  "liam.oconnor": {
    name: "Liam O'Connor",
    team: "tech-support",
    voice: "en+m3",
  },
  "sofia.rossi": {
    name: "Sofia Rossi",
    team: "tech-support",
    voice: "en-gb-x-rp+f3",
  },
  "kenji.watanabe": {
    name: "Kenji Watanabe",
    team: "tech-support",
    voice: "en-us+m5",
  },
  "elena.petrova": { name: "Elena Petrova", team: "retention", voice: "en+f4" },
  "jamal.wright": {
    name: "Jamal Wright",
    team: "retention",
    voice: "en-us-nyc+m6",
  },
  "hannah.kim": { name: "Hannah Kim", team: "retention", voice: "en-us+f2" },
  "diego.alvarez": {
    name: "Diego Alvarez",
    team: "retention",
    voice: "en-029+m4",
  },
};
const QUEUES = new Set(["billing", "tech-support", "retention", "sales"]);

// ---------------------------------------------------------------- helpers

/** Deterministic number in [0, 1) from a string. */
function unit(key) {
  return createHash("sha256").update(key).digest().readUInt32BE(0) / 2 ** 32;
}

function fail(msg) {
  console.error(`demo-audio: ${msg}`);
  process.exit(1);
}

const written = (s) => s.replace(/\{([^|}]*)\|([^}]*)\}/g, "$1");
const spoken = (s) => s.replace(/\{([^|}]*)\|([^}]*)\}/g, "$2");

function parseDialogue(file) {
  const slug = path.basename(file, ".txt");
  const src = fs.readFileSync(file, "utf8");
  const [head, body] = src.split(/^---\s*$/m);
  if (body === undefined)
    fail(`${slug}: missing '---' between header and turns`);
  const meta = {};
  for (const raw of head.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    const m = /^([A-Za-z]+):\s*(.*)$/.exec(line);
    if (!m) fail(`${slug}: bad header line: ${line}`);
    meta[m[1]] = m[2];
  }
  const turns = [];
  let pending = {};
  for (const raw of body.split("\n")) {
    const line = raw.trim();
    if (!line || line.startsWith("#")) continue;
    let m;
    if ((m = /^\[(gap|hold|overlap|wait)\s+([\d.]+)\]$/.exec(line))) {
      pending[m[1]] = Number(m[2]);
    } else if ((m = /^([AC]):\s*(.+)$/.exec(line))) {
      turns.push({ speaker: m[1] === "A" ? "a" : "c", text: m[2], ...pending });
      pending = {};
    } else {
      fail(`${slug}: bad line: ${line}`);
    }
  }
  const d = {
    slug,
    channel: meta.channel,
    agent: meta.agent,
    customerName: meta.customer,
    direction: meta.direction ?? "inbound",
    queue: meta.queue,
    tags: (meta.tags ?? "")
      .split(",")
      .map((t) => t.trim())
      .filter(Boolean),
    daysAgo: Number(meta.daysAgo),
    hour: Number(meta.hour),
    summary: meta.summary,
    agentVoice: meta.agentVoice,
    customerVoice: meta.customerVoice,
    customerPitch: meta.customerPitch ? Number(meta.customerPitch) : undefined,
    turns,
  };
  if (!["call", "chat"].includes(d.channel))
    fail(`${slug}: channel must be call or chat`);
  if (!AGENTS[d.agent]) fail(`${slug}: unknown agent ${d.agent}`);
  if (!d.customerName) fail(`${slug}: customer missing`);
  if (!QUEUES.has(d.queue)) fail(`${slug}: bad queue ${d.queue}`);
  if (!["inbound", "outbound"].includes(d.direction))
    fail(`${slug}: bad direction`);
  if (d.channel === "chat" && d.direction !== "inbound")
    fail(`${slug}: chats are inbound`);
  if (!(d.daysAgo >= 1 && d.daysAgo <= 40))
    fail(`${slug}: daysAgo must be 1..40`);
  if (!(d.hour >= 8 && d.hour <= 18)) fail(`${slug}: hour must be 8..18`);
  if (!d.summary) fail(`${slug}: summary missing`);
  if (d.channel === "call" && !d.customerVoice)
    fail(`${slug}: customerVoice missing`);
  if (turns.length < 2) fail(`${slug}: needs turns`);
  return d;
}

function speakers(d) {
  return [
    { id: "a", role: "agent", name: AGENTS[d.agent].name },
    { id: "c", role: "customer", name: d.customerName },
  ];
}

/** JSON with 2-space indent, but each speaker and each word on one line. */
function toJson(value) {
  const str = '("(?:[^"\\\\]|\\\\.)*")';
  return (
    JSON.stringify(value, null, 2)
      .replace(
        new RegExp(
          `\\{\\n\\s+"startMs": (\\d+),\\n\\s+"endMs": (\\d+),\\n\\s+"text": ${str}\\n\\s+\\}`,
          "g",
        ),
        '{ "startMs": $1, "endMs": $2, "text": $3 }',
      )
      .replace(
        new RegExp(
          `\\{\\n\\s+"id": ${str},\\n\\s+"role": ${str},\\n\\s+"name": ${str}\\n\\s+\\}`,
          "g",
        ),
        '{ "id": $1, "role": $2, "name": $3 }',
      ) + "\n"
  );
}

// ---------------------------------------------------------------- calls

/**
 * Synthesises one turn and returns it as mono 16-bit samples at 8 kHz with
 * leading and trailing silence trimmed, padded to a whole millisecond.
 */
function synth(tmp, text, voice, pitch) {
  const txt = path.join(tmp, "turn.txt");
  const wav = path.join(tmp, "turn.wav");
  const raw = path.join(tmp, "turn.raw");
  fs.writeFileSync(txt, text + "\n");
  const args = ["-v", voice, "-s", String(SPEED), "-w", wav, "-f", txt];
  if (pitch !== undefined) args.splice(4, 0, "-p", String(pitch));
  execFileSync("espeak-ng", args, { stdio: ["ignore", "ignore", "inherit"] });
  // Trim silence at both ends, resample to 8 kHz, normalise to -3 dBFS.
  // -R / -D: repeatable, no dither, so output is byte-identical run to run.
  execFileSync("sox", [
    "-R",
    "-D",
    "-G",
    wav,
    "-t",
    "raw",
    "-e",
    "signed-integer",
    "-b",
    "16",
    "-c",
    "1",
    "-r",
    String(RATE),
    raw,
    "silence",
    "1",
    "0.05",
    "1%",
    "reverse",
    "silence",
    "1",
    "0.05",
    "1%",
    "reverse",
    "rate",
    "-h",
    String(RATE),
    "gain",
    "-n",
    "-3",
  ]);
  const buf = fs.readFileSync(raw);
  const n = Math.ceil(buf.length / 2 / SPM) * SPM;
  const out = new Int16Array(n);
  for (let i = 0; i < buf.length / 2; i++) out[i] = buf.readInt16LE(i * 2);
  return out;
}

/**
 * Word timings: espeak-ng cannot report them, so each turn's (trimmed) audio
 * duration is spread over its words in proportion to their character length
 * (+1 per word for the inter-word gap, so "a" or "I" still get some time).
 * Words are the transcript text split on whitespace, punctuation kept, so
 * words.map(w => w.text).join(" ") === segment.text.
 */
function wordTimings(text, startMs, endMs) {
  const tokens = text.split(/\s+/).filter(Boolean);
  const weights = tokens.map((t) => t.length + 1);
  const total = weights.reduce((a, b) => a + b, 0);
  const dur = endMs - startMs;
  let acc = 0;
  return tokens.map((t, i) => {
    const s = startMs + Math.round((dur * acc) / total);
    acc += weights[i];
    const e = startMs + Math.round((dur * acc) / total);
    return { startMs: s, endMs: e, text: t };
  });
}

function buildCall(d, tmp) {
  const agentVoice = d.agentVoice ?? AGENTS[d.agent].voice;
  const placed = []; // { speaker, text, start (samples), samples }
  let prevEnd = 0; // samples
  d.turns.forEach((t, i) => {
    const audio =
      t.speaker === "a"
        ? synth(tmp, spoken(t.text), agentVoice, undefined)
        : synth(tmp, spoken(t.text), d.customerVoice, d.customerPitch);
    let start;
    if (i === 0) start = 0;
    else if (t.overlap !== undefined) {
      if (placed[i - 1].speaker === t.speaker)
        fail(`${d.slug}: overlap needs a speaker change`);
      start = prevEnd - Math.round(t.overlap) * SPM;
    } else {
      // Default gap 0.3-1.2 s, skewed towards short replies (mean ~0.66 s).
      const gap = t.hold ?? t.gap ?? 0.3 + 0.9 * unit(`${d.slug}#${i}`) ** 1.5;
      start = prevEnd + Math.round(gap * 100) * 10 * SPM; // gap rounded to 10 ms
    }
    // Never overlap a speaker with themselves (one channel each).
    const own = placed.filter((p) => p.speaker === t.speaker).at(-1);
    if (own && start < own.start + own.samples.length)
      fail(`${d.slug}: turn ${i + 1} collides`);
    placed.push({
      speaker: t.speaker,
      text: written(t.text),
      start,
      samples: audio,
    });
    prevEnd = Math.max(prevEnd, start + audio.length);
  });

  const total = prevEnd + TAIL_MS * SPM;
  const pcm = Buffer.alloc(total * 2 * 2); // stereo, 16-bit
  for (const p of placed) {
    const ch = p.speaker === "a" ? 0 : 1; // LEFT = agent, RIGHT = customer
    for (let k = 0; k < p.samples.length; k++) {
      pcm.writeInt16LE(p.samples[k], ((p.start + k) * 2 + ch) * 2);
    }
  }
  const rawPath = path.join(tmp, "call.raw");
  fs.writeFileSync(rawPath, pcm);
  const wavRel = `calls/${d.slug}.wav`;
  execFileSync("sox", [
    "-R",
    "-D",
    "-t",
    "raw",
    "-e",
    "signed-integer",
    "-b",
    "16",
    "-c",
    "2",
    "-r",
    String(RATE),
    rawPath,
    "-e",
    "u-law",
    "-b",
    "8",
    "-c",
    "2",
    "-r",
    String(RATE),
    path.join(OUT, wavRel),
  ]);

  const segments = placed
    .map((p) => ({
      ...p,
      startMs: p.start / SPM,
      endMs: (p.start + p.samples.length) / SPM,
    }))
    .sort((x, y) => x.startMs - y.startMs)
    .map((p, i) => ({
      id: `s${i + 1}`,
      speaker: p.speaker,
      startMs: p.startMs,
      endMs: p.endMs,
      text: p.text,
      words: wordTimings(p.text, p.startMs, p.endMs),
    }));
  const trRel = `calls/${d.slug}.transcript.json`;
  fs.writeFileSync(
    path.join(OUT, trRel),
    toJson({ version: 1, channel: "call", speakers: speakers(d), segments }),
  );
  return { recording: wavRel, transcript: trRel, durationMs: total / SPM };
}

// ---------------------------------------------------------------- chats

/**
 * Typing gap before a message: think time + typing at ~4 chars/s + jitter,
 * clamped to 10-90 s. Agents type a little faster (templates, practice).
 */
function chatGap(d, i, t) {
  if (t.wait !== undefined) return Math.round(t.wait);
  const len = written(t.text).length;
  const cps = t.speaker === "a" ? 5 : 3.5;
  const g = 6 + len / cps + 14 * unit(`${d.slug}#${i}`);
  return Math.min(90, Math.max(10, Math.round(g)));
}

function buildChat(d) {
  let sec = 0;
  const segments = d.turns.map((t, i) => {
    if (i > 0) sec += chatGap(d, i, t);
    return {
      id: `s${i + 1}`,
      speaker: t.speaker,
      at: new Date(CHAT_EPOCH + sec * 1000).toISOString(),
      text: written(t.text),
    };
  });
  const rel = `chats/${d.slug}.json`;
  fs.writeFileSync(
    path.join(OUT, rel),
    toJson({ version: 1, channel: "chat", speakers: speakers(d), segments }),
  );
  return { transcript: rel, durationMs: sec * 1000 };
}

// ---------------------------------------------------------------- main

const files = fs
  .readdirSync(DIALOGUES)
  .filter((f) => f.endsWith(".txt"))
  .sort();
const dialogues = files.map((f) => parseDialogue(path.join(DIALOGUES, f)));

// Start from a clean slate so renamed/removed dialogues leave nothing behind.
for (const sub of ["calls", "chats"]) {
  fs.rmSync(path.join(OUT, sub), { recursive: true, force: true });
  fs.mkdirSync(path.join(OUT, sub), { recursive: true });
}
fs.copyFileSync(path.join(HERE, "seed-readme.md"), path.join(OUT, "README.md"));

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "parley-demo-audio-"));
const manifest = [];
try {
  for (const d of dialogues) {
    const built = d.channel === "call" ? buildCall(d, tmp) : buildChat(d);
    manifest.push({
      slug: d.slug,
      channel: d.channel,
      agent: d.agent,
      customerName: d.customerName,
      direction: d.direction,
      queue: d.queue,
      tags: d.tags,
      daysAgo: d.daysAgo,
      hour: d.hour,
      ...(built.recording ? { recording: built.recording } : {}),
      transcript: built.transcript,
      durationMs: built.durationMs,
      summary: d.summary,
    });
    const secs = (built.durationMs / 1000).toFixed(1);
    console.log(`${d.channel}  ${d.slug.padEnd(44)} ${secs.padStart(6)} s`);
  }
} finally {
  fs.rmSync(tmp, { recursive: true, force: true });
}
fs.writeFileSync(
  path.join(OUT, "manifest.json"),
  JSON.stringify(manifest, null, 2) + "\n",
);
console.log(
  `demo-audio: wrote ${manifest.length} interactions to ${path.relative(ROOT, OUT)}/`,
);
