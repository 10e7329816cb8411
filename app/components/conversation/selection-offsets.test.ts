import { describe, expect, it } from "vitest";
import { offsetWithin, spanFromSelection, type NodeLike } from "./selection-offsets";

/** A tiny DOM: elements are arrays of children, strings are text nodes. */
type Tree = string | Tree[];
function build(tree: Tree, parent: NodeLike | null = null): NodeLike {
  if (typeof tree === "string") return { nodeType: 3, nodeValue: tree, childNodes: [], parentNode: parent };
  const node: NodeLike & { childNodes: NodeLike[] } = { nodeType: 1, nodeValue: null, childNodes: [], parentNode: parent };
  for (const child of tree) node.childNodes.push(build(child, node));
  return node;
}
const child = (node: NodeLike, ...path: number[]) => path.reduce((current, index) => current.childNodes[index] as NodeLike, node);

// <p>My <span>internet <mark>is</mark></span> down.</p>
const text = build(["My ", ["internet ", ["is"]], " down."]);

describe("offsetWithin", () => {
  it("counts the text before a text-node boundary, through nested marks", () => {
    expect(offsetWithin(text, child(text, 0), 1)).toBe(1);
    expect(offsetWithin(text, child(text, 1, 0), 4)).toBe(7);
    expect(offsetWithin(text, child(text, 1, 1, 0), 2)).toBe(14);
    expect(offsetWithin(text, child(text, 2), 6)).toBe(20);
  });

  it("reads an element boundary as a child index", () => {
    expect(offsetWithin(text, text, 0)).toBe(0);
    expect(offsetWithin(text, text, 1)).toBe(3);
    expect(offsetWithin(text, text, 3)).toBe(20);
    expect(offsetWithin(text, child(text, 1), 1)).toBe(12);
  });

  it("refuses a boundary outside the root, and clamps an offset past a text node's end", () => {
    const other = build(["elsewhere"]);
    expect(offsetWithin(text, child(other, 0), 2)).toBeNull();
    expect(offsetWithin(text, child(text, 0), 99)).toBe(3);
  });
});

describe("spanFromSelection", () => {
  const sentence = "My internet is down since Monday.";
  it("orders the ends, trims whitespace and quotes the text", () => {
    expect(spanFromSelection({ segmentId: "s1", offset: 20 }, { segmentId: "s1", offset: 2 }, sentence)).toEqual({
      ok: true,
      span: { segmentId: "s1", startOffset: 3, endOffset: 19, quote: "internet is down" },
    });
  });

  it("refuses selections across segments or of nothing but spaces", () => {
    expect(spanFromSelection({ segmentId: "s1", offset: 0 }, { segmentId: "s2", offset: 3 }, sentence)).toEqual({ ok: false, reason: "several-segments" });
    expect(spanFromSelection({ segmentId: "s1", offset: 2 }, { segmentId: "s1", offset: 3 }, sentence)).toEqual({ ok: false, reason: "empty" });
    expect(spanFromSelection({ segmentId: "s1", offset: 5 }, { segmentId: "s1", offset: 5 }, sentence)).toEqual({ ok: false, reason: "empty" });
  });

  it("shortens a very long quote to what an annotation holds", () => {
    const long = "word ".repeat(400);
    const result = spanFromSelection({ segmentId: "s1", offset: 0 }, { segmentId: "s1", offset: long.length }, long);
    expect(result.ok && result.span.quote.length).toBe(1000);
    expect(result.ok && result.span.endOffset).toBe(long.length - 1);
  });
});
