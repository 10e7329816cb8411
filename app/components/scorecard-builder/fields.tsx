/**
 * Labelled, controlled inputs for the builder: each shows its error under it and points to
 * it with aria-describedby, keyed by the element id the error map uses (field-errors.ts).
 */
import { type ReactNode, useState } from "react";
import { FieldError } from "../field-error";

interface Common {
  id: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  className?: string;
}

function describedBy(id: string, hint: ReactNode, error: string | undefined): string | undefined {
  return [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

function Hint({ id, hint }: { id: string; hint: ReactNode }) {
  return hint ? (
    <p className="field__hint" id={`${id}-hint`}>
      {hint}
    </p>
  ) : null;
}

export function TextInput({
  id,
  label,
  error,
  hint,
  className,
  value,
  onChange,
  maxLength,
  multiline = false,
}: Common & { value: string | undefined; onChange: (value: string) => void; maxLength?: number; multiline?: boolean }) {
  const shared = {
    id,
    value: value ?? "",
    maxLength,
    "aria-invalid": error ? true : undefined,
    "aria-describedby": describedBy(id, hint, error),
  } as const;
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      {multiline ? (
        <textarea {...shared} rows={2} onChange={(event) => onChange(event.target.value)} />
      ) : (
        <input {...shared} type="text" onChange={(event) => onChange(event.target.value)} />
      )}
      <Hint id={id} hint={hint} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

const formatNumber = (value: number) => (Number.isFinite(value) ? String(value) : "");
const parseNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/**
 * A number input that lets the author retype freely: the text is kept as typed, and the
 * definition gets the number (NaN while blank or not a number, which the schema reports
 * against this field when the draft is saved).
 */
export function NumberInput({
  id,
  label,
  error,
  hint,
  className,
  value,
  onChange,
  min,
  max,
  step = 1,
}: Common & { value: number; onChange: (value: number) => void; min?: number; max?: number; step?: number }) {
  const [text, setText] = useState(formatNumber(value));
  const [seen, setSeen] = useState(value);
  // Changed from outside (undo, a kind change): show the new number unless the text already means it.
  if (!Object.is(seen, value)) {
    setSeen(value);
    if (!Object.is(parseNumber(text), value)) setText(formatNumber(value));
  }
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="number"
        inputMode={step < 1 ? "decimal" : "numeric"}
        min={min}
        max={max}
        step={step}
        value={text}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => {
          setText(event.target.value);
          const next = parseNumber(event.target.value);
          setSeen(next);
          onChange(next);
        }}
      />
      <Hint id={id} hint={hint} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function SelectInput<V extends string>({
  id,
  label,
  error,
  hint,
  className,
  value,
  options,
  onChange,
}: Common & { value: V; options: readonly { value: V; label: string }[]; onChange: (value: V) => void }) {
  return (
    <div className={className ? `field ${className}` : "field"}>
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(event) => onChange(event.target.value as V)}
      >
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      <Hint id={id} hint={hint} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

export function CheckInput({
  id,
  label,
  error,
  hint,
  checked,
  onChange,
  disabled,
}: Omit<Common, "className"> & { checked: boolean; onChange: (checked: boolean) => void; disabled?: boolean }) {
  return (
    <div className="field field--check">
      <label className="check" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          checked={checked}
          disabled={disabled}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, hint, error)}
          onChange={(event) => onChange(event.target.checked)}
        />
        {label}
      </label>
      <Hint id={id} hint={hint} />
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
