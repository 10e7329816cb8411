/**
 * The segment under the playhead, found by binary search: the review workspace asks on
 * every animation frame, and a 60-minute call has over a thousand segments.
 * Of the segments spanning `ms` (two during overtalk), the one that started last; none in
 * a silence between turns; a zero-length segment is never current.
 */
export interface TimedSegment {
  id: string;
  startMs: number;
  endMs: number;
}

export class SegmentTimeline {
  /** By start time; equal starts keep their order (Array.prototype.sort is stable). */
  private readonly sorted: TimedSegment[];
  /** The latest end among sorted[0..i]: the backwards scan stops once nothing earlier can still be running. */
  private readonly maxEndUpTo: Float64Array;

  constructor(segments: readonly TimedSegment[]) {
    this.sorted = [...segments].sort((a, b) => a.startMs - b.startMs);
    this.maxEndUpTo = new Float64Array(this.sorted.length);
    let max = -Infinity;
    this.sorted.forEach((segment, index) => {
      max = Math.max(max, segment.endMs);
      this.maxEndUpTo[index] = max;
    });
  }

  get size(): number {
    return this.sorted.length;
  }

  activeAt(ms: number): string | null {
    // The last segment starting at or before `ms`.
    let low = 0;
    let high = this.sorted.length - 1;
    let last = -1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      if ((this.sorted[middle] as TimedSegment).startMs <= ms) {
        last = middle;
        low = middle + 1;
      } else {
        high = middle - 1;
      }
    }
    // Walk back to the latest-starting one still running; usually the first one looked at.
    for (let index = last; index >= 0 && (this.maxEndUpTo[index] as number) > ms; index--) {
      const segment = this.sorted[index] as TimedSegment;
      if (ms < segment.endMs) return segment.id;
    }
    return null;
  }
}

/** The call's timed segments (chats have none). */
export function timedSegments(segments: readonly { id: string; startMs?: number; endMs?: number }[]): TimedSegment[] {
  const timed: TimedSegment[] = [];
  for (const { id, startMs, endMs } of segments) {
    if (typeof startMs === "number" && typeof endMs === "number") timed.push({ id, startMs, endMs });
  }
  return timed;
}
