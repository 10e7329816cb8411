/**
 * Running a sampling rule for the period of `runAt` (DESIGN.md "Sampling"): one
 * transaction that draws, assigns and records the run, so a run that fails half-way leaves
 * nothing assigned, only a failed run with its error. Runs that hand out work for the same
 * scorecard queue behind one lock, and the draw skips everything already assigned or
 * evaluated, so a repeated or concurrent run of a period draws nothing twice.
 *
 * What a failed run records is meant for the lead who reads the run page: a DomainError's
 * message (the rule is at fault and they can fix it), else a plain sentence. The raw error of
 * a fault (often PostgreSQL's words) goes to the server log under the run's id.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { logger } from "../../../server/logger";
import type { Database } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { lockScorecardAssignments } from "../assignments/lock-scorecard.server";
import { loadReviewerLoads } from "../assignments/reviewer-loads.server";
import { getOrganisation } from "../users/get-organisation.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import { userIdOf } from "../audit/actor";
import { assertScorecardUsable } from "./assert-scorecard-usable.server";
import { assignReviewers } from "./assign";
import { getRuleSettings } from "./get-rule-settings.server";
import { resolvePeriod } from "./period";
import { periodSeed, planSample, type SamplePlan } from "./plan-sample.server";
import { purposeOf } from "./sampling-rule.schema";
import { assertSelfEvaluationEnabled, insertSelfEvaluationRequests } from "./self-evaluation-rule.server";

export interface RunRequest {
  ruleId: string;
  /** The instant whose period is sampled: now for "run now", the schedule's slot for a job. */
  runAt: Date;
  trigger: "manual" | "schedule";
}

export type RunOutcome =
  | { runId: string; status: "completed" }
  | {
      runId: string;
      status: "failed";
      /** What the run page shows and the run row keeps. */
      error: string;
      /** False when the rule itself is at fault (a DomainError): running it again fails the same way until someone changes it. */
      retryable: boolean;
      /** The raw error, for logs and the job queue only. */
      detail: string;
    };

/** Shown for a fault that is not the rule's: the details are in the log, under the run's id. */
export const unexpectedRunError = (runId: string) =>
  `Parley ran into an unexpected problem. Try Run now again; if it keeps failing, ask your administrator to look up run ${runId} in the server log.`;

/**
 * Runs a rule as `actor`: a lead's "Run now", or the job runner for a scheduled slot. The run
 * records who started it (nobody, for a part of Parley).
 */
export async function runSamplingRule(db: Database, actor: Actor, request: RunRequest): Promise<RunOutcome> {
  assertCan(actor, "sampling:manage");
  const startedBy = userIdOf(actor);
  const rule = await getRuleSettings(db, request.ruleId);
  const { timeZone } = await getOrganisation(db);
  const startedAt = new Date();
  const period = resolvePeriod(rule.settings.filters.window, request.runAt, timeZone);
  try {
    const runId = await db.transaction().execute(async (trx) => {
      await lockScorecardAssignments(trx, rule.scorecardId);
      await assertScorecardUsable(trx, rule.scorecardId);
      const plan = await planSample(trx, { settings: rule.settings, ruleSeed: rule.seed, runAt: request.runAt, timeZone });
      const { id } = await trx
        .insertInto("sampling_runs")
        .values({
          rule_id: rule.id,
          period_key: plan.period.key,
          period_start: plan.period.start,
          period_end: plan.period.end,
          seed: plan.seed,
          trigger: request.trigger,
          status: "completed",
          settings: JSON.stringify(rule.settings),
          started_by: startedBy,
          started_at: startedAt,
        })
        .returning("id")
        .executeTakeFirstOrThrow();

      const dueAt = new Date(startedAt.getTime() + rule.settings.dueInHours * 3_600_000);
      if (purposeOf(rule.settings) === "self") {
        // Checked inside the transaction: an administrator who turned it off stops every later run.
        await assertSelfEvaluationEnabled(trx);
        const requested = await insertSelfEvaluationRequests(trx, {
          interactionIds: plan.drawn.map((item) => item.id),
          scorecardId: rule.scorecardId,
          ruleId: rule.id,
          runId: id,
          dueAt,
        }, timeZone);
        await recordRunCounts(trx, id, plan, requested, []);
        return id;
      }

      const reviewers = await loadReviewerLoads(trx, {
        reviewerIds: rule.settings.reviewerIds,
        ruleId: rule.id,
        periodKey: plan.period.key,
        capPerReviewer: rule.settings.capPerReviewer,
      });
      const { assignments, unassigned } = assignReviewers({ items: plan.drawn, reviewers });
      const rankById = new Map(plan.drawn.map((item) => [item.id, item.rankKey]));
      if (assignments.length > 0) {
        // One statement with three array parameters rather than a VALUES list of 8 parameters a
        // row (40,000 for a 5,000-row run): the SQL stays a few hundred bytes whatever the run's
        // size, and neither kysely nor PostgreSQL parses and plans a 5,000-row VALUES list.
        // Rows go in the order assignReviewers gave them, as before.
        const interactionIds = assignments.map((a) => a.interactionId);
        const reviewerIds = assignments.map((a) => a.reviewerId);
        const rankKeys = assignments.map((a) => rankById.get(a.interactionId) ?? null);
        await trx
          .insertInto("assignments")
          .columns(["interaction_id", "scorecard_id", "reviewer_id", "rule_id", "run_id", "rank_key", "due_at", "created_by"])
          .expression(
            sql`SELECT a.interaction_id, ${rule.scorecardId}::uuid, a.reviewer_id, ${rule.id}::uuid, ${id}::uuid, a.rank_key, ${dueAt}::timestamptz, ${startedBy}::uuid
                FROM unnest(${interactionIds}::uuid[], ${reviewerIds}::uuid[], ${rankKeys}::text[]) AS a(interaction_id, reviewer_id, rank_key)`,
          )
          .execute();
      }

      await recordRunCounts(trx, id, plan, assignments.length, unassigned.map((u) => ({ interactionId: u.id, reason: u.reason })));
      return id;
    });
    return { runId, status: "completed" };
  } catch (error) {
    const expected = error instanceof DomainError;
    const detail = error instanceof Error ? error.message : String(error);
    const runId = randomUUID();
    const message = expected ? error.message : unexpectedRunError(runId);
    await db
      .insertInto("sampling_runs")
      .values({
        id: runId,
        rule_id: rule.id,
        period_key: period.key,
        period_start: period.start,
        period_end: period.end,
        seed: periodSeed(rule.seed, period.key),
        trigger: request.trigger,
        status: "failed",
        settings: JSON.stringify(rule.settings),
        error: message,
        started_by: startedBy,
        started_at: startedAt,
      })
      .execute();
    if (expected) logger.warn({ runId, ruleId: rule.id, reason: detail }, "sampling run refused");
    else logger.error({ err: error, runId, ruleId: rule.id, trigger: request.trigger }, "sampling run failed");
    return { runId, status: "failed", error: message, retryable: !expected, detail };
  }
}

/** The run's tallies; for a self-evaluation rule `assigned` counts the requests written. */
async function recordRunCounts(db: Database, runId: string, plan: SamplePlan, assigned: number, unassigned: { interactionId: string; reason: string }[]): Promise<void> {
  await db
    .updateTable("sampling_runs")
    .set({
      matched: plan.matched,
      drawn: plan.drawn.length,
      assigned,
      shortfall: plan.shortfall,
      per_agent: JSON.stringify(plan.perAgent),
      unassigned: JSON.stringify(unassigned),
      finished_at: sql<Date>`clock_timestamp()`,
    })
    .where("id", "=", runId)
    .execute();
}
