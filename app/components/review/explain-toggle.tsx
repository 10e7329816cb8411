import { useId, useState } from "react";
import type { Answers, ScorecardDefinition } from "../../modules/scorecards/scorecard-definition.schema";
import { ScoreExplanation } from "../scorecard-form/scorecard-form";

/** "Explain this score": a toggle that shows the arithmetic behind the total under it. */
export function ExplainToggle({ definition, answers }: { definition: ScorecardDefinition; answers: Answers }) {
  const id = useId();
  const [open, setOpen] = useState(false);
  return (
    <div className="explain-toggle">
      <button type="button" className="button button--quiet button--small" aria-expanded={open} aria-controls={id} onClick={() => setOpen((value) => !value)}>
        {open ? "Hide the explanation" : "Explain this score"}
      </button>
      <div id={id} className="explain-toggle__body" hidden={!open}>
        {open ? <ScoreExplanation definition={definition} answers={answers} /> : null}
      </div>
    </div>
  );
}
