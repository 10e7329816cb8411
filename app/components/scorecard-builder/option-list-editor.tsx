import type { ScorecardDefinition } from "../../modules/scorecards/scorecard-definition.schema";
import { FieldError } from "../field-error";
import { type ApplyEdit, addOption, lossMessage, removeOption, updateQuestion } from "./builder-state";
import { NumberInput, TextInput } from "./fields";
import { builderIds } from "./field-errors";

interface OptionListEditorProps {
  definition: ScorecardDefinition;
  s: number;
  i: number;
  errors: Record<string, string>;
  apply: ApplyEdit;
}

/** The options of a choice question (label and points) or the tags of a tags question (label). */
export function OptionListEditor({ definition, s, i, errors, apply }: OptionListEditorProps) {
  const question = definition.sections[s]?.questions[i];
  if (!question || (question.kind !== "choice" && question.kind !== "tags")) return null;
  const choice = question.kind === "choice";
  const noun = choice ? "option" : "tag";
  const listId = builderIds.question(question.id, "options");
  const listError = errors[listId];

  const setLabel = (k: number, label: string) =>
    apply(
      updateQuestion(definition, s, i, (current) => {
        if (current.kind === "choice") return { ...current, options: current.options.map((o, n) => (n === k ? { ...o, label } : o)) };
        if (current.kind === "tags") return { ...current, options: current.options.map((o, n) => (n === k ? { ...o, label } : o)) };
        return current;
      }),
    );
  const setPoints = (k: number, points: number) =>
    apply(
      updateQuestion(definition, s, i, (current) =>
        current.kind === "choice" ? { ...current, options: current.options.map((o, n) => (n === k ? { ...o, points } : o)) } : current,
      ),
    );

  return (
    <fieldset className="builder-options" id={listId} aria-describedby={listError ? `${listId}-error` : undefined}>
      <legend>{choice ? "Options" : "Tags"}</legend>
      {choice ? (
        <p className="field__hint">The score of an answer is its points divided by the highest points of this question.</p>
      ) : null}
      <ol className="builder-options__list">
        {question.options.map((option, k) => {
          const labelId = builderIds.option(question.id, option.id, "label");
          return (
            <li key={option.id} className="builder-options__row">
              <TextInput
                id={labelId}
                label={`${choice ? "Option" : "Tag"} ${k + 1}`}
                value={option.label}
                maxLength={200}
                error={errors[labelId]}
                onChange={(label) => setLabel(k, label)}
              />
              {"points" in option ? (
                <NumberInput
                  id={builderIds.option(question.id, option.id, "points")}
                  label="Points"
                  className="field--narrow"
                  min={0}
                  step={1}
                  value={option.points}
                  error={errors[builderIds.option(question.id, option.id, "points")]}
                  onChange={(points) => setPoints(k, points)}
                />
              ) : null}
              <button
                type="button"
                className="button button--quiet button--small builder-options__remove"
                aria-label={`Remove ${noun} ${k + 1}${option.label ? ` “${option.label}”` : ""}`}
                disabled={question.options.length <= (choice ? 2 : 1)}
                onClick={() => {
                  const { definition: next, released } = removeOption(definition, s, i, k);
                  apply(next, { focus: `${listId}-add`, undoable: lossMessage(`Removed ${noun} ${option.label ? `“${option.label}”` : k + 1}`, released) });
                }}
              >
                Remove
              </button>
            </li>
          );
        })}
      </ol>
      <FieldError id={`${listId}-error`} message={listError} />
      <button
        type="button"
        id={`${listId}-add`}
        className="button button--small"
        onClick={() => {
          const { definition: next, optionId } = addOption(definition, s, i);
          apply(next, optionId ? { focus: builderIds.option(question.id, optionId, "label") } : undefined);
        }}
      >
        Add {noun}
      </button>
    </fieldset>
  );
}
