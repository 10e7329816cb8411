/**
 * The disputes part of the evaluation page's data (issue 13 §6): this evaluation's disputes the
 * viewer may see, and whether and how they may raise one. One call from the page's loader.
 */
import { db } from "../../lib/db.server";
import { formatDateTime } from "../../lib/time";
import { disputeStateLabels } from "../../modules/disputes/dispute-states";
import { getEvaluationDisputes, type EvaluationFacts } from "../../modules/disputes/get-evaluation-disputes.server";
import type { Viewer } from "../../modules/users/roles";

export async function disputePanelView(viewer: Viewer, evaluation: EvaluationFacts, timeZone: string) {
  const data = await getEvaluationDisputes(db(), viewer, evaluation);
  return {
    disputes: data.disputes.map((d) => ({
      id: d.id,
      state: disputeStateLabels[d.state],
      stateKey: d.state,
      open: d.open,
      overdue: d.overdue,
      raisedAt: formatDateTime(d.raisedAt, timeZone),
      dueAt: formatDateTime(d.dueAt, timeZone),
      raisedByName: d.raisedByName,
      questionCount: d.questionCount,
    })),
    canRaise: data.canRaise && data.revisionId !== null,
    revisionId: data.revisionId,
    windowEndsAt: data.windowEndsAt ? formatDateTime(data.windowEndsAt, timeZone) : null,
    reasonCodes: data.reasonCodes,
    firstLine: data.firstLine,
  };
}
export type DisputePanelData = Awaited<ReturnType<typeof disputePanelView>>;
