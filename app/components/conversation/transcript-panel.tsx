/**
 * The transcript beside the recording: search above, the scrolling list of turns, the
 * "Follow playback" button while auto-follow is paused, and the "Annotate" button under
 * selected text.
 */
import { startTransition, useEffect, useMemo, useState, type RefObject } from "react";
import type { SearchHit } from "./search";
import type { NoteRange } from "./text-marks";
import { TranscriptList, type TranscriptRow } from "./transcript-list";
import { TranscriptSearch } from "./transcript-search";
import type { TextSpan } from "./selection-offsets";
import type { PendingSelection } from "./use-text-selection";
import { revealPendingRow } from "./use-follow";
import type { ValueStore } from "./value-store";

export interface TranscriptPanelProps {
  rows: readonly TranscriptRow[];
  activeStore: ValueStore<string | null>;
  scroller: RefObject<HTMLDivElement>;
  searchInput: RefObject<HTMLInputElement>;
  query: string;
  hits: readonly SearchHit[];
  hitMap: ReadonlyMap<string, SearchHit[]>;
  hitIndex: number;
  onQuery: (query: string) => void;
  onStep: (direction: 1 | -1) => void;
  notes: ReadonlyMap<string, NoteRange[]>;
  focusedNoteId: string | null;
  /** Seeks to `ms`; `play` for a turn's "Play from" button. */
  onSeek: (ms: number, play?: boolean) => void;
  followPaused: boolean;
  onResumeFollow: () => void;
  selection: PendingSelection | null;
  /** Null when annotating is not allowed (read-only page). */
  onAnnotate: ((span: TextSpan) => void) | null;
  /** The button's words when selected text is taken for something else than an annotation (a dispute's evidence). */
  annotateLabel?: string;
}

/**
 * Turns the server renders (and the page hydrates) at first: a screenful and more. The rest
 * of a long call's turns are rendered right after, in a transition that gives way to the
 * reader's clicks and keys, so an hour-long call is as quick to open as a short one.
 */
export const FIRST_ROWS = 60;

export function TranscriptPanel(props: TranscriptPanelProps) {
  const { hits, hitIndex, selection, onAnnotate } = props;
  const all = props.rows;
  const [shown, setShown] = useState(() => Math.min(all.length, FIRST_ROWS));
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  useEffect(() => {
    if (hydrated && shown < all.length) startTransition(() => setShown(all.length));
  }, [hydrated, shown, all.length]);
  const rows = useMemo(() => (shown < all.length ? all.slice(0, shown) : all), [all, shown]);
  // Set once React owns the whole list: the benchmark and tests wait for it.
  const ready = hydrated && rows.length === all.length;
  const { scroller } = props;
  useEffect(() => {
    if (ready && scroller.current) revealPendingRow(scroller.current);
  }, [ready, scroller]);

  return (
    <div className="review-transcript-panel">
      <TranscriptSearch ref={props.searchInput} query={props.query} hitIndex={hitIndex} hitCount={hits.length} onQuery={props.onQuery} onStep={props.onStep} />
      <div className="review-transcript-panel__frame">
        <div
          ref={props.scroller}
          className="review-transcript-panel__scroller"
          data-transcript-ready={ready ? "true" : undefined}
          tabIndex={0}
          aria-label="Transcript, scrollable"
        >
          <TranscriptList
            rows={rows}
            activeStore={props.activeStore}
            hits={props.hitMap}
            currentHit={hits[hitIndex] ?? null}
            notes={props.notes}
            focusedNoteId={props.focusedNoteId}
            onSeek={props.onSeek}
          />
          {selection && onAnnotate ? (
            selection.ok ? (
              <button
                type="button"
                className="button button--primary review-annotate-button"
                style={{ top: selection.top, left: selection.left }}
                // Keep the selection: a press would otherwise collapse it before the click.
                onMouseDown={(event) => event.preventDefault()}
                onClick={() => onAnnotate(selection.span)}
                title={props.annotateLabel ? undefined : "Annotate the selected text (A)"}
              >
                {props.annotateLabel ?? "Annotate"}
              </button>
            ) : (
              <p className="review-annotate-hint" style={{ top: selection.top, left: selection.left }} role="status">
                {selection.message}
              </p>
            )
          ) : null}
        </div>
        {props.followPaused ? (
          <button type="button" className="button review-follow-button" onClick={props.onResumeFollow}>
            Follow playback
          </button>
        ) : null}
      </div>
    </div>
  );
}
