/**
 * Transcript search: every case-insensitive occurrence of the query in segment order,
 * with offsets into the segment's own text (so a hit can be marked without changing it).
 */
export interface SearchHit {
  segmentId: string;
  start: number;
  end: number;
}

/** More hits than anybody steps through; the count then reads "1,000+". */
export const MAX_HITS = 1000;

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * The query as a pattern: trimmed, runs of spaces match any whitespace (a line break in
 * an e-mail), case-insensitive with Unicode simple case folding. The `i` flag keeps match
 * offsets in the original text, which lowercasing both sides would not ("İ" grows).
 */
export function searchPattern(query: string): RegExp | null {
  const words = query.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  return new RegExp(words.map(escapeRegExp).join("\\s+"), "giu");
}

export function findHits(segments: readonly { id: string; text: string }[], query: string, limit = MAX_HITS): SearchHit[] {
  const pattern = searchPattern(query);
  if (!pattern) return [];
  const hits: SearchHit[] = [];
  for (const segment of segments) {
    pattern.lastIndex = 0;
    for (const match of segment.text.matchAll(pattern)) {
      if (match[0].length === 0) continue;
      hits.push({ segmentId: segment.id, start: match.index, end: match.index + match[0].length });
      if (hits.length >= limit) return hits;
    }
  }
  return hits;
}

/** Hits per segment, for the rows to mark; each list in text order. */
export function hitsBySegment(hits: readonly SearchHit[]): Map<string, SearchHit[]> {
  const bySegment = new Map<string, SearchHit[]>();
  for (const hit of hits) {
    const list = bySegment.get(hit.segmentId);
    if (list) list.push(hit);
    else bySegment.set(hit.segmentId, [hit]);
  }
  return bySegment;
}

/** The next (+1) or previous (-1) hit, wrapping around; 0 when there is none. */
export function stepHit(index: number, count: number, direction: 1 | -1): number {
  if (count === 0) return 0;
  return (((index + direction) % count) + count) % count;
}

/**
 * Where to start stepping once the query changes: the first hit at or after the segment
 * being listened to or read (its index in the transcript), so "next" moves forward from
 * there rather than back to the top of a long call.
 */
export function firstHitFrom(hits: readonly SearchHit[], segmentIndex: ReadonlyMap<string, number>, fromSegment: string | null): number {
  if (fromSegment === null) return 0;
  const from = segmentIndex.get(fromSegment);
  if (from === undefined) return 0;
  const found = hits.findIndex((hit) => (segmentIndex.get(hit.segmentId) ?? 0) >= from);
  return found < 0 ? 0 : found;
}

export function hitCountLabel(index: number, count: number, limit = MAX_HITS): string {
  if (count === 0) return "No matches";
  return `${index + 1} of ${count >= limit ? `${limit.toLocaleString("en-GB")}+` : count}`;
}
