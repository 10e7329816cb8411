import type { ReactNode } from "react";
import { FieldError } from "../field-error";

/** The element id of a rule form field: `quota.n` → `rule-quota-n`. */
export const fieldId = (name: string) => `rule-${name.replace(/\./g, "-")}`;

const describedBy = (name: string, hint: ReactNode, error: string | undefined) =>
  [hint ? `${fieldId(name)}-hint` : null, error ? `${fieldId(name)}-error` : null].filter(Boolean).join(" ") || undefined;

interface FieldProps {
  name: string;
  label: ReactNode;
  error?: string;
  hint?: ReactNode;
  /** Hidden fields stay in the form (and keep what was typed) while their kind is not chosen. */
  hidden?: boolean;
}

interface InputFieldProps extends FieldProps {
  defaultValue: string;
  type?: "text" | "number";
  min?: number;
  max?: number;
  step?: number | "any";
  maxLength?: number;
  required?: boolean;
  className?: string;
}

/** A labelled text or number input with its hint and error. */
export function InputField({ name, label, error, hint, hidden, defaultValue, type = "text", className, ...rest }: InputFieldProps) {
  const id = fieldId(name);
  return (
    <div className={className ? `field ${className}` : "field"} hidden={hidden}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        type={type}
        inputMode={type === "number" ? (rest.step === "any" || (rest.step ?? 1) < 1 ? "decimal" : "numeric") : undefined}
        defaultValue={defaultValue}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(name, hint, error)}
        {...rest}
      />
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}

interface SelectFieldProps extends FieldProps {
  options: { value: string; label: string }[];
  /** Controlled when `onChange` is given (a kind that shows and hides other fields). */
  value: string;
  onChange?: (value: string) => void;
  className?: string;
}

/** A labelled select with its hint and error. */
export function SelectField({ name, label, error, hint, hidden, options, value, onChange, className }: SelectFieldProps) {
  const id = fieldId(name);
  const valueProps = onChange ? { value, onChange: (event: { target: { value: string } }) => onChange(event.target.value) } : { defaultValue: value };
  return (
    <div className={className ? `field ${className}` : "field"} hidden={hidden}>
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} aria-invalid={error ? true : undefined} aria-describedby={describedBy(name, hint, error)} {...valueProps}>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
      {hint ? (
        <p className="field__hint" id={`${id}-hint`}>
          {hint}
        </p>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </div>
  );
}
