import { useMemo, useState } from "react";
import { type Answers, type ScorecardDefinition, scorecardDefinitionSchema } from "../../modules/scorecards/scorecard-definition.schema";
import { ScorecardForm } from "../scorecard-form/scorecard-form";
import { fieldErrorsOf } from "../../lib/errors";

export interface DefinitionCheck {
  /** The definition as the schema reads it (defaults filled), or null while it has problems. */
  valid: ScorecardDefinition | null;
  /** Problems by issue path, as the save action would answer them. */
  fieldErrors: Record<string, string>;
}

/** The same check the save action makes, live in the browser. */
export function checkDefinition(definition: ScorecardDefinition): DefinitionCheck {
  const parsed = scorecardDefinitionSchema.safeParse(definition);
  return parsed.success ? { valid: parsed.data, fieldErrors: {} } : { valid: null, fieldErrors: fieldErrorsOf(parsed.error.issues) };
}

export function useDefinitionCheck(definition: ScorecardDefinition): DefinitionCheck {
  return useMemo(() => checkDefinition(definition), [definition]);
}

interface BuilderPreviewProps {
  /** The edited definition when valid; null while it has problems (the last valid one stays on show). */
  valid: ScorecardDefinition | null;
  /** The saved definition, shown until the edits are valid at least once. */
  fallback: ScorecardDefinition;
}

/** The form as a reviewer will see it, answerable; the answers here are never saved. */
export function BuilderPreview({ valid, fallback }: BuilderPreviewProps) {
  const [lastValid, setLastValid] = useState<ScorecardDefinition>(valid ?? fallback);
  const [answers, setAnswers] = useState<Answers>({});
  if (valid && valid !== lastValid) setLastValid(valid);
  const shown = valid ?? lastValid;
  return (
    <section className="builder-preview" aria-labelledby="builder-preview-title">
      <div className="builder-preview__header">
        <h2 id="builder-preview-title">Preview</h2>
        <button type="button" className="button button--quiet button--small" disabled={Object.keys(answers).length === 0} onClick={() => setAnswers({})}>
          Clear answers
        </button>
      </div>
      <p className="field__hint">Answer it as a reviewer would to check the score. These answers are not saved.</p>
      {valid ? null : (
        <p className="alert alert--info builder-preview__stale">The preview shows the last version without problems; fix the problems in the builder to see your latest edits.</p>
      )}
      <ScorecardForm definition={shown} answers={answers} onChange={setAnswers} />
    </section>
  );
}
