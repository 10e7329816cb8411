/**
 * The recording and transcript `npm run bench:review` reviews: a two-channel call (agent
 * left, customer right, 8 kHz 16-bit PCM WAV, streamed to disk) and its canonical
 * transcript (DESIGN.md "Canonical transcript") of turns alternating agent/customer.
 * Each turn is `TURN_MS` long: the speaker's channel carries a voiced tone with syllable-
 * rate bursts and noise, the other channel faint noise, so both lanes of the waveform show
 * the turns instead of a flat line.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { pcm16WavHeader } from "../app/modules/recordings/pcm-wav-header";
import type { CallTranscript } from "../app/modules/transcripts/transcript";

export const SAMPLE_RATE = 8000;
const CHANNELS = 2;
/** The spoken part of each turn; the rest of it is a pause on both channels. */
const SPOKEN_FRACTION = 0.85;

/** A small deterministic generator (mulberry32), so every run writes the same bytes. */
function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CallPlan {
  durationMs: number;
  turns: number;
}

export const turnMs = (plan: CallPlan) => plan.durationMs / plan.turns;

/** Writes the WAV to `file`, one turn at a time; returns its size in bytes. */
export async function writeCallWav(file: string, plan: CallPlan): Promise<number> {
  const frameCount = Math.round((plan.durationMs / 1000) * SAMPLE_RATE);
  const dataBytes = frameCount * CHANNELS * 2;
  const out = createWriteStream(file);
  out.write(pcm16WavHeader({ channels: CHANNELS, sampleRate: SAMPLE_RATE, dataBytes }));
  const next = random(42);
  const framesPerTurn = frameCount / plan.turns;
  for (let turn = 0; turn < plan.turns; turn++) {
    const from = Math.round(turn * framesPerTurn);
    const to = Math.round((turn + 1) * framesPerTurn);
    const chunk = Buffer.alloc((to - from) * CHANNELS * 2);
    const speaker = turn % 2; // 0: agent (left), 1: customer (right)
    const pitch = speaker === 0 ? 150 + (turn % 7) * 12 : 210 + (turn % 5) * 15;
    const loudness = 0.25 + 0.45 * next();
    const spoken = (to - from) * SPOKEN_FRACTION;
    let phase = 0;
    for (let frame = 0; frame < to - from; frame++) {
      const t = frame / SAMPLE_RATE;
      phase += (2 * Math.PI * pitch * (1 + 0.08 * Math.sin(2 * Math.PI * 0.7 * t))) / SAMPLE_RATE;
      const syllables = Math.abs(Math.sin(2 * Math.PI * 3.5 * t + turn));
      const voice = frame < spoken ? loudness * syllables * (0.75 * Math.sin(phase) + 0.25 * Math.sin(3 * phase) + 0.15 * (next() - 0.5)) : 0;
      const hiss = 0.01 * (next() - 0.5);
      const left = speaker === 0 ? voice + hiss : hiss;
      const right = speaker === 1 ? voice + hiss : hiss;
      chunk.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(left * 32767))), frame * 4);
      chunk.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(right * 32767))), frame * 4 + 2);
    }
    if (!out.write(chunk)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
  return 44 + dataBytes;
}

const AGENT_LINES = [
  "Thanks for holding, I can see the account here and the last payment went through on the third.",
  "Let me check the tracking for that order, it should only take a moment.",
  "I understand, that is frustrating, and I am sorry the engineer did not turn up.",
  "For security, could you confirm the postcode and the date of birth on the account?",
  "I have applied a credit of twelve pounds, you will see it on the next bill.",
  "Is there anything else I can help you with today?",
  "I will book a callback for Thursday morning between nine and twelve.",
  "The router should restart now; the lights will flash orange for about a minute.",
];
const CUSTOMER_LINES = [
  "Yes, hello, I am calling because my bill is much higher than usual this month.",
  "The postcode is SW1A 2AA and my date of birth is the fourth of May.",
  "It has been dropping out every evening since last Tuesday.",
  "No, nobody told me there would be a charge for that.",
  "Okay, that sounds fine, thank you.",
  "Could you send that to me by email as well please?",
  "I have already restarted it twice and it did not help.",
  "Right, so when will the engineer come out?",
];

/** The canonical transcript: `plan.turns` segments alternating agent/customer, with word times. */
export function callTranscript(plan: CallPlan): CallTranscript {
  const length = turnMs(plan);
  const segments = Array.from({ length: plan.turns }, (_, index) => {
    const agent = index % 2 === 0;
    const lines = agent ? AGENT_LINES : CUSTOMER_LINES;
    const text = `${lines[Math.floor(index / 2) % lines.length] as string} (turn ${index + 1})`;
    const startMs = Math.round(index * length);
    const endMs = Math.round(startMs + length * SPOKEN_FRACTION);
    const tokens = text.split(" ");
    const step = (endMs - startMs) / tokens.length;
    const words = tokens.map((word, n) => ({ startMs: Math.round(startMs + n * step), endMs: Math.round(startMs + (n + 1) * step), text: word }));
    return { id: `s${index + 1}`, speaker: agent ? "a" : "c", startMs, endMs, text, words };
  });
  return {
    version: 1,
    channel: "call",
    speakers: [
      { id: "a", role: "agent", name: "Bench Agent" },
      { id: "c", role: "customer", name: "Casey Customer" },
    ],
    segments,
  };
}
