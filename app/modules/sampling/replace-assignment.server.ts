/**
 * Skip and replace: the skipped interaction is swapped for the agent's next-best candidate
 * of the same run (docs/decisions/0008 "Replacement"). The run's ranking is rebuilt from
 * what the run stored — its settings, period and seed — so it is the ranking the draw took
 * its prefix of; nothing per candidate needs keeping. The replacement goes to the same
 * reviewer with the same due date, or, when the agent has nothing left, the skip stands and
 * the answer says so.
 */
import type { Database } from "../../lib/db.server";
import { DomainError, notFound } from "../../lib/errors";
import { recordAudit } from "../audit/record-audit.server";
import { loadCandidates, loadTaken } from "./load-candidates.server";
import { rankKey } from "./rank";
import { nextReplacement } from "./replace";
import { samplingRuleSchema } from "./sampling-rule.schema";
import { scopeAssignments } from "../access/assignment-scope.server";
import type { Viewer } from "../users/roles";
import { lockScorecardAssignments } from "../assignments/lock-scorecard.server";
import { skipInTransaction } from "../assignments/skip-assignment.server";

export type ReplaceOutcome = { replacedBy: string; interactionId: string } | { replacedBy: null };

export async function replaceAssignment(db: Database, viewer: Viewer, assignmentId: string, reason: string): Promise<ReplaceOutcome> {
  return db.transaction().execute(async (trx) => {
    const peek = await scopeAssignments(trx.selectFrom("assignments").innerJoin("interactions", "interactions.id", "assignments.interaction_id"), viewer)
      .select(["assignments.scorecard_id", "assignments.run_id"])
      .where("assignments.id", "=", assignmentId)
      .executeTakeFirst();
    // Somebody else's assignment is "not found" before anything else is said about it.
    if (!peek) throw notFound("Assignment");
    if (!peek.run_id) {
      throw new DomainError("invalid", "Only assignments drawn by a sampling rule can be replaced. Skip it instead.");
    }
    await lockScorecardAssignments(trx, peek.scorecard_id);
    const skipped = await skipInTransaction(trx, viewer, assignmentId, reason);
    const run = await trx
      .selectFrom("sampling_runs")
      .select(["id", "rule_id", "seed", "period_key", "period_start", "period_end", "settings"])
      .where("id", "=", skipped.run_id ?? "")
      .executeTakeFirst();
    if (!run) throw new DomainError("invalid", "The run that drew this assignment no longer exists. Skip it instead.");

    const settings = samplingRuleSchema.parse(run.settings);
    const period = { start: run.period_start, end: run.period_end, key: run.period_key };
    const [rows, taken] = await Promise.all([
      loadCandidates(trx, settings.filters, period, skipped.agent_id),
      loadTaken(trx, skipped.scorecard_id, settings.filters, period, skipped.agent_id),
    ]);
    const next = nextReplacement(
      rows.map((row) => ({ id: row.id, rankKey: rankKey(run.seed, row.id) })),
      taken,
    );
    if (!next) return { replacedBy: null };

    const { id } = await trx
      .insertInto("assignments")
      .values({
        interaction_id: next.id,
        scorecard_id: skipped.scorecard_id,
        reviewer_id: skipped.reviewer_id,
        rule_id: run.rule_id,
        run_id: run.id,
        rank_key: next.rankKey,
        due_at: skipped.due_at,
        created_by: viewer.id,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actorId: viewer.id,
      action: "assignment.replace",
      entityType: "assignment",
      entityId: assignmentId,
      after: { replacedBy: id, interactionId: next.id },
    });
    return { replacedBy: id, interactionId: next.id };
  });
}
