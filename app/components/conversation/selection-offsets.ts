/**
 * From a DOM selection to an annotation's text anchor: the segment, and character offsets
 * into its text. Written against a minimal node shape so it runs (and is tested) without
 * a browser; DOM nodes fit it.
 */
import { MAX_QUOTE_CHARS } from "../../modules/evaluations/annotation.schema";

export interface NodeLike {
  nodeType: number;
  nodeValue: string | null;
  childNodes: ArrayLike<NodeLike>;
  parentNode: NodeLike | null;
}

const TEXT_NODE = 3;

function textLength(node: NodeLike): number {
  if (node.nodeType === TEXT_NODE) return node.nodeValue?.length ?? 0;
  let total = 0;
  for (let i = 0; i < node.childNodes.length; i++) total += textLength(node.childNodes[i] as NodeLike);
  return total;
}

/** Characters of text inside `root` that come before `node` in document order; null when `node` is not inside `root`. */
function textBefore(root: NodeLike, node: NodeLike): number | null {
  let total = 0;
  let current: NodeLike = node;
  while (current !== root) {
    const parent = current.parentNode;
    if (!parent) return null;
    for (let i = 0; i < parent.childNodes.length; i++) {
      const sibling = parent.childNodes[i] as NodeLike;
      if (sibling === current) break;
      total += textLength(sibling);
    }
    current = parent;
  }
  return total;
}

/**
 * The character offset, within all the text under `root`, of a selection boundary
 * (`container`, `offset`) as the DOM gives it: a text node and a character offset, or an
 * element and a child index. Null when the boundary lies outside `root`.
 */
export function offsetWithin(root: NodeLike, container: NodeLike, offset: number): number | null {
  if (container.nodeType === TEXT_NODE) {
    const before = textBefore(root, container);
    return before === null ? null : before + Math.min(offset, container.nodeValue?.length ?? 0);
  }
  const before = textBefore(root, container);
  if (before === null) return null;
  let inside = 0;
  for (let i = 0; i < Math.min(offset, container.childNodes.length); i++) inside += textLength(container.childNodes[i] as NodeLike);
  return before + inside;
}

export interface SelectionEnd {
  segmentId: string;
  offset: number;
}

export type TextSpan = { segmentId: string; startOffset: number; endOffset: number; quote: string };

export type SpanResult = { ok: true; span: TextSpan } | { ok: false; reason: "empty" | "several-segments" };

/**
 * The span between two selection ends (in either order), trimmed of surrounding
 * whitespace; the quote is the selected text, shortened to what an annotation may hold.
 */
export function spanFromSelection(anchor: SelectionEnd, focus: SelectionEnd, text: string): SpanResult {
  if (anchor.segmentId !== focus.segmentId) return { ok: false, reason: "several-segments" };
  let start = Math.max(0, Math.min(anchor.offset, focus.offset, text.length));
  let end = Math.min(text.length, Math.max(anchor.offset, focus.offset));
  while (start < end && /\s/.test(text[start] as string)) start++;
  while (end > start && /\s/.test(text[end - 1] as string)) end--;
  if (end <= start) return { ok: false, reason: "empty" };
  const selected = text.slice(start, end);
  const quote = selected.length > MAX_QUOTE_CHARS ? `${selected.slice(0, MAX_QUOTE_CHARS - 1)}…` : selected;
  return { ok: true, span: { segmentId: anchor.segmentId, startOffset: start, endOffset: end, quote } };
}
