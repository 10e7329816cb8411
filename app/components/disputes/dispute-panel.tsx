/**
 * Disputes on the evaluation page (issue 13 §6): this evaluation's disputes the viewer may see,
 * each with its state and a link to it, and — for the agent or their supervisor while the window
 * is open and none is open — "Dispute this evaluation…", which opens the form.
 */
import { Link } from "@remix-run/react";
import { useState } from "react";
import type { Answers, ScorecardDefinition } from "../../modules/scorecards/scorecard-definition.schema";
import type { DisputePanelData } from "./dispute-panel-view.server";
import { DisputeForm } from "./dispute-form";
import type { EvidenceListener } from "./use-evidence-capture";

interface DisputePanelProps {
  panel: DisputePanelData;
  evaluationId: string;
  definition: ScorecardDefinition;
  answers: Answers;
  connect: (listener: EvidenceListener | null) => void;
}

export function DisputePanel({ panel, evaluationId, definition, answers, connect }: DisputePanelProps) {
  const [open, setOpen] = useState(false);
  if (panel.disputes.length === 0 && !panel.canRaise) return null;
  return (
    <section className="dispute-panel" aria-labelledby="dispute-panel-title">
      <h2 id="dispute-panel-title">Disputes</h2>
      {panel.disputes.length > 0 ? (
        <ul className="dispute-panel__list">
          {panel.disputes.map((d) => (
            <li key={d.id}>
              <span className={`badge badge--dispute-${d.stateKey}`}>{d.state}</span>{" "}
              <Link to={`/disputes/${d.id}`}>
                {d.questionCount === 1 ? "1 question" : `${d.questionCount} questions`} disputed by {d.raisedByName} on {d.raisedAt}
              </Link>
              {d.open && d.stateKey !== "awaiting_supervisor" ? <span className="muted small"> · due {d.dueAt}</span> : null}
              {d.overdue ? <span className="badge badge--overdue"> Overdue</span> : null}
            </li>
          ))}
        </ul>
      ) : null}
      {panel.canRaise && panel.revisionId ? (
        open ? (
          <DisputeForm
            evaluationId={evaluationId}
            revisionId={panel.revisionId}
            definition={definition}
            answers={answers}
            reasonCodes={panel.reasonCodes}
            connect={connect}
            onCancel={() => setOpen(false)}
          />
        ) : (
          <p>
            <button type="button" className="button" onClick={() => setOpen(true)}>
              Dispute this evaluation…
            </button>{" "}
            <span className="muted small">
              Until {panel.windowEndsAt}.{panel.firstLine ? " Your supervisor reviews a dispute before QA does." : ""}
            </span>
          </p>
        )
      ) : null}
    </section>
  );
}
