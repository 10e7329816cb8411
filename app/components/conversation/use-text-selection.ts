/**
 * Text selected in the transcript, read as an annotation anchor: one segment and
 * character offsets into its text (selection-offsets.ts), with where to show the
 * "Annotate" button (just under the selection, inside the scroller so it scrolls along).
 */
import { useCallback, useEffect, useState, type RefObject } from "react";
import { offsetWithin, spanFromSelection, type TextSpan } from "./selection-offsets";

export type PendingSelection =
  | { ok: true; span: TextSpan; top: number; left: number }
  | { ok: false; message: string; top: number; left: number };

const TEXT = "[data-segment-text]";

function elementOf(node: Node): Element | null {
  return node.nodeType === Node.ELEMENT_NODE ? (node as Element) : node.parentElement;
}

function textElementOf(node: Node): HTMLElement | null {
  return elementOf(node)?.closest<HTMLElement>(TEXT) ?? null;
}

/** Only whitespace lies between two points (a triple click ends the range at the next row's start). */
function nothingBetween(startNode: Node, startOffset: number, endNode: Node, endOffset: number): boolean {
  const between = document.createRange();
  try {
    between.setStart(startNode, startOffset);
    between.setEnd(endNode, endOffset);
    return between.toString().trim() === "";
  } catch {
    return false;
  }
}

function readSelection(scroller: HTMLElement, textOf: (segmentId: string) => string | undefined): PendingSelection | null {
  const selection = document.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  if (!scroller.contains(range.commonAncestorContainer)) return null;

  let startElement = textElementOf(range.startContainer);
  let endElement = textElementOf(range.endContainer);
  let start: number | null = null;
  let end: number | null = null;
  // Dragged from the speaker's name into the text of the same turn: from the text's start.
  if (!startElement && endElement && endElement.closest("li")?.contains(range.startContainer)) {
    startElement = endElement;
    start = 0;
  }
  // Ending just past the turn's text (a triple click, a drag past its end): to the text's end.
  if (startElement && endElement !== startElement && nothingBetween(startElement, startElement.childNodes.length, range.endContainer, range.endOffset)) {
    endElement = startElement;
    end = startElement.textContent?.length ?? 0;
  }

  const box = range.getBoundingClientRect();
  const view = scroller.getBoundingClientRect();
  const top = box.bottom - view.top + scroller.scrollTop + 6;
  const left = Math.max(0, Math.min(box.left - view.left, scroller.clientWidth - 160));
  if (!startElement || !endElement) {
    if (!startElement && !endElement) return null;
    return { ok: false, message: "Select text within one turn to annotate it.", top, left };
  }
  const startId = startElement.dataset.segmentText ?? "";
  const endId = endElement.dataset.segmentText ?? "";
  const text = textOf(startId);
  if (text === undefined) return null;
  start ??= offsetWithin(startElement, range.startContainer, range.startOffset);
  end ??= offsetWithin(endElement, range.endContainer, range.endOffset);
  if (start === null || end === null) return null;
  const result = spanFromSelection({ segmentId: startId, offset: start }, { segmentId: endId, offset: end }, text);
  if (result.ok) return { ok: true, span: result.span, top, left };
  if (result.reason === "empty") return null;
  return { ok: false, message: "Select text within one turn to annotate it.", top, left };
}

export function useTextSelection(scroller: RefObject<HTMLElement | null>, textOf: (segmentId: string) => string | undefined) {
  const [pending, setPending] = useState<PendingSelection | null>(null);

  useEffect(() => {
    let frame = 0;
    const onChange = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const element = scroller.current;
        setPending(element ? readSelection(element, textOf) : null);
      });
    };
    document.addEventListener("selectionchange", onChange);
    return () => {
      cancelAnimationFrame(frame);
      document.removeEventListener("selectionchange", onChange);
    };
  }, [scroller, textOf]);

  const clear = useCallback(() => {
    document.getSelection()?.removeAllRanges();
    setPending(null);
  }, []);

  return { pending, clear };
}
