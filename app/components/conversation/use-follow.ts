/**
 * Keeps the active segment in view while the recording plays, without fighting the
 * reader: it scrolls only when the active row leaves the view, and not for a while after
 * the reader scrolled (wheel, touch, keys, the scrollbar) or while they select text. The
 * panel shows "Follow playback" meanwhile, to come back at once.
 */
import { useCallback, useEffect, useRef, useState, type RefObject } from "react";
import type { ValueStore } from "./value-store";

export const FOLLOW_PAUSE_MS = 8000;
// Not Space: it plays and pauses (the page's shortcut takes it), it does not scroll.
const SCROLL_KEYS = new Set(["ArrowUp", "ArrowDown", "PageUp", "PageDown", "Home", "End"]);

export function rowElement(scroller: HTMLElement, segmentId: string): HTMLElement | null {
  return scroller.querySelector<HTMLElement>(`[data-segment-id="${CSS.escape(segmentId)}"]`);
}

// A long transcript renders its later turns a moment after hydration (transcript-panel.tsx).
// A turn asked for before then (a search hit, an annotation, the playhead) is remembered per
// scroller and revealed once every turn is in the DOM; the newest request wins.
const pendingReveals = new WeakMap<HTMLElement, string>();

/**
 * Scrolls the row into the scroller's view (a third from the top) unless it is already fully
 * visible; the page itself never moves. A row not rendered yet is revealed by
 * `revealPendingRow` once it is.
 */
export function revealRow(scroller: HTMLElement, segmentId: string, { always = false }: { always?: boolean } = {}): boolean {
  const row = rowElement(scroller, segmentId);
  if (!row) {
    pendingReveals.set(scroller, segmentId);
    return false;
  }
  pendingReveals.delete(scroller);
  const view = scroller.getBoundingClientRect();
  const box = row.getBoundingClientRect();
  if (!always && box.top >= view.top && box.bottom <= view.bottom) return false;
  const target = scroller.scrollTop + (box.top - view.top) - Math.max(0, (scroller.clientHeight - box.height) / 3);
  const far = Math.abs(target - scroller.scrollTop) > scroller.clientHeight * 2;
  const reduced = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches;
  scroller.scrollTo({ top: Math.max(0, target), behavior: far || reduced ? "auto" : "smooth" });
  return true;
}

/** Reveals the row last asked for before it had been rendered, if any. */
export function revealPendingRow(scroller: HTMLElement): boolean {
  const segmentId = pendingReveals.get(scroller);
  if (segmentId === undefined) return false;
  pendingReveals.delete(scroller);
  return revealRow(scroller, segmentId);
}

function selectingInside(scroller: HTMLElement): boolean {
  const selection = document.getSelection();
  return !!selection && !selection.isCollapsed && scroller.contains(selection.anchorNode);
}

export function useFollow(scroller: RefObject<HTMLElement | null>, activeStore: ValueStore<string | null>, enabled: boolean) {
  const [paused, setPaused] = useState(false);
  const pausedUntil = useRef(0);
  const timer = useRef<number | undefined>(undefined);

  const follow = useCallback(() => {
    const element = scroller.current;
    const active = activeStore.get();
    if (!element || active === null || selectingInside(element)) return;
    revealRow(element, active);
  }, [scroller, activeStore]);

  const resume = useCallback(() => {
    window.clearTimeout(timer.current);
    pausedUntil.current = 0;
    setPaused(false);
    follow();
  }, [follow]);

  /** The reader moved away: stop following for a while. */
  const pause = useCallback(() => {
    pausedUntil.current = Date.now() + FOLLOW_PAUSE_MS;
    setPaused(true);
    window.clearTimeout(timer.current);
    timer.current = window.setTimeout(resume, FOLLOW_PAUSE_MS);
  }, [resume]);

  // While a seek is on its way the transcript stays where it is: a long jump's scroll and
  // layout would hold up the start of playback. The row is revealed once the seek lands.
  const held = useRef(false);
  const hold = useCallback(() => {
    held.current = true;
  }, []);
  const release = useCallback(() => {
    held.current = false;
    if (Date.now() >= pausedUntil.current) follow();
  }, [follow]);

  useEffect(() => {
    if (!enabled) return;
    return activeStore.subscribe(() => {
      if (held.current || Date.now() < pausedUntil.current) return;
      follow();
    });
  }, [enabled, activeStore, follow]);

  useEffect(() => {
    const element = scroller.current;
    if (!element || !enabled) return;
    const onKey = (event: KeyboardEvent) => {
      if (SCROLL_KEYS.has(event.key) && !(event.target as HTMLElement).closest("input, textarea, select, button")) pause();
    };
    // A press on the scroller itself, not on a row, is its scrollbar.
    const onPointer = (event: PointerEvent) => {
      if (event.target === element) pause();
    };
    element.addEventListener("wheel", pause, { passive: true });
    element.addEventListener("touchmove", pause, { passive: true });
    element.addEventListener("keydown", onKey);
    element.addEventListener("pointerdown", onPointer);
    return () => {
      element.removeEventListener("wheel", pause);
      element.removeEventListener("touchmove", pause);
      element.removeEventListener("keydown", onKey);
      element.removeEventListener("pointerdown", onPointer);
    };
  }, [scroller, enabled, pause]);

  useEffect(() => () => window.clearTimeout(timer.current), []);

  return { paused: enabled && paused, pause, resume, hold, release };
}
