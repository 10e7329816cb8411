/**
 * Connects the evaluation page's player and transcript to an open dispute form: while the form
 * is open, ReviewMedia offers "Use the current moment as evidence" and, under selected text,
 * "Use as evidence"; what it captures goes to the form's listener. Closed, nothing is offered.
 */
import { useCallback, useMemo, useRef, useState } from "react";
import type { AnnotationAnchor, EvidenceCapture } from "../conversation/types";

export type EvidenceListener = (anchor: AnnotationAnchor) => void;

export function useEvidenceCapture(): { capture: EvidenceCapture | null; connect: (listener: EvidenceListener | null) => void } {
  const listener = useRef<EvidenceListener | null>(null);
  const [active, setActive] = useState(false);
  const connect = useCallback((next: EvidenceListener | null) => {
    listener.current = next;
    setActive(next !== null);
  }, []);
  const capture = useMemo(() => (active ? { onCapture: (anchor: AnnotationAnchor) => listener.current?.(anchor) } : null), [active]);
  return { capture, connect };
}
