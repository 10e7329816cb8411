import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareRanked, murmur3x86_32, rankKey } from "./rank";

const utf8 = (text: string) => new TextEncoder().encode(text);

describe("murmur3x86_32", () => {
  it("matches the reference implementation's published values", () => {
    expect(murmur3x86_32(utf8(""), 0)).toBe(0);
    expect(murmur3x86_32(utf8(""), 1)).toBe(0x514e28b7);
    expect(murmur3x86_32(utf8("hello"), 0)).toBe(0x248bfa47);
    expect(murmur3x86_32(utf8("The quick brown fox jumps over the lazy dog"), 0)).toBe(0x2e4ff723);
  });

  it("reads every tail length (1 to 3 bytes after the last block)", () => {
    const values = ["a", "ab", "abc", "abcd", "abcde"].map((s) => murmur3x86_32(utf8(s), 0));
    expect(values).toEqual([0x3c2569b2, 0x9bbfd75f, 0xb3dd93fa, 0x43ed676a, 0xe89b9af6]);
  });
});

describe("rankKey", () => {
  const id = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

  it("is 16 lowercase hex digits and the same every time", () => {
    expect(rankKey("seed", id)).toMatch(/^[0-9a-f]{16}$/);
    expect(rankKey("seed", id)).toBe(rankKey("seed", id));
  });

  it("is pinned: a change of hash would silently reshuffle stored runs", () => {
    expect(rankKey("rule-1:2026-W47", id)).toBe("8a4f59fe1aff0908");
    expect(rankKey("", "")).toBe("e76cf1412933bea8");
  });

  it("keeps the seed and the id apart", () => {
    expect(rankKey("ab", "c")).not.toBe(rankKey("a", "bc"));
  });

  it("hashes text as UTF-8, so non-ASCII seeds work the same in Node and the browser", () => {
    expect(rankKey("équipe", id)).not.toBe(rankKey("equipe", id));
    expect(rankKey("😀", id)).toMatch(/^[0-9a-f]{16}$/);
  });

  it("spreads ids evenly: the first hex digit is close to uniform", () => {
    const counts = new Array<number>(16).fill(0);
    for (let i = 0; i < 16_000; i++) {
      const digit = parseInt(rankKey("seed", `interaction-${i}`).charAt(0), 16);
      counts[digit] = (counts[digit] ?? 0) + 1;
    }
    // Expected 1000 each; chi-square with 15 degrees of freedom stays far below 50.
    const chiSquare = counts.reduce((sum, count) => sum + (count - 1000) ** 2 / 1000, 0);
    expect(chiSquare).toBeLessThan(50);
  });

  it("gives different seeds independent orders", () => {
    const ids = Array.from({ length: 200 }, (_, i) => `id-${i}`);
    const order = (seed: string) =>
      [...ids].sort((a, b) => compareRanked({ id: a, rankKey: rankKey(seed, a) }, { id: b, rankKey: rankKey(seed, b) }));
    expect(order("one")).not.toEqual(order("two"));
    expect(order("one")).toEqual(order("one"));
  });

  it("string order equals numeric order", () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), fc.string(), (seed, a, b) => {
        const [ka, kb] = [rankKey(seed, a), rankKey(seed, b)];
        const numeric = BigInt(`0x${ka}`) < BigInt(`0x${kb}`) ? -1 : BigInt(`0x${ka}`) > BigInt(`0x${kb}`) ? 1 : 0;
        expect(Math.sign(ka.localeCompare(kb, "en")) || 0).toBe(numeric);
        expect(ka < kb ? -1 : ka > kb ? 1 : 0).toBe(numeric);
      }),
    );
  });
});

describe("compareRanked", () => {
  it("breaks a rank tie by id", () => {
    expect(compareRanked({ id: "a", rankKey: "00" }, { id: "b", rankKey: "00" })).toBeLessThan(0);
    expect(compareRanked({ id: "b", rankKey: "00" }, { id: "a", rankKey: "01" })).toBeLessThan(0);
    expect(compareRanked({ id: "a", rankKey: "01" }, { id: "a", rankKey: "01" })).toBe(0);
  });
});
