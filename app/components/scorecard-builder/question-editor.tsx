import {
  type Question,
  type QuestionKind,
  type ScorecardDefinition,
  isScoringQuestion,
} from "../../modules/scorecards/scorecard-definition.schema";
import { FieldError } from "../field-error";
import {
  type ApplyEdit,
  canMoveQuestion,
  changeKind,
  kindLabels,
  lossMessage,
  moveQuestion,
  questionKinds,
  removeQuestion,
  updateQuestion,
} from "./builder-state";
import { builderIds } from "./field-errors";
import { CheckInput, NumberInput, SelectInput, TextInput } from "./fields";
import { OptionListEditor } from "./option-list-editor";
import { ShowIfEditor } from "./show-if-editor";

interface QuestionEditorProps {
  definition: ScorecardDefinition;
  s: number;
  i: number;
  /** The question's number across the whole scorecard, as the preview counts them. */
  number: number;
  errors: Record<string, string>;
  apply: ApplyEdit;
}

const criticalOptions: { value: "none" | "section" | "all"; label: string }[] = [
  { value: "none", label: "Not critical" },
  { value: "section", label: "Critical for its section" },
  { value: "all", label: "Critical for the whole evaluation" },
];

const criticalHints: Record<"none" | "section" | "all", string> = {
  none: "Its answer only moves the score by its weight.",
  section: "Below half marks (a “no”, the lower half of a scale) scores its whole section 0.",
  all: "Below half marks auto-fails the evaluation: the overall score is 0.",
};

export function QuestionEditor({ definition, s, i, number, errors, apply }: QuestionEditorProps) {
  const question = definition.sections[s]?.questions[i];
  if (!question) return null;
  const id = (field?: string) => builderIds.question(question.id, field);
  const edit = (change: (current: Question) => Question) => apply(updateQuestion(definition, s, i, change));
  const move = (delta: -1 | 1) => {
    const next = moveQuestion(definition, s, i, delta);
    const stillMovable = (d: -1 | 1) => {
      for (const [sn, section] of next.sections.entries()) {
        const k = section.questions.findIndex((q) => q.id === question.id);
        if (k >= 0) return canMoveQuestion(next, sn, k, d);
      }
      return false;
    };
    apply(next, { focus: id(stillMovable(delta) ? (delta < 0 ? "up" : "down") : delta < 0 ? "down" : "up") });
  };
  const title = question.prompt.trim() ? `“${question.prompt.trim().slice(0, 60)}”` : "";
  const critical = isScoringQuestion(question) ? (question.critical ?? "none") : "none";

  return (
    <fieldset className="builder-question" id={id()} aria-describedby={errors[id()] ? `${id()}-error` : undefined}>
      <legend>
        Question {number} · {kindLabels[question.kind]}
      </legend>
      <div className="builder-toolbar">
        <button type="button" id={id("up")} className="button button--quiet button--small" disabled={!canMoveQuestion(definition, s, i, -1)} onClick={() => move(-1)}>
          Move up
        </button>
        <button type="button" id={id("down")} className="button button--quiet button--small" disabled={!canMoveQuestion(definition, s, i, 1)} onClick={() => move(1)}>
          Move down
        </button>
        <button
          type="button"
          className="button button--quiet button--small builder-remove"
          onClick={() => {
            const { definition: next, released } = removeQuestion(definition, s, i);
            apply(next, { undoable: lossMessage(`Removed question ${number}${title ? ` ${title}` : ""}`, released) });
          }}
        >
          Remove question
        </button>
      </div>
      <FieldError id={`${id()}-error`} message={errors[id()]} />
      <div className="builder-row builder-row--wide">
        <TextInput id={id("prompt")} label="Question text" value={question.prompt} maxLength={500} error={errors[id("prompt")]} onChange={(prompt) => edit((q) => ({ ...q, prompt }))} />
        <SelectInput<QuestionKind>
          id={id("kind")}
          label="Answer type"
          value={question.kind}
          options={questionKinds.map((kind) => ({ value: kind, label: kindLabels[kind] }))}
          error={errors[id("kind")]}
          onChange={(kind) => {
            const { definition: next, released } = changeKind(definition, s, i, kind);
            apply(next, { undoable: lossMessage(`Question ${number} is now ${kindLabels[kind].toLowerCase()}`, released) });
          }}
        />
      </div>
      <TextInput
        id={id("help")}
        label="Help for the reviewer (optional)"
        multiline
        maxLength={2000}
        value={question.help}
        error={errors[id("help")]}
        onChange={(help) => edit((q) => ({ ...q, help: help === "" ? undefined : help }))}
      />
      {isScoringQuestion(question) ? (
        <div className="builder-row builder-row--scoring">
          <NumberInput
            id={id("weight")}
            label="Weight"
            className="field--narrow"
            min={0}
            max={100}
            value={question.weight}
            hint="0 to 100; 0 keeps it out of the score."
            error={errors[id("weight")]}
            onChange={(weight) => edit((q) => ({ ...q, weight }))}
          />
          <SelectInput
            id={id("critical")}
            label="Critical"
            value={critical}
            options={criticalOptions}
            hint={criticalHints[critical]}
            error={errors[id("critical")]}
            onChange={(value) => edit((q) => ({ ...q, critical: (value === "none" ? null : value) }))}
          />
          <div className="builder-checks">
            <CheckInput id={id("allowNa")} label="Allow N/A" checked={question.allowNa} error={errors[id("allowNa")]} onChange={(allowNa) => edit((q) => ({ ...q, allowNa }))} />
            <CheckInput id={id("required")} label="Required" checked={question.required} error={errors[id("required")]} onChange={(required) => edit((q) => ({ ...q, required }))} />
          </div>
        </div>
      ) : (
        <CheckInput
          id={id("required")}
          label="Required"
          hint="Not scored: it never changes the score."
          checked={question.required}
          error={errors[id("required")]}
          onChange={(required) => edit((q) => ({ ...q, required }))}
        />
      )}
      {question.kind === "scale" ? (
        <div className="builder-row">
          <NumberInput id={id("min")} label="Lowest point" className="field--narrow" value={question.min} error={errors[id("min")]} onChange={(min) => edit((q) => (q.kind === "scale" ? { ...q, min } : q))} />
          <NumberInput id={id("max")} label="Highest point" className="field--narrow" value={question.max} error={errors[id("max")]} onChange={(max) => edit((q) => (q.kind === "scale" ? { ...q, max } : q))} />
          <TextInput
            id={id("minLabel")}
            label="Label of the lowest point"
            maxLength={100}
            value={question.minLabel}
            error={errors[id("minLabel")]}
            onChange={(minLabel) => edit((q) => (q.kind === "scale" ? { ...q, minLabel: minLabel === "" ? undefined : minLabel } : q))}
          />
          <TextInput
            id={id("maxLabel")}
            label="Label of the highest point"
            maxLength={100}
            value={question.maxLabel}
            error={errors[id("maxLabel")]}
            onChange={(maxLabel) => edit((q) => (q.kind === "scale" ? { ...q, maxLabel: maxLabel === "" ? undefined : maxLabel } : q))}
          />
        </div>
      ) : null}
      {question.kind === "choice" || question.kind === "tags" ? <OptionListEditor definition={definition} s={s} i={i} errors={errors} apply={apply} /> : null}
      <ShowIfEditor definition={definition} s={s} i={i} errors={errors} apply={apply} />
    </fieldset>
  );
}
