import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeTalkMetrics } from "./talk-metrics";
import type { CallTranscript } from "../transcripts/transcript";

type Seg = [speaker: "a" | "c", startMs: number, endMs: number];

function call(...segments: Seg[]): CallTranscript {
  return {
    version: 1,
    channel: "call",
    speakers: [
      { id: "a", role: "agent" },
      { id: "c", role: "customer" },
    ],
    segments: segments.map(([speaker, startMs, endMs], index) => ({ id: `s${index}`, speaker, startMs, endMs, text: "…" })),
  };
}

describe("computeTalkMetrics", () => {
  it("splits talk time between agent and customer and counts the gaps as silence", () => {
    const metrics = computeTalkMetrics(call(["a", 0, 2000], ["c", 3000, 5000]), 6000);
    expect(metrics).toEqual({
      agentTalkMs: 2000,
      customerTalkMs: 2000,
      overtalkMs: 0,
      silenceRatio: 0.333,
      longestSilenceMs: 1000,
    });
  });

  it("counts overlapping segments of the same role once", () => {
    // Two diarised agent segments overlapping by 1 s, one nested inside another.
    const metrics = computeTalkMetrics(call(["a", 0, 3000], ["a", 2000, 4000], ["a", 2500, 3500]), 4000);
    expect(metrics.agentTalkMs).toBe(4000);
    expect(metrics.overtalkMs).toBe(0);
    expect(metrics.silenceRatio).toBe(0);
  });

  it("measures overtalk where agent and customer speak at once", () => {
    const metrics = computeTalkMetrics(call(["a", 0, 4000], ["c", 3000, 6000]), 6000);
    expect(metrics.overtalkMs).toBe(1000);
    expect(metrics.agentTalkMs).toBe(4000);
    expect(metrics.customerTalkMs).toBe(3000);
    expect(metrics.silenceRatio).toBe(0);
  });

  it("adds up overtalk across several customer interruptions of one agent turn", () => {
    const metrics = computeTalkMetrics(call(["a", 0, 10_000], ["c", 1000, 2000], ["c", 3000, 4500]), 10_000);
    expect(metrics.overtalkMs).toBe(2500);
  });

  it("counts silence before the first word as silence", () => {
    const metrics = computeTalkMetrics(call(["a", 5000, 7000]), 8000);
    expect(metrics.longestSilenceMs).toBe(5000);
    expect(metrics.silenceRatio).toBe(0.75);
  });

  it("counts silence after the last word up to the end of the recording", () => {
    const metrics = computeTalkMetrics(call(["a", 0, 1000], ["c", 1500, 2000]), 10_000);
    expect(metrics.longestSilenceMs).toBe(8000);
    expect(metrics.silenceRatio).toBe(0.85);
  });

  it("does not depend on the order segments arrive in", () => {
    const ordered = computeTalkMetrics(call(["a", 0, 2000], ["c", 2500, 5000], ["a", 4800, 8000]), 9000);
    const shuffled = computeTalkMetrics(call(["a", 4800, 8000], ["a", 0, 2000], ["c", 2500, 5000]), 9000);
    expect(shuffled).toEqual(ordered);
    expect(ordered).toEqual({ agentTalkMs: 5200, customerTalkMs: 2500, overtalkMs: 200, silenceRatio: 0.167, longestSilenceMs: 1000 });
  });

  it("treats an empty transcript as all silence", () => {
    expect(computeTalkMetrics(call(), 5000)).toEqual({
      agentTalkMs: 0,
      customerTalkMs: 0,
      overtalkMs: 0,
      silenceRatio: 1,
      longestSilenceMs: 5000,
    });
  });

  it("reports zeros, not NaN, for an empty transcript of zero length", () => {
    expect(computeTalkMetrics(call(), 0)).toEqual({
      agentTalkMs: 0,
      customerTalkMs: 0,
      overtalkMs: 0,
      silenceRatio: 0,
      longestSilenceMs: 0,
    });
  });

  it("stretches the call to the last segment when the stated duration is too short", () => {
    const metrics = computeTalkMetrics(call(["a", 0, 5000]), 3000);
    expect(metrics.agentTalkMs).toBe(5000);
    expect(metrics.silenceRatio).toBe(0);
    expect(metrics.longestSilenceMs).toBe(0);
  });

  it("ignores zero-length segments and segments of speakers not in the transcript", () => {
    const transcript = call(["a", 1000, 1000], ["c", 0, 1000]);
    transcript.segments.push({ id: "x", speaker: "ghost", startMs: 0, endMs: 2000, text: "?" });
    const metrics = computeTalkMetrics(transcript, 2000);
    expect(metrics.agentTalkMs).toBe(0);
    expect(metrics.customerTalkMs).toBe(1000);
    expect(metrics.longestSilenceMs).toBe(1000);
  });

  it("always accounts for the whole call: speech + silence = duration, ratio within [0, 1]", () => {
    const segment = fc
      .tuple(fc.constantFrom<"a" | "c">("a", "c"), fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 0, max: 10_000 }))
      .map(([speaker, start, length]): Seg => [speaker, start, start + length]);
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 12 }), fc.integer({ min: 1, max: 80_000 }), (segments, durationMs) => {
        const metrics = computeTalkMetrics(call(...segments), durationMs);
        const total = Math.max(durationMs, ...segments.map(([, , end]) => end));
        const spoken = metrics.agentTalkMs + metrics.customerTalkMs - metrics.overtalkMs;
        expect(metrics.silenceRatio).toBeGreaterThanOrEqual(0);
        expect(metrics.silenceRatio).toBeLessThanOrEqual(1);
        expect(Math.abs((total - spoken) / total - metrics.silenceRatio)).toBeLessThanOrEqual(0.0005);
        expect(metrics.overtalkMs).toBeLessThanOrEqual(Math.min(metrics.agentTalkMs, metrics.customerTalkMs));
        expect(metrics.longestSilenceMs).toBeLessThanOrEqual(total - spoken);
      }),
    );
  });
});
