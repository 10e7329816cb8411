import { useState } from "react";
import type { QuestionKind, ScorecardDefinition } from "../../modules/scorecards/scorecard-definition.schema";
import { FieldError } from "../field-error";
import { type ApplyEdit, addQuestion, kindLabels, lossMessage, moveSection, questionKinds, removeSection, updateSection } from "./builder-state";
import { builderIds } from "./field-errors";
import { NumberInput, TextInput } from "./fields";
import { QuestionEditor } from "./question-editor";

interface SectionEditorProps {
  definition: ScorecardDefinition;
  s: number;
  /** The number of the section's first question across the scorecard. */
  firstNumber: number;
  errors: Record<string, string>;
  apply: ApplyEdit;
}

export function SectionEditor({ definition, s, firstNumber, errors, apply }: SectionEditorProps) {
  const [newKind, setNewKind] = useState<QuestionKind>("binary");
  const section = definition.sections[s];
  if (!section) return null;
  const id = (field?: string) => builderIds.section(section.id, field);
  const headingId = `${id()}-heading`;
  const count = definition.sections.length;
  const move = (delta: -1 | 1) => {
    const to = s + delta;
    apply(moveSection(definition, s, delta), { focus: id(to === 0 ? "down" : to === count - 1 ? "up" : delta < 0 ? "up" : "down") });
  };
  const questionsError = errors[id("questions")];

  return (
    <section className="builder-section" id={id()} aria-labelledby={headingId}>
      <div className="builder-section__header">
        <h3 id={headingId}>
          Section {s + 1}
          {section.title.trim() ? `: ${section.title.trim()}` : ""}
        </h3>
        <div className="builder-toolbar">
          <button type="button" id={id("up")} className="button button--quiet button--small" disabled={s === 0} onClick={() => move(-1)}>
            Move section up
          </button>
          <button type="button" id={id("down")} className="button button--quiet button--small" disabled={s === count - 1} onClick={() => move(1)}>
            Move section down
          </button>
          <button
            type="button"
            className="button button--quiet button--small builder-remove"
            disabled={count === 1}
            onClick={() => {
              const { definition: next, released } = removeSection(definition, s);
              const n = section.questions.length;
              const what = `Removed section ${s + 1}${section.title.trim() ? ` “${section.title.trim()}”` : ""} and its ${n === 1 ? "question" : `${n} questions`}`;
              apply(next, { undoable: lossMessage(what, released) });
            }}
          >
            Remove section
          </button>
        </div>
      </div>
      <FieldError id={`${id()}-error`} message={errors[id()]} />
      <div className="builder-row builder-row--wide">
        <TextInput
          id={id("title")}
          label="Section title"
          value={section.title}
          maxLength={200}
          error={errors[id("title")]}
          onChange={(title) => apply(updateSection(definition, s, (current) => ({ ...current, title })))}
        />
        <NumberInput
          id={id("weight")}
          label="Section weight"
          className="field--narrow"
          min={0}
          max={100}
          value={section.weight}
          hint="Its share of the overall score; 0 leaves it out."
          error={errors[id("weight")]}
          onChange={(weight) => apply(updateSection(definition, s, (current) => ({ ...current, weight })))}
        />
      </div>
      <TextInput
        id={id("description")}
        label="Description for reviewers (optional)"
        multiline
        maxLength={2000}
        value={section.description}
        error={errors[id("description")]}
        onChange={(description) => apply(updateSection(definition, s, (current) => ({ ...current, description: description === "" ? undefined : description })))}
      />
      {section.questions.length === 0 ? (
        <p className="empty-state" id={id("questions")}>
          This section has no questions. Add one below, or remove the section.
        </p>
      ) : (
        <ol className="builder-questions" id={id("questions")}>
          {section.questions.map((question, i) => (
            <li key={question.id}>
              <QuestionEditor definition={definition} s={s} i={i} number={firstNumber + i} errors={errors} apply={apply} />
            </li>
          ))}
        </ol>
      )}
      <FieldError id={`${id("questions")}-error`} message={questionsError} />
      <div className="builder-add">
        <label htmlFor={id("new-kind")}>New question&apos;s answer type</label>
        <select id={id("new-kind")} value={newKind} onChange={(event) => setNewKind(event.target.value as QuestionKind)}>
          {questionKinds.map((kind) => (
            <option key={kind} value={kind}>
              {kindLabels[kind]}
            </option>
          ))}
        </select>
        <button
          type="button"
          className="button button--small"
          onClick={() => {
            const { definition: next, question } = addQuestion(definition, s, newKind);
            apply(next, { focus: builderIds.question(question.id, "prompt") });
          }}
        >
          Add question to section {s + 1}
        </button>
      </div>
    </section>
  );
}
