/**
 * The disputes part of an evaluation page: the disputes of this evaluation the viewer may see
 * (newest first), and whether the viewer may raise one now — the agent or their supervisor, on a
 * released review that is not void, within the window, with none open — with what the form
 * needs (the scoring questions are the page's; the reason codes and the window's end are here).
 */
import type { Database } from "../../lib/db.server";
import { disputeVisibleTo } from "../access/dispute-scope.server";
import { scopeEvaluations } from "../access/evaluation-scope.server";
import { can } from "../access/permissions";
import { getOrganisationSettings } from "../organisation/get-organisation-settings.server";
import type { Viewer } from "../users/roles";
import { asDisputeState, isOpenState } from "./dispute-states";
import { disputeWindowEndsAt, isOverdue } from "./due-time";

export interface EvaluationFacts {
  id: string;
  kind: string;
  status: string;
  releasedAt: Date | null;
}

export async function getEvaluationDisputes(db: Database, viewer: Viewer, evaluation: EvaluationFacts, now = new Date()) {
  const [rows, settings, anyOpen] = await Promise.all([
    db
      .selectFrom("disputes")
      .innerJoin("evaluations", "evaluations.id", "disputes.evaluation_id")
      .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
      .innerJoin("users as raiser", "raiser.id", "disputes.raised_by")
      .select(["disputes.id", "disputes.state", "disputes.raised_at", "disputes.due_at", "raiser.name as raiser_name"])
      .select((eb) => eb.selectFrom("dispute_questions").select((q) => q.fn.countAll<number>().as("n")).whereRef("dispute_questions.dispute_id", "=", "disputes.id").as("question_count"))
      .where(disputeVisibleTo(viewer))
      .where("disputes.evaluation_id", "=", evaluation.id)
      .orderBy("disputes.raised_at", "desc")
      .execute(),
    getOrganisationSettings(db),
    // Through the evaluation scope: the revision a raise is made against, and whether any dispute (seen or not) is open.
    scopeEvaluations(db.selectFrom("evaluations").innerJoin("interactions", "interactions.id", "evaluations.interaction_id"), viewer)
      .select("evaluations.current_revision_id")
      .select((eb) =>
        eb
          .exists(eb.selectFrom("disputes").select("disputes.id").whereRef("disputes.evaluation_id", "=", "evaluations.id").where("disputes.state", "in", ["awaiting_supervisor", "open", "in_review"]))
          .as("open_dispute"),
      )
      .where("evaluations.id", "=", evaluation.id)
      .executeTakeFirst(),
  ]);
  const windowEndsAt = evaluation.releasedAt ? disputeWindowEndsAt(evaluation.releasedAt, settings.disputeWindowDays, settings.timeZone) : null;
  const eligible = evaluation.kind === "review" && evaluation.status === "submitted" && windowEndsAt !== null && now < windowEndsAt;
  return {
    disputes: rows.map((row) => {
      const state = asDisputeState(row.state);
      return { id: row.id, state, open: isOpenState(state), raisedAt: row.raised_at, dueAt: row.due_at, overdue: isOverdue({ state, dueAt: row.due_at }, now), raisedByName: row.raiser_name, questionCount: Number(row.question_count) };
    }),
    canRaise: can(viewer, "disputes:raise") && eligible && anyOpen !== undefined && !anyOpen.open_dispute,
    revisionId: anyOpen?.current_revision_id ?? null,
    windowEndsAt,
    reasonCodes: settings.disputeReasonCodes,
    firstLine: settings.disputeSupervisorFirstLine,
  };
}
