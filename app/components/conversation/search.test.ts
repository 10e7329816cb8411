import { describe, expect, it } from "vitest";
import { findHits, firstHitFrom, hitCountLabel, hitsBySegment, searchPattern, stepHit } from "./search";

const segments = [
  { id: "s1", text: "Thanks for calling. How can I help?" },
  { id: "s2", text: "My internet is down. The INTERNET, I mean." },
  { id: "s3", text: "Let me check your\nline (a+b) for you." },
];

describe("findHits", () => {
  it("finds every case-insensitive occurrence, in order, with offsets into the text", () => {
    expect(findHits(segments, "internet")).toEqual([
      { segmentId: "s2", start: 3, end: 11 },
      { segmentId: "s2", start: 25, end: 33 },
    ]);
    expect(findHits(segments, "  FOR ")).toEqual([
      { segmentId: "s1", start: 7, end: 10 },
      { segmentId: "s3", start: 29, end: 32 },
    ]);
  });

  it("treats the query as text, not a pattern, and lets a space match a line break", () => {
    expect(findHits(segments, "(a+b)")).toEqual([{ segmentId: "s3", start: 23, end: 28 }]);
    expect(findHits(segments, ".*")).toEqual([]);
    expect(findHits(segments, "your line")).toEqual([{ segmentId: "s3", start: 13, end: 22 }]);
  });

  it("keeps offsets right where lowercasing would change the length", () => {
    const text = "İstanbul office, istanbul time";
    const hits = findHits([{ id: "x", text }], "istanbul");
    expect(hits.map((hit) => text.slice(hit.start, hit.end))).toEqual(["istanbul"]);
    expect(findHits([{ id: "x", text: "Straße STRASSE" }], "straße").map((hit) => hit.start)).toEqual([0]);
  });

  it("finds nothing for an empty query and stops at the limit", () => {
    expect(findHits(segments, "   ")).toEqual([]);
    expect(searchPattern("")).toBeNull();
    const many = Array.from({ length: 50 }, (_, i) => ({ id: `m${i}`, text: "a a a a" }));
    expect(findHits(many, "a", 30)).toHaveLength(30);
  });
});

describe("stepping through hits", () => {
  it("wraps around both ways", () => {
    expect(stepHit(0, 3, 1)).toBe(1);
    expect(stepHit(2, 3, 1)).toBe(0);
    expect(stepHit(0, 3, -1)).toBe(2);
    expect(stepHit(0, 0, 1)).toBe(0);
  });

  it("starts from the segment being listened to", () => {
    const hits = findHits(segments, "o");
    const order = new Map(segments.map((segment, index) => [segment.id, index]));
    const first = firstHitFrom(hits, order, "s3");
    expect(hits[first]?.segmentId).toBe("s3");
    expect(firstHitFrom(hits, order, null)).toBe(0);
    expect(firstHitFrom(findHits(segments, "thanks"), order, "s3")).toBe(0);
  });

  it("groups hits per segment and labels the count", () => {
    const grouped = hitsBySegment(findHits(segments, "internet"));
    expect([...grouped.keys()]).toEqual(["s2"]);
    expect(grouped.get("s2")).toHaveLength(2);
    expect(hitCountLabel(0, 0)).toBe("No matches");
    expect(hitCountLabel(1, 17)).toBe("2 of 17");
    expect(hitCountLabel(4, 1000)).toBe("5 of 1,000+");
  });
});
