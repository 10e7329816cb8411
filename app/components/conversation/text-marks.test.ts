import { describe, expect, it } from "vitest";
import { pieceSentiment, splitText } from "./text-marks";

const text = "My internet is down since Monday.";

describe("splitText", () => {
  it("leaves unmarked text whole", () => {
    expect(splitText(text, [], [])).toEqual([{ text, start: 0, hit: null, notes: [] }]);
    expect(splitText("", [], [])).toEqual([]);
  });

  it("cuts at hits and notes, overlapping ones included, and joins back to the text", () => {
    const note = { id: "n1", start: 3, end: 19, sentiment: "negative" as const };
    const inner = { id: "n2", start: 12, end: 14, sentiment: null };
    const pieces = splitText(text, [{ start: 0, end: 2 }, { start: 15, end: 19 }], [note, inner], 15);
    expect(pieces.map((piece) => piece.text).join("")).toBe(text);
    expect(pieces.map((piece) => [piece.text, piece.hit, piece.notes.map((n) => n.id).join("+")])).toEqual([
      ["My", "hit", ""],
      [" ", null, ""],
      ["internet ", null, "n1"],
      ["is", null, "n1+n2"],
      [" ", null, "n1"],
      ["down", "current", "n1"],
      [" since Monday.", null, ""],
    ]);
  });

  it("clamps ranges to the text (a transcript re-imported shorter) and drops empty ones", () => {
    const pieces = splitText("short", [{ start: 3, end: 3 }], [{ id: "n", start: 2, end: 99, sentiment: "positive" }]);
    expect(pieces.map((piece) => [piece.text, piece.notes.length])).toEqual([
      ["sh", 0],
      ["ort", 1],
    ]);
    expect(splitText("short", [], [{ id: "n", start: 40, end: 99, sentiment: null }])).toEqual([{ text: "short", start: 0, hit: null, notes: [] }]);
  });
});

describe("pieceSentiment", () => {
  it("prefers negative, then positive, else neutral", () => {
    expect(pieceSentiment([{ id: "a", start: 0, end: 1, sentiment: "positive" }, { id: "b", start: 0, end: 1, sentiment: "negative" }])).toBe("negative");
    expect(pieceSentiment([{ id: "a", start: 0, end: 1, sentiment: "positive" }])).toBe("positive");
    expect(pieceSentiment([{ id: "a", start: 0, end: 1, sentiment: null }])).toBe("neutral");
  });
});
