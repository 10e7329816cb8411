/**
 * A segment's text cut into pieces for marking: search hits (<mark>) and annotated spans
 * (highlighted, possibly overlapping one another and the hits). The pieces, joined, are
 * the text unchanged, so offsets read back from a DOM selection stay offsets into it.
 */
import type { Sentiment } from "./types";

export interface HitRange {
  start: number;
  end: number;
}

export interface NoteRange {
  id: string;
  start: number;
  end: number;
  sentiment: Sentiment;
}

export interface TextPiece {
  text: string;
  start: number;
  /** Inside a search hit; "current" for the hit stepped to. */
  hit: "hit" | "current" | null;
  /** Annotations covering this piece, innermost (latest starting) last. */
  notes: NoteRange[];
}

const clamp = (value: number, length: number) => Math.min(length, Math.max(0, value));

export function splitText(text: string, hits: readonly HitRange[], notes: readonly NoteRange[], currentHitStart: number | null = null): TextPiece[] {
  const length = text.length;
  const validHits = hits.filter((hit) => clamp(hit.end, length) > clamp(hit.start, length));
  const validNotes = notes.filter((note) => clamp(note.end, length) > clamp(note.start, length));
  if (validHits.length === 0 && validNotes.length === 0) return length === 0 ? [] : [{ text, start: 0, hit: null, notes: [] }];

  const cuts = new Set<number>([0, length]);
  for (const range of [...validHits, ...validNotes]) {
    cuts.add(clamp(range.start, length));
    cuts.add(clamp(range.end, length));
  }
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: TextPiece[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const start = points[i] as number;
    const end = points[i + 1] as number;
    if (end <= start) continue;
    const hit = validHits.find((range) => range.start <= start && end <= range.end);
    const covering = validNotes.filter((note) => note.start <= start && end <= note.end).sort((a, b) => a.start - b.start);
    pieces.push({
      text: text.slice(start, end),
      start,
      hit: hit ? (hit.start === currentHitStart ? "current" : "hit") : null,
      notes: covering,
    });
  }
  return pieces;
}

/** The sentiment a piece is coloured with: negative wins (it is what a reviewer looks for), then positive. */
export function pieceSentiment(notes: readonly NoteRange[]): "positive" | "negative" | "neutral" {
  if (notes.some((note) => note.sentiment === "negative")) return "negative";
  if (notes.some((note) => note.sentiment === "positive")) return "positive";
  return "neutral";
}
