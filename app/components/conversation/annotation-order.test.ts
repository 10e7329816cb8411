import { describe, expect, it } from "vitest";
import { annotationMoment, draftFrom, mergeAnnotations, sortAnnotations, timeRangeLabel, type SegmentPlace } from "./annotation-order";
import { stepPlaybackRate, type SerializedAnnotation } from "./types";

const base: SerializedAnnotation = {
  id: "x",
  authorId: "u1",
  authorName: "Quinn",
  comment: "c",
  sentiment: null,
  questionId: null,
  startMs: null,
  endMs: null,
  segmentId: null,
  startOffset: null,
  endOffset: null,
  quote: null,
  createdAt: "2026-11-10T10:00:00.000Z",
};
const note = (id: string, fields: Partial<SerializedAnnotation>): SerializedAnnotation => ({ ...base, id, ...fields });

const callPlaces = new Map<string, SegmentPlace>([
  ["s1", { index: 0, startMs: 0, endMs: 4000 }],
  ["s2", { index: 1, startMs: 4000, endMs: 9000 }],
  ["s3", { index: 2, startMs: 9000, endMs: 12_000 }],
]);

describe("sortAnnotations", () => {
  it("orders a call's annotations by moment, a span by its segment's start", () => {
    const list = [
      note("late-region", { startMs: 10_000, endMs: 11_000 }),
      note("span-s2", { segmentId: "s2", startOffset: 4, endOffset: 9 }),
      note("early-region", { startMs: 500, endMs: 1500 }),
      note("span-s2-first", { segmentId: "s2", startOffset: 0, endOffset: 2 }),
      note("gone", { segmentId: "s99", startOffset: 0, endOffset: 2 }),
    ];
    expect(sortAnnotations(list, callPlaces).map((a) => a.id)).toEqual(["early-region", "span-s2-first", "span-s2", "late-region", "gone"]);
  });

  it("orders a chat's annotations by message and offset, then oldest first", () => {
    const places = new Map<string, SegmentPlace>([
      ["m1", { index: 0 }],
      ["m2", { index: 1 }],
    ]);
    const list = [
      note("m2-newer", { segmentId: "m2", startOffset: 1, endOffset: 3, createdAt: "2026-11-10T10:05:00.000Z" }),
      note("m2-older", { segmentId: "m2", startOffset: 1, endOffset: 3, createdAt: "2026-11-10T10:01:00.000Z" }),
      note("m1", { segmentId: "m1", startOffset: 8, endOffset: 9 }),
    ];
    expect(sortAnnotations(list, places).map((a) => a.id)).toEqual(["m1", "m2-older", "m2-newer"]);
  });

  it("finds the moment of an annotation", () => {
    expect(annotationMoment(note("a", { startMs: 42, segmentId: "s3" }), callPlaces)).toBe(42);
    expect(annotationMoment(note("a", { segmentId: "s3" }), callPlaces)).toBe(9000);
    expect(annotationMoment(note("a", { segmentId: "s9" }), callPlaces)).toBeNull();
  });
});

describe("labels and edits", () => {
  it("labels time ranges", () => {
    expect(timeRangeLabel(null, null)).toBeNull();
    expect(timeRangeLabel(61_000, 61_500)).toBe("1:01");
    expect(timeRangeLabel(61_000, 75_000)).toBe("1:01–1:15");
    expect(timeRangeLabel(3_600_000, null)).toBe("1:00:00");
  });

  it("keeps the anchor when editing", () => {
    const original = note("a", { segmentId: "s2", startOffset: 1, endOffset: 4, quote: "abc", startMs: 4000, endMs: 9000, comment: "old" });
    expect(draftFrom(original, { comment: "new", sentiment: "positive", questionId: "greeting" })).toEqual({
      comment: "new",
      sentiment: "positive",
      questionId: "greeting",
      startMs: 4000,
      endMs: 9000,
      segmentId: "s2",
      startOffset: 1,
      endOffset: 4,
      quote: "abc",
    });
  });
});

describe("stepPlaybackRate", () => {
  it.each([
    [1, 1, 1.25],
    [1, -1, 0.75],
    [0.75, -1, 0.75],
    [2, 1, 2],
    [1.1, 1, 1.25],
    [1.1, -1, 1],
    [3, -1, 2],
    [0.5, 1, 0.75],
  ] as const)("%d stepped %d is %d", (from, direction, to) => {
    expect(stepPlaybackRate(from, direction)).toBe(to);
  });
});

describe("mergeAnnotations", () => {
  it("lays what was saved and deleted here over the page's list", () => {
    const page = [note("a", { comment: "page" }), note("b", {})];
    const saved = new Map([
      ["a", note("a", { comment: "edited here" })],
      ["c", note("c", {})],
    ]);
    const merged = mergeAnnotations(page, { saved, deleted: new Set(["b"]) });
    expect(merged.map((a) => [a.id, a.comment])).toEqual([
      ["a", "edited here"],
      ["c", "c"],
    ]);
    expect(mergeAnnotations(page, { saved: new Map(), deleted: new Set() })).toEqual(page);
  });
});
