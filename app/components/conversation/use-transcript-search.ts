/**
 * Search state of the transcript: the query, its hits (computed off the typing path with
 * useDeferredValue), the hit stepped to, and bringing that hit's turn into view.
 */
import { useCallback, useDeferredValue, useEffect, useMemo, useState, type RefObject } from "react";
import { findHits, firstHitFrom, hitsBySegment, stepHit } from "./search";
import { revealRow } from "./use-follow";
import type { ValueStore } from "./value-store";

export function useTranscriptSearch(
  segments: readonly { id: string; text: string }[],
  order: ReadonlyMap<string, { index: number }>,
  activeStore: ValueStore<string | null>,
  scroller: RefObject<HTMLElement | null>,
  onNavigate: () => void,
) {
  const [query, setQuery] = useState("");
  const deferred = useDeferredValue(query);
  const hits = useMemo(() => findHits(segments, deferred), [segments, deferred]);
  const hitMap = useMemo(() => hitsBySegment(hits), [hits]);
  const [hitIndex, setHitIndex] = useState(0);

  const show = useCallback(
    (segmentId: string | undefined) => {
      const element = scroller.current;
      if (!element || segmentId === undefined) return;
      onNavigate();
      revealRow(element, segmentId);
    },
    [scroller, onNavigate],
  );

  // A new query starts from the turn being listened to, not from the top of the call.
  useEffect(() => {
    if (hits.length === 0) return;
    const indexes = new Map([...order].map(([id, place]) => [id, place.index]));
    const first = firstHitFrom(hits, indexes, activeStore.get());
    setHitIndex(first);
    show(hits[first]?.segmentId);
  }, [hits, order, activeStore, show]);

  const step = useCallback(
    (direction: 1 | -1) => {
      if (hits.length === 0) return;
      const next = stepHit(Math.min(hitIndex, hits.length - 1), hits.length, direction);
      setHitIndex(next);
      show(hits[next]?.segmentId);
    },
    [hits, hitIndex, show],
  );

  return { query, setQuery, hits, hitMap, hitIndex: hits.length ? Math.min(hitIndex, hits.length - 1) : 0, step };
}
