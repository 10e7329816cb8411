/** The transcript's search box: the match count and next/previous (Enter, Shift+Enter; N and Shift+N elsewhere). */
import { forwardRef, useId, type KeyboardEvent } from "react";
import { hitCountLabel } from "./search";

export const TranscriptSearch = forwardRef<
  HTMLInputElement,
  { query: string; hitIndex: number; hitCount: number; onQuery: (query: string) => void; onStep: (direction: 1 | -1) => void }
>(function TranscriptSearch({ query, hitIndex, hitCount, onQuery, onStep }, ref) {
  const id = useId();
  const searching = query.trim() !== "";

  function onKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter") {
      event.preventDefault();
      onStep(event.shiftKey ? -1 : 1);
    } else if (event.key === "Escape") {
      // As the shortcut help says: Esc leaves the box, so the shortcuts work again. The query
      // and its highlights stay (N and Shift+N step through them); the box's × clears it.
      event.preventDefault();
      event.currentTarget.blur();
    }
  }

  return (
    <div className="review-search" role="search">
      <label htmlFor={`${id}-q`} className="visually-hidden">
        Search the transcript
      </label>
      <input
        ref={ref}
        id={`${id}-q`}
        type="search"
        className="review-search__input"
        placeholder="Search the transcript  ( / )"
        value={query}
        onChange={(event) => onQuery(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        aria-describedby={`${id}-count`}
        autoComplete="off"
        spellCheck={false}
      />
      <span id={`${id}-count`} className="review-search__count muted small" aria-live="polite">
        {searching ? hitCountLabel(hitIndex, hitCount) : ""}
      </span>
      <button type="button" className="button button--quiet review-search__step" onClick={() => onStep(-1)} disabled={hitCount === 0} aria-label="Previous match" title="Previous match (Shift+N)">
        ↑
      </button>
      <button type="button" className="button button--quiet review-search__step" onClick={() => onStep(1)} disabled={hitCount === 0} aria-label="Next match" title="Next match (N)">
        ↓
      </button>
    </div>
  );
});
