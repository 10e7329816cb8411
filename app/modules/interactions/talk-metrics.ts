import { callEndMs, type CallTranscript } from "../transcripts/transcript";

export interface TalkMetrics {
  agentTalkMs: number;
  customerTalkMs: number;
  /** Share of the call, 0..1, in which nobody speaks. */
  silenceRatio: number;
  longestSilenceMs: number;
  /** Time in which agent and customer speak at once. */
  overtalkMs: number;
}

type Interval = [number, number];

/**
 * Talk metrics from segment timing alone (no audio analysis): talk time per role,
 * silence where no segment runs, and overtalk where an agent and a customer
 * segment overlap. Overlapping segments of one role count once.
 */
export function computeTalkMetrics(transcript: CallTranscript, durationMs: number): TalkMetrics {
  const roleOf = new Map(transcript.speakers.map((speaker) => [speaker.id, speaker.role]));
  const byRole = { agent: [] as Interval[], customer: [] as Interval[] };
  for (const segment of transcript.segments) {
    const role = roleOf.get(segment.speaker);
    if (role) byRole[role].push([segment.startMs, segment.endMs]);
  }
  const agent = mergeIntervals(byRole.agent);
  const customer = mergeIntervals(byRole.customer);
  const anyone = mergeIntervals([...agent, ...customer]);
  // The call lasts at least until its last segment ends, even an empty one.
  const total = Math.max(durationMs, callEndMs(transcript));

  let longestSilenceMs = 0;
  let cursor = 0;
  for (const [start, end] of anyone) {
    longestSilenceMs = Math.max(longestSilenceMs, start - cursor);
    cursor = end;
  }
  longestSilenceMs = Math.max(longestSilenceMs, total - cursor);
  const spokenMs = length(anyone);

  return {
    agentTalkMs: length(agent),
    customerTalkMs: length(customer),
    silenceRatio: total === 0 ? 0 : round3((total - spokenMs) / total),
    longestSilenceMs,
    overtalkMs: length(intersect(agent, customer)),
  };
}

export function mergeIntervals(intervals: Interval[]): Interval[] {
  const sorted = intervals.filter(([s, e]) => e > s).sort((a, b) => a[0] - b[0]);
  const merged: Interval[] = [];
  for (const [start, end] of sorted) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  return merged;
}

function intersect(a: Interval[], b: Interval[]): Interval[] {
  const result: Interval[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const [aStart, aEnd] = a[i] as Interval;
    const [bStart, bEnd] = b[j] as Interval;
    const start = Math.max(aStart, bStart);
    const end = Math.min(aEnd, bEnd);
    if (end > start) result.push([start, end]);
    if (aEnd < bEnd) i++;
    else j++;
  }
  return result;
}

const length = (intervals: Interval[]) => intervals.reduce((sum, [start, end]) => sum + (end - start), 0);
const round3 = (value: number) => Math.round(value * 1000) / 1000;
