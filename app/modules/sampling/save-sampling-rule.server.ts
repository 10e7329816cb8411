/**
 * Creating and editing sampling rules (qa_lead, admin). Everything a rule names must exist
 * and be usable when it is saved (a published scorecard, active reviewers, known agents and
 * teams), so a scheduled run at 06:00 does not fail on a typo made at 17:00. Saving also
 * (re)schedules the rule's job in the same transaction.
 */
import { randomBytes } from "node:crypto";
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { assertCan } from "../access/refusals";
import type { Actor } from "../access/actor";
import { userIdOf } from "../audit/actor";
import { DomainError, notFound } from "../../lib/errors";
import { isUniqueViolation } from "../../lib/pg-errors";
import { reviewerRoles } from "../assignments/reviewer-loads.server";
import { recordAudit } from "../audit/record-audit.server";
import { getOrganisation } from "../users/get-organisation.server";
import { assertScorecardUsable } from "./assert-scorecard-usable.server";
import { purposeOf, type SamplingRuleSettings } from "./sampling-rule.schema";
import { assertSelfEvaluationEnabled } from "./self-evaluation-rule.server";
import { scheduleRuleRun } from "./schedule-rule-run.server";

const nameTaken = () => new DomainError("invalid", "A sampling rule with that name exists.", { name: "Choose another name" });

async function translateNameClash<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error, "sampling_rules_name_key")) throw nameTaken();
    throw error;
  }
}

async function assertReferencesExist(db: Database, settings: SamplingRuleSettings): Promise<void> {
  const scorecard = await db
    .selectFrom("scorecards")
    .select(["scorecards.archived_at"])
    .select((eb) =>
      eb
        .exists(eb.selectFrom("scorecard_versions").select("id").whereRef("scorecard_id", "=", "scorecards.id").where("status", "=", "published"))
        .as("published"),
    )
    .where("scorecards.id", "=", settings.scorecardId)
    .executeTakeFirst();
  if (!scorecard || scorecard.archived_at || !scorecard.published) {
    throw new DomainError("invalid", "Choose a published scorecard.", { scorecardId: "Choose a published scorecard" });
  }

  if (purposeOf(settings) === "self") {
    await assertSelfEvaluationEnabled(db);
  } else {
    await assertReviewersUsable(db, settings.reviewerIds);
  }
  const { agentIds, teamIds } = settings.filters;
  if (agentIds.length > 0) {
    const agents = await db.selectFrom("users").select("id").where("id", "in", agentIds).where("role", "=", "agent").execute();
    if (agents.length !== agentIds.length) {
      throw new DomainError("invalid", "One of the chosen agents does not exist.", { "filters.agentIds": "Choose agents from the list" });
    }
  }
  if (teamIds.length > 0) {
    const teams = await db.selectFrom("teams").select("id").where("id", "in", teamIds).execute();
    if (teams.length !== teamIds.length) {
      throw new DomainError("invalid", "One of the chosen teams does not exist.", { "filters.teamIds": "Choose teams from the list" });
    }
  }
}

async function assertReviewersUsable(db: Database, reviewerIds: string[]): Promise<void> {
  const reviewers = await db
    .selectFrom("users")
    .select("id")
    .where("id", "in", reviewerIds)
    .where("active", "=", true)
    .where("role", "in", reviewerRoles)
    .execute();
  if (reviewers.length !== reviewerIds.length) {
    throw new DomainError("invalid", "Reviewers must be active QA specialists or QA leads.", {
      reviewerIds: "Choose active QA specialists or QA leads",
    });
  }
}

/** The JSON kept in `sampling_rules.settings`: everything but the columns of its own. */
function storedSettings(settings: SamplingRuleSettings): string {
  const { name: _name, scorecardId: _scorecardId, ...rest } = settings;
  return JSON.stringify(rest);
}

export async function createSamplingRule(db: Database, actor: Actor, settings: SamplingRuleSettings): Promise<{ id: string }> {
  assertCan(actor, "sampling:manage");
  const { timeZone } = await getOrganisation(db);
  return translateNameClash(db.transaction().execute((trx) => insertSamplingRule(trx, actor, settings, timeZone)));
}

/**
 * Writes a rule, schedules it and audits it in the caller's transaction, with no permission
 * check: `createSamplingRule` checks `sampling:manage`; a coaching plan's follow-up rule is
 * created by its coach, who needs no sampling permission for that one rule (issue 15 §3), with
 * `extra` linking it to the plan and ending it on the plan's due date.
 */
export async function insertSamplingRule(
  trx: Database,
  actor: Actor,
  settings: SamplingRuleSettings,
  timeZone: string,
  extra: { coachingPlanId?: string; endsAt?: Date; now?: Date } = {},
): Promise<{ id: string }> {
  await assertReferencesExist(trx, settings);
  const { id } = await trx
    .insertInto("sampling_rules")
    .values({
      name: settings.name,
      scorecard_id: settings.scorecardId,
      settings: storedSettings(settings),
      // The rule's half of every period's seed: random, so two rules never draw in lockstep.
      seed: randomBytes(8).toString("hex"),
      created_by: userIdOf(actor),
      coaching_plan_id: extra.coachingPlanId ?? null,
      ends_at: extra.endsAt ?? null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await scheduleRuleRun(trx, { id, active: true, schedule: settings.schedule }, extra.now ?? new Date(), timeZone);
  await recordAudit(trx, { actorId: actor, action: "sampling_rule.create", entityType: "sampling_rule", entityId: id, after: settings }, extra.now);
  return { id };
}

export async function updateSamplingRule(db: Database, actor: Actor, ruleId: string, settings: SamplingRuleSettings): Promise<void> {
  assertCan(actor, "sampling:manage");
  const { timeZone } = await getOrganisation(db);
  await translateNameClash(
    db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom("sampling_rules")
        .select(["name", "scorecard_id", "settings", "active"])
        .where("id", "=", ruleId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound("Sampling rule");
      await assertReferencesExist(trx, settings);
      await trx
        .updateTable("sampling_rules")
        .set({ name: settings.name, scorecard_id: settings.scorecardId, settings: storedSettings(settings), updated_at: sql`now()` })
        .where("id", "=", ruleId)
        .execute();
      await scheduleRuleRun(trx, { id: ruleId, active: before.active, schedule: settings.schedule }, new Date(), timeZone);
      await recordAudit(trx, {
        actorId: actor,
        action: "sampling_rule.update",
        entityType: "sampling_rule",
        entityId: ruleId,
        before: { name: before.name, scorecardId: before.scorecard_id, ...(before.settings as object) },
        after: settings,
      });
    }),
  );
}

/**
 * Pausing stops the schedule; "run now" still works. Resuming schedules the next slot from now,
 * unless the rule's scorecard can no longer be scored with (archiving it paused the rule).
 */
export async function setSamplingRuleActive(db: Database, actor: Actor, ruleId: string, active: boolean): Promise<void> {
  assertCan(actor, "sampling:manage");
  const { timeZone } = await getOrganisation(db);
  await db.transaction().execute(async (trx) => {
    const rule = await trx.selectFrom("sampling_rules").select(["settings", "scorecard_id"]).where("id", "=", ruleId).forUpdate().executeTakeFirst();
    if (!rule) throw notFound("Sampling rule");
    if (active) await assertScorecardUsable(trx, rule.scorecard_id);
    await trx.updateTable("sampling_rules").set({ active, updated_at: sql`now()` }).where("id", "=", ruleId).execute();
    const schedule = (rule.settings as Pick<SamplingRuleSettings, "schedule">).schedule;
    await scheduleRuleRun(trx, { id: ruleId, active, schedule }, new Date(), timeZone);
    await recordAudit(trx, { actorId: actor, action: active ? "sampling_rule.resume" : "sampling_rule.pause", entityType: "sampling_rule", entityId: ruleId });
  });
}
