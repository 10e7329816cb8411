/** Timed transcript segments and the one being spoken at a moment of the recording. */
export interface TimedSegment {
  id: string;
  startMs: number;
  endMs: number;
}

/**
 * The segment under the playhead: of the segments spanning `ms` (two during
 * overtalk), the one that started last; none in a silence between turns.
 * A linear pass: no order is assumed, and a long call has a few hundred segments.
 */
export function activeSegmentAt(segments: readonly TimedSegment[], ms: number): string | null {
  let active: TimedSegment | null = null;
  for (const segment of segments) {
    if (segment.startMs <= ms && ms < segment.endMs && (!active || segment.startMs >= active.startMs)) active = segment;
  }
  return active?.id ?? null;
}
