import { useEffect, useId, useState } from "react";
import { FieldError } from "../field-error";

export interface Choice {
  value: string;
  label: string;
}

interface Props {
  legend: string;
  name: string;
  choices: Choice[];
  selected: string[];
  hint?: string;
  error?: string;
  /** Shown instead of the boxes when there is nothing to choose. */
  empty: string;
  /** What no ticked box means: "None chosen", or "None ticked: every team". */
  noneLabel?: string;
}

/** Lists longer than this get a filter box (with JavaScript) and scroll inside their frame. */
const LONG_LIST = 10;

/** True once React runs in the browser: parts that need JavaScript appear only then. */
export function useHydrated(): boolean {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}

/**
 * A group of checkboxes sent as repeated `name` values. Long lists (a team of agents) scroll
 * inside the group and, with JavaScript, get a filter box; filtering only hides boxes, so a
 * ticked box that is filtered out stays ticked and is still sent.
 */
export function ChoiceList({ legend, name, choices, selected, hint, error, empty, noneLabel = "None chosen" }: Props) {
  const id = useId();
  const hydrated = useHydrated();
  const [ticked, setTicked] = useState(() => new Set(selected));
  const [query, setQuery] = useState("");
  const words = query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const matches = (choice: Choice) => words.every((word) => choice.label.toLowerCase().includes(word));
  const long = choices.length > LONG_LIST;
  const shown = choices.filter(matches).length;
  const describedBy = [hint ? `${id}-hint` : null, `${id}-count`, error ? `${id}-error` : null].filter(Boolean).join(" ");

  function toggle(value: string, checked: boolean) {
    setTicked((current) => {
      const next = new Set(current);
      if (checked) next.add(value);
      else next.delete(value);
      return next;
    });
  }

  return (
    <fieldset className="field choice-list" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      {choices.length === 0 ? (
        <p className="muted">{empty}</p>
      ) : (
        <>
          {long && hydrated ? (
            <div className="choice-list__filter">
              <label htmlFor={`${id}-filter`} className="visually-hidden">
                Filter {legend.toLowerCase()} by name
              </label>
              <input
                id={`${id}-filter`}
                type="search"
                value={query}
                autoComplete="off"
                placeholder={`Filter ${legend.toLowerCase()}…`}
                onChange={(event) => setQuery(event.target.value)}
              />
            </div>
          ) : null}
          <div className={long ? "choice-list__items choice-list__items--long" : "choice-list__items"}>
            {choices.map((choice) => (
              <label key={choice.value} className="check" hidden={!matches(choice)}>
                <input
                  type="checkbox"
                  name={name}
                  value={choice.value}
                  checked={ticked.has(choice.value)}
                  aria-invalid={error ? true : undefined}
                  onChange={(event) => toggle(choice.value, event.target.checked)}
                />{" "}
                {choice.label}
              </label>
            ))}
            {shown === 0 ? <p className="muted">Nothing matches “{query.trim()}”.</p> : null}
          </div>
        </>
      )}
      <p className="field__hint" id={`${id}-count`} aria-live="polite">
        {choices.length === 0 ? "" : ticked.size === 0 ? noneLabel : `${ticked.size} chosen`}
      </p>
      {error ? <FieldError id={`${id}-error`} message={error} /> : null}
    </fieldset>
  );
}
