/**
 * A text box's length against its limit, shown once the limit is near (so nobody is cut off
 * or refused by surprise) and as an error past it. Boxes never use `maxLength`: the browser
 * would cut pasted text silently, and the writer would not know what was lost.
 */

/** From this share of the limit on, the count is shown. */
export const COUNT_FROM = 0.9;

export interface CharacterCountState {
  show: boolean;
  over: number;
  /** "1,850 of 2,000 characters" or "2,150 of 2,000 characters: 150 too many". */
  label: string;
}

const number = (n: number) => n.toLocaleString("en-GB");

export function characterCount(length: number, max: number): CharacterCountState {
  const over = Math.max(0, length - max);
  const label = `${number(length)} of ${number(max)} characters${over > 0 ? `: ${number(over)} too many` : ""}`;
  return { show: length >= max * COUNT_FROM, over, label };
}

/** Why a text of `length` cannot be saved, naming it, or null when it fits. */
export function overLimitMessage(what: string, length: number, max: number): string | null {
  if (length <= max) return null;
  return `${what} is ${number(length)} characters; the limit is ${number(max)}. Shorten it by ${number(length - max)} to save it.`;
}

export function CharacterCount({ id, length, max }: { id: string; length: number; max: number }) {
  const count = characterCount(length, max);
  if (!count.show) return null;
  return (
    <p id={id} className={`char-count${count.over > 0 ? " char-count--over" : ""}`} aria-live="polite">
      {count.label}
    </p>
  );
}
