/**
 * Deterministic rank of a sampling candidate: a 64-bit hash of (seed, interaction id),
 * written as 16 lowercase hex digits so that string order is numeric order and the
 * database can store and sort it (`rank_key text COLLATE "C"`, or `char(16)`).
 *
 * The hash is two MurmurHash3 x86_32 passes over the UTF-8 bytes of `seed + "\0" + id`
 * with fixed, different seeds: pure 32-bit integer arithmetic (`Math.imul`), so it runs
 * the same in Node and the browser, needs no BigInt (ranking millions of candidates stays
 * fast) and no `node:crypto`. It is not a cryptographic hash and need not be: the seed is
 * not a secret, it only has to spread ids evenly and independently of how they were
 * created. See docs/decisions/0008-sampling-determinism.md.
 */

const HIGH_SEED = 0x5a17_1e01;
const LOW_SEED = 0x9747_b28c;
const encoder = new TextEncoder();
/** UTF-8 needs at most 3 bytes per UTF-16 code unit. */
let buffer = new Uint8Array(256);
/** rankKey's two hash words, reused. */
const scratch = new Uint32Array(2);

/** MurmurHash3 x86_32 of the first `length` bytes, as an unsigned 32-bit integer. */
export function murmur3x86_32(bytes: Uint8Array, seed: number, length = bytes.length): number {
  let h = seed >>> 0;
  const blocks = length - (length % 4);
  for (let i = 0; i < blocks; i += 4) {
    const k = (bytes[i] ?? 0) | ((bytes[i + 1] ?? 0) << 8) | ((bytes[i + 2] ?? 0) << 16) | ((bytes[i + 3] ?? 0) << 24);
    h = mixH(h, mixK(k));
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
  return finalMix(h ^ length);
}

function mixK(k: number): number {
  let mixed = Math.imul(k, 0xcc9e_2d51);
  mixed = (mixed << 15) | (mixed >>> 17);
  return Math.imul(mixed, 0x1b87_3593);
}

/**
 * The candidate's rank under `seed`: 16 lowercase hex digits. The NUL between seed and id
 * keeps ("ab", "c") and ("a", "bc") apart. To rank many ids under one seed, use
 * `makeRanker(seed)` or `makeRankWords(seed)`: the same ranks, several times faster.
 */
export function rankKey(seed: string, id: string): string {
  encodedRankWords(seed, id, scratch, 0);
  return hex16(scratch[0] ?? 0, scratch[1] ?? 0);
}

/** The two hash words of (seed, id) through the UTF-8 encoder: the reference path, for any text. */
function encodedRankWords(seed: string, id: string, out: Uint32Array, at: number): void {
  const text = `${seed}\u0000${id}`;
  // One reused buffer rather than an allocation per id.
  if (buffer.length < text.length * 3) buffer = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, buffer);
  out[at] = murmur3x86_32(buffer, HIGH_SEED, written);
  out[at + 1] = murmur3x86_32(buffer, LOW_SEED, written);
}

/**
 * A rank as two unsigned 32-bit words, high then low, written at `out[at]` and `out[at + 1]`:
 * the numbers whose hex digits `rankKey` writes, so comparing (high, low) numerically is
 * comparing the keys as text.
 */
export type RankWords = (id: string, out: Uint32Array, at: number) => void;

/**
 * The ranks of many ids under one seed: a run ranks every candidate of its period (about
 * 77,000 a week in the benchmark), and this is where the time went. Bit-identical to
 * `rankKey` (rank.test.ts compares them on random uuids and seeds, non-ASCII ones included):
 *   - `seed + "\0"` is encoded once, and both passes' states after its whole 4-byte blocks
 *     are computed once: the bytes after them are the same for every id;
 *   - an ASCII id (every uuid) is read with `charCodeAt`, its UTF-8 bytes being its code
 *     units, with no encoder call or buffer per id;
 *   - both passes run in one loop, sharing the block mixing, which depends only on the bytes.
 * Any other id takes `rankKey`'s path.
 */
export function makeRankWords(seed: string): RankWords {
  const prefix = encoder.encode(`${seed}\u0000`);
  const blocks = prefix.length - (prefix.length % 4);
  let high = HIGH_SEED | 0;
  let low = LOW_SEED | 0;
  for (let i = 0; i < blocks; i += 4) {
    const k = mixK((prefix[i] ?? 0) | ((prefix[i + 1] ?? 0) << 8) | ((prefix[i + 2] ?? 0) << 16) | ((prefix[i + 3] ?? 0) << 24));
    high = mixH(high, k);
    low = mixH(low, k);
  }
  // The prefix's last 0–3 bytes start the first block that ids complete.
  const pendingBytes = prefix.length - blocks;
  let pending = 0;
  for (let i = 0; i < pendingBytes; i++) pending |= (prefix[blocks + i] ?? 0) << (8 * i);
  const prefixLength = prefix.length;
  const highAfterPrefix = high;
  const lowAfterPrefix = low;

  return (id, out, at) => {
    let h1 = highAfterPrefix;
    let h2 = lowAfterPrefix;
    let k = pending;
    let shift = pendingBytes * 8;
    let codeUnits = 0;
    const length = id.length;
    for (let i = 0; i < length; i++) {
      const code = id.charCodeAt(i);
      codeUnits |= code;
      k |= code << shift;
      shift += 8;
      if (shift === 32) {
        k = mixK(k);
        h1 = mixH(h1, k);
        h2 = mixH(h2, k);
        k = 0;
        shift = 0;
      }
    }
    // Not ASCII: the bytes read above were not its UTF-8 bytes.
    if (codeUnits > 0x7f) return encodedRankWords(seed, id, out, at);
    if (shift !== 0) {
      k = mixK(k);
      h1 ^= k;
      h2 ^= k;
    }
    const total = prefixLength + length;
    out[at] = finalMix(h1 ^ total);
    out[at + 1] = finalMix(h2 ^ total);
  };
}

/**
 * `rankKey(seed, ·)` for many ids (see makeRankWords). The key is built in one
 * `String.fromCharCode` call: a flat string, which comparisons read directly (8
 * concatenated pieces would be flattened on first compare).
 */
export function makeRanker(seed: string): (id: string) => string {
  const rankWords = makeRankWords(seed);
  const words = new Uint32Array(2);
  return (id) => {
    rankWords(id, words, 0);
    return hex16(words[0] ?? 0, words[1] ?? 0);
  };
}

/** The key `rankKey` writes for two rank words. */
export function rankKeyOfWords(high: number, low: number): string {
  return hex16(high, low);
}

/** One 4-byte block folded into the state (MurmurHash3's body, after `mixK`). */
function mixH(h: number, mixedK: number): number {
  h ^= mixedK;
  h = (h << 13) | (h >>> 19);
  return (Math.imul(h, 5) + 0xe654_6b64) | 0;
}

/** MurmurHash3's finalisation (`fmix32`), after the length is folded in. */
function finalMix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85eb_ca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2_ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Hex digit code of the low 4 bits of `n`: '0'–'9' (48–57) or 'a'–'f' (97–102), without a branch or a table. */
function hexCode(n: number): number {
  const digit = n & 15;
  return 48 + digit + (((9 - digit) >> 31) & 39);
}

/** Two unsigned 32-bit words as 16 lowercase hex digits, high word first, in one flat string. */
function hex16(a: number, b: number): string {
  return String.fromCharCode(
    hexCode(a >>> 28),
    hexCode(a >>> 24),
    hexCode(a >>> 20),
    hexCode(a >>> 16),
    hexCode(a >>> 12),
    hexCode(a >>> 8),
    hexCode(a >>> 4),
    hexCode(a),
    hexCode(b >>> 28),
    hexCode(b >>> 24),
    hexCode(b >>> 20),
    hexCode(b >>> 16),
    hexCode(b >>> 12),
    hexCode(b >>> 8),
    hexCode(b >>> 4),
    hexCode(b),
  );
}

export interface Ranked {
  id: string;
  rankKey: string;
}

/**
 * Total order of ranked candidates: by rank key, then by id (a 64-bit tie is all but
 * impossible, but the order must not depend on input order even then). Plain code-unit
 * comparison, the same as PostgreSQL's `COLLATE "C"` and its uuid order for lowercase ids.
 */
export function compareRanked(a: Ranked, b: Ranked): number {
  return compareText(a.rankKey, b.rankKey) || compareText(a.id, b.id);
}

export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
