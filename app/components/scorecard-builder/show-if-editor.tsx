import {
  type Question,
  type ScorecardDefinition,
  isScoringQuestion,
  questionsInOrder,
} from "../../modules/scorecards/scorecard-definition.schema";
import { FieldError } from "../field-error";
import { type ApplyEdit, defaultShowIf, earlierScoringQuestions, showIfChoices, updateQuestion } from "./builder-state";
import { builderIds } from "./field-errors";

interface ShowIfEditorProps {
  definition: ScorecardDefinition;
  s: number;
  i: number;
  errors: Record<string, string>;
  apply: ApplyEdit;
}

const shortPrompt = (question: Question) => {
  const prompt = question.prompt.trim() || "(question without a prompt)";
  return prompt.length > 70 ? `${prompt.slice(0, 69)}…` : prompt;
};

/**
 * "Show this question only when an earlier answer matches": the earlier yes/no, scale or
 * choice question, and the answers of it that show this one.
 */
export function ShowIfEditor({ definition, s, i, errors, apply }: ShowIfEditorProps) {
  const question = definition.sections[s]?.questions[i];
  if (!question) return null;
  const id = builderIds.question(question.id, "showIf");
  const error = errors[id];
  const earlier = earlierScoringQuestions(definition, question.id);
  const showIf = question.showIf;
  const all = new Map(questionsInOrder(definition).map((entry) => [entry.question.id, entry.question]));
  const reference = showIf ? all.get(showIf.questionId) : undefined;
  // A condition on a question that is now later (after a move) stays selectable, so it can be fixed by moving back.
  const offered = reference && isScoringQuestion(reference) && !earlier.includes(reference) ? [...earlier, reference] : earlier;

  const set = (next: Question["showIf"]) =>
    apply(
      updateQuestion(definition, s, i, (current) => {
        if (next) return { ...current, showIf: next };
        const { showIf: _removed, ...rest } = current;
        return rest;
      }),
    );

  return (
    <fieldset className="builder-showif" id={id} aria-describedby={error ? `${id}-error` : undefined}>
      <legend>When to show it</legend>
      <label className="check">
        <input
          type="checkbox"
          id={`${id}-on`}
          checked={Boolean(showIf)}
          disabled={!showIf && earlier.length === 0}
          aria-describedby={!showIf && earlier.length === 0 ? `${id}-none` : undefined}
          onChange={(event) => {
            const first = earlier[earlier.length - 1];
            set(event.target.checked && first ? defaultShowIf(first) : undefined);
          }}
        />
        Only when an earlier answer matches
      </label>
      {!showIf && earlier.length === 0 ? (
        <p className="field__hint" id={`${id}-none`}>
          A condition needs a yes/no, scale or choice question above this one.
        </p>
      ) : null}
      {showIf ? (
        <div className="builder-showif__rule">
          <div className="field">
            <label htmlFor={`${id}-question`}>Earlier question</label>
            <select
              id={`${id}-question`}
              value={showIf.questionId}
              onChange={(event) => {
                const chosen = offered.find((candidate) => candidate.id === event.target.value);
                if (chosen) set(defaultShowIf(chosen));
              }}
            >
              {reference ? null : <option value={showIf.questionId}>(a question that is no longer there)</option>}
              {offered.map((candidate) => (
                <option key={candidate.id} value={candidate.id}>
                  {shortPrompt(candidate)}
                </option>
              ))}
            </select>
          </div>
          {reference && isScoringQuestion(reference) ? (
            <fieldset className="builder-showif__values">
              <legend>Show it when the answer is</legend>
              {showIfChoices(reference).length === 0 ? (
                <p className="field__hint">Fix the ends of that scale first.</p>
              ) : (
                showIfChoices(reference).map((choice) => (
                  <label key={String(choice.value)} className="check">
                    <input
                      type="checkbox"
                      checked={showIf.equals.includes(choice.value)}
                      onChange={(event) => {
                        const equals = event.target.checked
                          ? [...showIf.equals.filter((value) => value !== choice.value), choice.value]
                          : showIf.equals.filter((value) => value !== choice.value);
                        set({ ...showIf, equals });
                      }}
                    />
                    {choice.label}
                  </label>
                ))
              )}
            </fieldset>
          ) : null}
        </div>
      ) : null}
      <FieldError id={`${id}-error`} message={error} />
    </fieldset>
  );
}
