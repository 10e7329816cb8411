/**
 * The transcript's rows. Built for a 60-minute call of 1,200 segments: rows are memoised
 * and take only what concerns them (their hits, their annotated spans), and each reads
 * "am I the active segment?" from a store, so playback re-renders the row that stops and
 * the row that starts being active, nothing else. Off-screen rows skip layout and paint
 * (`content-visibility: auto` in the stylesheet). Text is rendered as text, never HTML.
 */
import { memo, useSyncExternalStore, type MouseEvent, type ReactNode } from "react";
import type { SearchHit } from "./search";
import { pieceSentiment, splitText, type NoteRange, type TextPiece } from "./text-marks";
import type { ValueStore } from "./value-store";

export interface TranscriptRow {
  id: string;
  speakerLabel: string;
  role: "agent" | "customer";
  text: string;
  /** m:ss into the call, or the message's clock time in the organisation's zone. */
  timeLabel: string;
  /** Where a click plays from; null without audio. */
  seekMs: number | null;
}

const NO_HITS: SearchHit[] = [];
const NO_NOTES: NoteRange[] = [];

export const TranscriptList = memo(function TranscriptList({
  rows,
  activeStore,
  hits,
  currentHit,
  notes,
  focusedNoteId,
  onSeek,
}: {
  rows: readonly TranscriptRow[];
  activeStore: ValueStore<string | null>;
  hits: ReadonlyMap<string, SearchHit[]>;
  currentHit: SearchHit | null;
  notes: ReadonlyMap<string, NoteRange[]>;
  focusedNoteId: string | null;
  /** Seeks to `ms`; `play` for a turn's "Play from" button. */
  onSeek: (ms: number, play?: boolean) => void;
}) {
  return (
    <ol className="transcript review-transcript" aria-label="Transcript">
      {rows.map((row) => {
        const rowNotes = notes.get(row.id) ?? NO_NOTES;
        return (
          <Row
            key={row.id}
            row={row}
            activeStore={activeStore}
            hits={hits.get(row.id) ?? NO_HITS}
            currentHitStart={currentHit?.segmentId === row.id ? currentHit.start : null}
            notes={rowNotes}
            focusedNoteId={focusedNoteId !== null && rowNotes.some((note) => note.id === focusedNoteId) ? focusedNoteId : null}
            onSeek={onSeek}
          />
        );
      })}
    </ol>
  );
});

const Row = memo(function Row({
  row,
  activeStore,
  hits,
  currentHitStart,
  notes,
  focusedNoteId,
  onSeek,
}: {
  row: TranscriptRow;
  activeStore: ValueStore<string | null>;
  hits: SearchHit[];
  currentHitStart: number | null;
  notes: NoteRange[];
  focusedNoteId: string | null;
  /** Seeks to `ms`; `play` for a turn's "Play from" button. */
  onSeek: (ms: number, play?: boolean) => void;
}) {
  const active = useSyncExternalStore(
    activeStore.subscribe,
    () => activeStore.get() === row.id,
    () => false,
  );
  const { seekMs } = row;

  function seekFromRow(event: MouseEvent<HTMLLIElement>) {
    if (seekMs === null) return;
    // Selecting text (to annotate or copy it) is not a request to jump.
    const selection = window.getSelection();
    if (selection && !selection.isCollapsed && event.currentTarget.contains(selection.anchorNode)) return;
    if ((event.target as HTMLElement).closest("button, a")) return;
    onSeek(seekMs);
  }

  return (
    <li
      className={`turn turn--${row.role} review-turn${active ? " turn--active" : ""}${seekMs !== null ? " review-turn--seekable" : ""}`}
      data-segment-id={row.id}
      aria-current={active ? "true" : undefined}
      onClick={seekFromRow}
    >
      <div className="turn__meta">
        <span className="turn__speaker">{row.speakerLabel}</span>
        {seekMs !== null ? (
          <button type="button" className="turn__seek" data-player-control="" onClick={() => onSeek(seekMs, true)} aria-label={`Play from ${row.timeLabel}`}>
            {row.timeLabel}
          </button>
        ) : (
          <span className="turn__time">{row.timeLabel}</span>
        )}
      </div>
      <p className="turn__text" data-segment-text={row.id}>
        {hits.length === 0 && notes.length === 0 ? row.text : splitText(row.text, hits, notes, currentHitStart).map((piece) => renderPiece(piece, focusedNoteId))}
      </p>
    </li>
  );
});

function renderPiece(piece: TextPiece, focusedNoteId: string | null): ReactNode {
  const marked =
    piece.hit === null ? (
      piece.text
    ) : (
      <mark key={piece.start} className={piece.hit === "current" ? "review-hit review-hit--current" : "review-hit"} data-current-hit={piece.hit === "current" ? "true" : undefined}>
        {piece.text}
      </mark>
    );
  if (piece.notes.length === 0) return typeof marked === "string" ? <span key={piece.start}>{marked}</span> : marked;
  const focused = focusedNoteId !== null && piece.notes.some((note) => note.id === focusedNoteId);
  return (
    <span
      key={piece.start}
      className={`review-note review-note--${pieceSentiment(piece.notes)}${focused ? " review-note--focused" : ""}`}
      data-annotation-ids={piece.notes.map((note) => note.id).join(" ")}
    >
      {marked}
    </span>
  );
}
