import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { compareRanked, makeRanker, makeRankWords, murmur3x86_32, rankKey, rankKeyOfWords } from "./rank";

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

/**
 * The first implementation of rankKey (before makeRanker), copied here as the reference the
 * faster paths must match bit for bit: stored rank keys and reproducible draws depend on it.
 */
const referenceRankKey = (() => {
  const encoder = new TextEncoder();
  let buffer = new Uint8Array(256);
  function murmur(bytes: Uint8Array, seed: number, length = bytes.length): number {
    let h = seed >>> 0;
    const blocks = length - (length % 4);
    for (let i = 0; i < blocks; i += 4) {
      const k = (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24);
      h ^= mixK(k);
      h = (h << 13) | (h >>> 19);
      h = (Math.imul(h, 5) + 0xe654_6b64) | 0;
    }
    let tail = 0;
    switch (length & 3) {
      case 3:
        tail ^= (bytes[blocks + 2] ?? 0) << 16;
      // falls through
      case 2:
        tail ^= (bytes[blocks + 1] ?? 0) << 8;
      // falls through
      case 1:
        tail ^= bytes[blocks] ?? 0;
        h ^= mixK(tail);
    }
    h ^= length;
    h ^= h >>> 16;
    h = Math.imul(h, 0x85eb_ca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2_ae35);
    h ^= h >>> 16;
    return h >>> 0;
  }
  function mixK(k: number): number {
    let mixed = Math.imul(k, 0xcc9e_2d51);
    mixed = (mixed << 15) | (mixed >>> 17);
    return Math.imul(mixed, 0x1b87_3593);
  }
  const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
  const hex8 = (n: number) => `${HEX[n >>> 24]}${HEX[(n >>> 16) & 255]}${HEX[(n >>> 8) & 255]}${HEX[n & 255]}`;
  return function rankKey(seed: string, id: string): string {
    const text = `${seed}\u0000${id}`;
    if (buffer.length < text.length * 3) buffer = new Uint8Array(text.length * 3);
    const { written } = encoder.encodeInto(text, buffer);
    return hex8(murmur(buffer, 0x5a17_1e01, written)) + hex8(murmur(buffer, 0x9747_b28c, written));
  };
})();

describe("rankKey, makeRanker and makeRankWords against the reference implementation", () => {
  const seeds = ["", "a", "ab", "abc", "abcd", "rule-1:2026-W47", "03e524d42b68289d:2026-W46", "équipe:2026-11", "😀", "日本語:2026-11-23", "\ud800", "x\u0000y"];
  /** Any code point, and any UTF-16 code unit (lone surrogates included, which UTF-8 encodes as U+FFFD). */
  const unicode = fc.string({ unit: "binary" });
  const utf16 = fc.string({ unit: fc.nat({ max: 0xffff }).map((code) => String.fromCharCode(code)) });
  const check = (seed: string, id: string) => {
    const expected = referenceRankKey(seed, id);
    const words = new Uint32Array(4);
    makeRankWords(seed)(id, words, 2);
    expect([rankKey(seed, id), makeRanker(seed)(id), rankKeyOfWords(words[2] ?? 0, words[3] ?? 0)]).toEqual([expected, expected, expected]);
  };

  it("agrees with the pinned keys", () => {
    expect(referenceRankKey("rule-1:2026-W47", "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d")).toBe("8a4f59fe1aff0908");
    expect(referenceRankKey("", "")).toBe("e76cf1412933bea8");
  });

  it("on 10,000 random uuids under random seeds, ASCII or not", () => {
    fc.assert(
      fc.property(fc.oneof(fc.constantFrom(...seeds), fc.string(), unicode, utf16), fc.array(fc.uuid(), { minLength: 100, maxLength: 100 }), (seed, ids) => {
        const ranker = makeRanker(seed);
        const rankWords = makeRankWords(seed);
        const words = new Uint32Array(2);
        for (const id of ids) {
          const expected = referenceRankKey(seed, id);
          rankWords(id, words, 0);
          if (ranker(id) !== expected || rankKey(seed, id) !== expected || rankKeyOfWords(words[0] ?? 0, words[1] ?? 0) !== expected) {
            expect({ seed, id, key: ranker(id) }).toEqual({ seed, id, key: expected });
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it("on ids of every length and alphabet: empty, short tails, non-ASCII and lone surrogates", () => {
    for (const seed of seeds) {
      for (const id of ["", "x", "xy", "xyz", "wxyz", "vwxyz", "é", "aé", "😀", "ab😀", "\ud800", "abc\udc00", "\u0080", "\u007f"]) check(seed, id);
    }
    fc.assert(
      fc.property(fc.oneof(fc.string(), unicode, utf16), fc.oneof(fc.string(), unicode, utf16), (seed, id) => check(seed, id)),
      { numRuns: 2000 },
    );
  });

  it("ranker order is compareRanked order: (high, low) compare as the keys do", () => {
    fc.assert(
      fc.property(fc.string(), fc.uuid(), fc.uuid(), (seed, a, b) => {
        const words = new Uint32Array(4);
        const rankWords = makeRankWords(seed);
        rankWords(a, words, 0);
        rankWords(b, words, 2);
        const numeric = Math.sign((words[0] ?? 0) - (words[2] ?? 0) || (words[1] ?? 0) - (words[3] ?? 0));
        const [ka, kb] = [rankKey(seed, a), rankKey(seed, b)];
        expect(numeric).toBe(ka < kb ? -1 : ka > kb ? 1 : 0);
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
