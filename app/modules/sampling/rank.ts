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

/** MurmurHash3 x86_32 of the first `length` bytes, as an unsigned 32-bit integer. */
export function murmur3x86_32(bytes: Uint8Array, seed: number, length = bytes.length): number {
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

// A byte table: Number#toString(16) with padding is several times slower, and ranking runs over many candidates.
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));
const hex8 = (n: number) => `${HEX[n >>> 24]}${HEX[(n >>> 16) & 255]}${HEX[(n >>> 8) & 255]}${HEX[n & 255]}`;

/**
 * The candidate's rank under `seed`: 16 lowercase hex digits. The NUL between seed and id
 * keeps ("ab", "c") and ("a", "bc") apart.
 */
export function rankKey(seed: string, id: string): string {
  const text = `${seed}\u0000${id}`;
  // One reused buffer rather than an allocation per id.
  if (buffer.length < text.length * 3) buffer = new Uint8Array(text.length * 3);
  const { written } = encoder.encodeInto(text, buffer);
  return hex8(murmur3x86_32(buffer, HIGH_SEED, written)) + hex8(murmur3x86_32(buffer, LOW_SEED, written));
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
