/**
 * The scorecard builder: a client-side editor over one draft definition. It owns nothing but
 * the Undo of the last loss and where focus goes next; the definition lives with the page
 * (so a failed save keeps it) and comes back through `onChange` on every edit.
 */
import { type MouseEvent, useEffect, useMemo, useState } from "react";
import type { ScorecardDefinition } from "../../modules/scorecards/scorecard-definition.schema";
import { FieldError } from "../field-error";
import { type ApplyEdit, addSection } from "./builder-state";
import { builderIds, errorsByField, type FieldProblem } from "./field-errors";
import { NumberInput } from "./fields";
import { SectionEditor } from "./section-editor";

export interface ScorecardBuilderProps {
  definition: ScorecardDefinition;
  onChange: (definition: ScorecardDefinition) => void;
  /** Problems to show next to their inputs and in a summary at the top (none until the first save attempt). */
  problems: readonly FieldProblem[];
}

const UNDO_ID = "sc-undo";

/** Focuses an element, or the first control inside it (a question's fieldset, an options list). */
export function focusField(id: string): void {
  const element = document.getElementById(id);
  if (!element) return;
  const target = element.matches("input, select, textarea, button")
    ? element
    : element.querySelector<HTMLElement>("input:not([disabled]), select, textarea, button:not([disabled])");
  (target ?? element).focus();
  element.scrollIntoView({ block: "center" });
}

export function ScorecardBuilder({ definition, onChange, problems }: ScorecardBuilderProps) {
  const errors = useMemo(() => errorsByField(problems), [problems]);
  const [undo, setUndo] = useState<{ message: string; before: ScorecardDefinition } | null>(null);
  const [focus, setFocus] = useState<string | null>(null);

  useEffect(() => {
    if (!focus) return;
    focusField(focus);
    setFocus(null);
  }, [focus]);

  const apply: ApplyEdit = (next, effect) => {
    onChange(next);
    setUndo(effect?.undoable ? { message: effect.undoable, before: definition } : null);
    if (effect?.focus) setFocus(effect.focus);
    else if (effect?.undoable) setFocus(UNDO_ID);
  };

  const jump = (event: MouseEvent<HTMLAnchorElement>, id: string) => {
    event.preventDefault();
    focusField(id);
  };

  let questionNumber = 1;
  return (
    <div className="builder">
      {problems.length > 0 ? (
        <div className="alert alert--error builder-problems" aria-labelledby="builder-problems-title">
          <p id="builder-problems-title">
            <strong>
              {problems.length === 1 ? "1 problem" : `${problems.length} problems`} to fix before the draft can be saved:
            </strong>
          </p>
          <ul>
            {problems.map((problem, index) => (
              <li key={`${problem.id}-${index}`}>
                <a href={`#${problem.id}`} onClick={(event) => jump(event, problem.id)}>
                  {problem.where}: {problem.message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="builder-status" role="status">
        {undo ? (
          <>
            {undo.message}{" "}
            <button
              type="button"
              id={UNDO_ID}
              className="button button--small"
              onClick={() => {
                onChange(undo.before);
                setUndo(null);
              }}
            >
              Undo
            </button>
          </>
        ) : null}
      </p>
      <NumberInput
        id={builderIds.passMark}
        label="Pass mark"
        className="field--narrow"
        min={0}
        max={100}
        step={0.1}
        value={definition.passMark}
        hint="An evaluation passes at this score or above (0 to 100, one decimal), unless a critical question auto-fails it."
        error={errors[builderIds.passMark]}
        onChange={(passMark) => apply({ ...definition, passMark })}
      />
      <FieldError id={`${builderIds.general}-error`} message={errors[builderIds.general] ?? errors[builderIds.sections]} />
      {definition.sections.map((section, s) => {
        const firstNumber = questionNumber;
        questionNumber += section.questions.length;
        return <SectionEditor key={section.id} definition={definition} s={s} firstNumber={firstNumber} errors={errors} apply={apply} />;
      })}
      <button
        type="button"
        className="button"
        onClick={() => {
          const { definition: next, section } = addSection(definition);
          apply(next, { focus: builderIds.section(section.id, "title") });
        }}
      >
        Add section
      </button>
    </div>
  );
}
