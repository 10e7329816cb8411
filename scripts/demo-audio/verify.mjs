#!/usr/bin/env node
// Sanity checks for db/seed/demo/ (run by generate.sh after building; needs
// only Node, so it can also run on a machine without espeak-ng/sox):
//   node scripts/demo-audio/verify.mjs
// - manifest shape, every agent has >= 2 interactions, files exist
// - WAVs are stereo 8 kHz G.711 mu-law, 25-75 s, length == manifest durationMs
//   and ends <= 50 ms after the last segment
// - every segment is loud on its own channel (LEFT agent, RIGHT customer) and
//   the other channel is silent there, except where the other speaker talks
// - segment ids s1.. in time order, words inside their segment, in order,
//   and words joined by spaces == segment text
// - chats: ISO offsets from 2026-01-01, gaps 10-90 s, durationMs consistent

import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const HERE = path.dirname(fileURLToPath(import.meta.url));
const OUT = path.resolve(HERE, "../../db/seed/demo");
const AGENTS = [
  "dana.reyes",
  "marcus.chen",
  "priya.natarajan",
  "tom.becker",
  "aisha.okafor",
  "liam.oconnor",
  "sofia.rossi",
  "kenji.watanabe",
  "elena.petrova",
  "jamal.wright",
  "hannah.kim",
  "diego.alvarez",
];
const EPOCH = Date.parse("2026-01-01T00:00:00.000Z");

const problems = [];
const bad = (slug, msg) => problems.push(`${slug}: ${msg}`);

function readWav(file) {
  const b = fs.readFileSync(file);
  if (
    b.toString("ascii", 0, 4) !== "RIFF" ||
    b.toString("ascii", 8, 12) !== "WAVE"
  ) {
    throw new Error("not a RIFF/WAVE file");
  }
  let fmt;
  let data;
  for (let p = 12; p + 8 <= b.length;) {
    const id = b.toString("ascii", p, p + 4);
    const size = b.readUInt32LE(p + 4);
    if (id === "fmt ") {
      fmt = {
        format: b.readUInt16LE(p + 8),
        channels: b.readUInt16LE(p + 10),
        rate: b.readUInt32LE(p + 12),
        bits: b.readUInt16LE(p + 22),
      };
    } else if (id === "data") data = b.subarray(p + 8, p + 8 + size);
    p += 8 + size + (size & 1);
  }
  return { fmt, data };
}

const ULAW = new Int16Array(256);
for (let i = 0; i < 256; i++) {
  const u = ~i & 0xff;
  const exp = (u >> 4) & 7;
  const s = (((u & 0x0f) << 3) + 0x84) << exp;
  ULAW[i] = u & 0x80 ? -(s - 0x84) : s - 0x84;
}

/** RMS (0..1) of one channel over [fromMs, toMs). */
function rms(data, ch, fromMs, toMs) {
  const a = Math.max(0, Math.round(fromMs * 8));
  const z = Math.min(data.length / 2, Math.round(toMs * 8));
  if (z <= a) return 0;
  let sum = 0;
  for (let i = a; i < z; i++) sum += ULAW[data[i * 2 + ch]] ** 2;
  return Math.sqrt(sum / (z - a)) / 32768;
}

const manifest = JSON.parse(
  fs.readFileSync(path.join(OUT, "manifest.json"), "utf8"),
);
const perAgent = Object.fromEntries(AGENTS.map((a) => [a, 0]));
let callBytes = 0;
let minLoud = Infinity;
let maxQuiet = 0;
let overlaps = 0;
let holds = 0;

for (const m of manifest) {
  if (!(m.agent in perAgent)) bad(m.slug, `unknown agent ${m.agent}`);
  else perAgent[m.agent]++;
  if (!(m.daysAgo >= 1 && m.daysAgo <= 40)) bad(m.slug, "daysAgo");
  if (!(m.hour >= 8 && m.hour <= 18)) bad(m.slug, "hour");
  const tr = JSON.parse(fs.readFileSync(path.join(OUT, m.transcript), "utf8"));
  if (tr.version !== 1 || tr.channel !== m.channel)
    bad(m.slug, "transcript header");
  const roles = tr.speakers.map((s) => `${s.id}:${s.role}`).join(",");
  if (roles !== "a:agent,c:customer") bad(m.slug, `speakers ${roles}`);
  if (tr.speakers[1].name !== m.customerName)
    bad(m.slug, "customer name mismatch");
  tr.segments.forEach((s, i) => {
    if (s.id !== `s${i + 1}`) bad(m.slug, `segment id ${s.id} at ${i}`);
    if (!["a", "c"].includes(s.speaker)) bad(m.slug, `speaker ${s.speaker}`);
    if (!s.text) bad(m.slug, `${s.id} empty`);
  });

  if (m.channel === "call") {
    const { fmt, data } = readWav(path.join(OUT, m.recording));
    callBytes += fs.statSync(path.join(OUT, m.recording)).size;
    if (
      fmt.format !== 7 ||
      fmt.channels !== 2 ||
      fmt.rate !== 8000 ||
      fmt.bits !== 8
    ) {
      bad(m.slug, `wav format ${JSON.stringify(fmt)}`);
    }
    const durMs = data.length / 2 / 8;
    const lastEnd = Math.max(...tr.segments.map((s) => s.endMs));
    if (durMs !== m.durationMs)
      bad(m.slug, `wav ${durMs} ms != manifest ${m.durationMs} ms`);
    if (durMs < lastEnd || durMs - lastEnd > 50)
      bad(m.slug, `wav ${durMs} ms vs last endMs ${lastEnd}`);
    if (durMs < 25000 || durMs > 75000)
      bad(m.slug, `duration ${durMs} ms outside 25-75 s`);
    tr.segments.forEach((s, i) => {
      if (
        !Number.isInteger(s.startMs) ||
        !Number.isInteger(s.endMs) ||
        s.endMs <= s.startMs
      ) {
        bad(m.slug, `${s.id} times`);
      }
      if (i > 0 && s.startMs < tr.segments[i - 1].startMs)
        bad(m.slug, `${s.id} out of order`);
      if (i > 0) {
        const prev = tr.segments[i - 1];
        if (s.startMs < prev.endMs) overlaps++;
        if (s.startMs - prev.endMs >= 3000) holds++;
      }
      let t = s.startMs;
      for (const w of s.words) {
        if (w.startMs !== t || w.endMs < w.startMs)
          bad(m.slug, `${s.id} word ${w.text} timing`);
        t = w.endMs;
      }
      if (t !== s.endMs) bad(m.slug, `${s.id} words end ${t} != ${s.endMs}`);
      if (s.words.map((w) => w.text).join(" ") !== s.text)
        bad(m.slug, `${s.id} words != text`);

      const own = s.speaker === "a" ? 0 : 1;
      const loud = rms(data, own, s.startMs, s.endMs);
      minLoud = Math.min(minLoud, loud);
      if (loud < 0.02)
        bad(m.slug, `${s.id} own channel quiet (rms ${loud.toFixed(4)})`);
      // Other channel must be silent where the other speaker is not talking.
      const others = tr.segments.filter((o) => o.speaker !== s.speaker);
      let cur = s.startMs;
      for (const o of [...others, { startMs: s.endMs, endMs: s.endMs }].sort(
        (x, y) => x.startMs - y.startMs,
      )) {
        if (o.endMs <= cur) continue;
        if (o.startMs > cur) {
          const q = rms(data, 1 - own, cur, Math.min(o.startMs, s.endMs));
          maxQuiet = Math.max(maxQuiet, q);
          if (q > 0.001)
            bad(
              m.slug,
              `${s.id} other channel not silent (rms ${q.toFixed(4)})`,
            );
        }
        cur = Math.max(cur, o.endMs);
        if (cur >= s.endMs) break;
      }
    });
  } else {
    if (m.direction !== "inbound" || m.recording)
      bad(m.slug, "chat direction/recording");
    let prev;
    for (const s of tr.segments) {
      const at = Date.parse(s.at);
      if (new Date(at).toISOString() !== s.at)
        bad(m.slug, `${s.id} at not ISO`);
      if (prev !== undefined) {
        const gap = (at - prev) / 1000;
        if (gap < 10 || gap > 90) bad(m.slug, `${s.id} gap ${gap} s`);
      } else if (at !== EPOCH)
        bad(m.slug, "first message not at 2026-01-01T00:00:00.000Z");
      prev = at;
    }
    if (prev - EPOCH !== m.durationMs)
      bad(m.slug, "durationMs != last at - first at");
  }
}
for (const [a, n] of Object.entries(perAgent))
  if (n < 2) bad(a, `only ${n} interactions`);
if (callBytes > 14 * 1024 * 1024)
  bad("calls", `total ${callBytes} bytes > 14 MiB`);

const calls = manifest.filter((m) => m.channel === "call");
console.log(
  `verify: ${manifest.length} interactions (${calls.length} calls, ${manifest.length - calls.length} chats); ` +
    `calls ${(callBytes / 1048576).toFixed(2)} MiB, ${(calls.reduce((a, m) => a + m.durationMs, 0) / 1000).toFixed(1)} s; ` +
    `min speech RMS ${minLoud.toFixed(4)}, max cross-channel RMS ${maxQuiet.toFixed(6)}; ` +
    `${overlaps} overlapping turn(s), ${holds} hold(s) >= 3 s`,
);
console.log(`verify: per agent ${Object.values(perAgent).join(" ")}`);
if (problems.length) {
  for (const p of problems) console.error(`verify: ${p}`);
  process.exit(1);
}
console.log("verify: OK");
