import { Link } from "@remix-run/react";
import { ScoreBadge, type ScoreBadgeView } from "../score-badge";
import { DueCell } from "./due-cell";
import type { DueView } from "../../modules/assignments/due";
import { ReassignForm, type ReviewerOption } from "./reassign-form";
import { RuleCell } from "./rule-cell";
import type { SkipTarget } from "./skip-dialog";

export interface OpenAssignmentView {
  id: string;
  interactionId: string;
  agentName: string;
  reviewerId: string;
  reviewerName: string;
  scorecardName: string;
  ruleName: string | null;
  ruleDeleted: boolean;
  /** "Call · 20 Nov 2026, 10:00", for the skip dialog. */
  conversation: string;
  due: DueView;
  /** The conversation's current evaluation, when it already has one (another scorecard's). */
  score: ScoreBadgeView | null;
}

interface OpenAssignmentsTableProps {
  items: OpenAssignmentView[];
  reviewers: ReviewerOption[];
  /** The refusal of the last reassign of a row. */
  reassignFailure: (id: string) => { message: string; reviewerId: string } | null;
  submittingRow: unknown;
  onSkip: (target: SkipTarget) => void;
}

/** The lead's open assignments, due soonest first: reassign in the row, or skip with a reason in a dialog. */
export function OpenAssignmentsTable({ items, reviewers, reassignFailure, submittingRow, onSkip }: OpenAssignmentsTableProps) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">Open assignments, due soonest first</caption>
        <thead>
          <tr>
            <th scope="col">Due</th>
            <th scope="col">Agent</th>
            <th scope="col">Scorecard</th>
            <th scope="col">Rule</th>
            <th scope="col">Reviewer</th>
            <th scope="col">Reassign</th>
            <th scope="col">
              <span className="visually-hidden">Skip</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id} className={item.due.overdue ? "row--overdue" : undefined}>
              <td>
                <DueCell due={item.due} />
              </td>
              <td>
                <Link to={`/interactions/${item.interactionId}`}>{item.agentName}</Link>
                {item.score ? (
                  <span className="block">
                    <ScoreBadge badge={item.score} />
                  </span>
                ) : null}
              </td>
              <td>{item.scorecardName}</td>
              <td>
                <RuleCell ruleName={item.ruleName} ruleDeleted={item.ruleDeleted} />
              </td>
              <td>{item.reviewerName}</td>
              <td>
                <ReassignForm
                  key={`${item.id}-${item.reviewerId}`}
                  assignmentId={item.id}
                  reviewerId={item.reviewerId}
                  agentName={item.agentName}
                  reviewers={reviewers}
                  failure={reassignFailure(item.id)}
                  submitting={submittingRow === item.id}
                />
              </td>
              <td>
                <button
                  type="button"
                  className="button button--quiet button--small"
                  aria-label={`Skip the conversation of ${item.agentName} assigned to ${item.reviewerName}`}
                  onClick={() =>
                    onSkip({
                      intent: "skip",
                      assignmentId: item.id,
                      agentName: item.agentName,
                      scorecardName: item.scorecardName,
                      conversation: item.conversation,
                      reviewerName: item.reviewerName,
                    })
                  }
                >
                  Skip…
                </button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
