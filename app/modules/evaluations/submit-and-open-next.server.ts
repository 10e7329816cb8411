import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import type { Viewer } from "../users/roles";
import type { EvaluationInput } from "./evaluation-input.schema";
import { openEvaluation } from "./open-evaluation.server";
import { submitEvaluation, type SubmitOutcome } from "./submit-evaluation.server";

/** Where the reviewer goes after a submit: the next item's evaluation, or back to the queue. */
export type AfterSubmit = { to: "evaluation"; evaluationId: string } | { to: "queue"; queueDone: boolean } | { to: "self-evaluation"; evaluationId: string };

/**
 * Submit, then open the reviewer's next queue item (the workspace's "submit and next"). The
 * submit stands on its own: when the next item cannot be opened (reassigned a moment ago…),
 * the reviewer goes back to the queue, which shows what is left.
 */
export async function submitAndOpenNext(
  db: Database,
  viewer: Viewer,
  evaluationId: string,
  input: EvaluationInput,
): Promise<{ outcome: SubmitOutcome; then: AfterSubmit }> {
  const outcome = await submitEvaluation(db, viewer, evaluationId, input);
  // An agent's self-evaluation has no queue after it: its own page shows what was submitted.
  if (outcome.kind === "self") return { outcome, then: { to: "self-evaluation", evaluationId } };
  if (!outcome.next) return { outcome, then: { to: "queue", queueDone: true } };
  try {
    const next = await openEvaluation(db, viewer, { assignmentId: outcome.next.assignmentId });
    return { outcome, then: { to: "evaluation", evaluationId: next.evaluationId } };
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    return { outcome, then: { to: "queue", queueDone: false } };
  }
}
