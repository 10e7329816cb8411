/**
 * Creating a scorecard, with a first draft version to edit, and changing its own
 * (unversioned) settings: name, description, when agents see evaluations and whether they
 * acknowledge them (qa_lead, admin).
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import { assertCan } from "../access/refusals";
import type { Actor } from "../access/actor";
import { userIdOf } from "../audit/actor";
import { DomainError, notFound } from "../../lib/errors";
import { isUniqueViolation } from "../../lib/pg-errors";
import { recordAudit } from "../audit/record-audit.server";
import { starterDefinition, type ScorecardSettings } from "./scorecard-settings.schema";

/**
 * The acknowledgement columns: days only with "required" (a check in the table says so too),
 * and "required" without days is refused on the field.
 */
function acknowledgementColumns(settings: ScorecardSettings): { acknowledgement: string; acknowledgement_days: number | null } {
  if (settings.acknowledgement !== "required") return { acknowledgement: settings.acknowledgement, acknowledgement_days: null };
  if (settings.acknowledgementDays === undefined) {
    const message = "Give the number of days agents have to acknowledge, 1 to 60";
    throw new DomainError("invalid", message, { acknowledgementDays: message });
  }
  return { acknowledgement: "required", acknowledgement_days: settings.acknowledgementDays };
}

const nameTaken = () => new DomainError("invalid", "A scorecard with that name exists.", { name: "Choose another name" });

/** Two leads saving the same name at once: the index decides, and the loser gets the same message. */
async function translateNameClash<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (isUniqueViolation(error, "scorecards_name_key")) throw nameTaken();
    throw error;
  }
}

export async function createScorecard(db: Database, actor: Actor, settings: ScorecardSettings): Promise<{ id: string }> {
  assertCan(actor, "scorecards:manage");
  const acknowledgement = acknowledgementColumns(settings);
  return translateNameClash(
    db.transaction().execute(async (trx) => {
      const { id } = await trx
        .insertInto("scorecards")
        .values({ name: settings.name, description: settings.description, release_mode: settings.releaseMode, ...acknowledgement, created_by: userIdOf(actor) })
        .returning("id")
        .executeTakeFirstOrThrow();
      await trx.insertInto("scorecard_versions").values({ scorecard_id: id, version: 1, definition: JSON.stringify(starterDefinition()) }).execute();
      await recordAudit(trx, { actorId: actor, action: "scorecard.create", entityType: "scorecard", entityId: id, after: settings });
      return { id };
    }),
  );
}

export async function updateScorecardSettings(db: Database, actor: Actor, scorecardId: string, settings: ScorecardSettings): Promise<void> {
  assertCan(actor, "scorecards:manage");
  const acknowledgement = acknowledgementColumns(settings);
  await translateNameClash(
    db.transaction().execute(async (trx) => {
      const before = await trx
        .selectFrom("scorecards")
        .select(["name", "description", "release_mode", "acknowledgement", "acknowledgement_days"])
        .where("id", "=", scorecardId)
        .forUpdate()
        .executeTakeFirst();
      if (!before) throw notFound("Scorecard");
      await trx
        .updateTable("scorecards")
        .set({ name: settings.name, description: settings.description, release_mode: settings.releaseMode, ...acknowledgement, updated_at: sql`now()` })
        .where("id", "=", scorecardId)
        .execute();
      await recordAudit(trx, { actorId: actor, action: "scorecard.update", entityType: "scorecard", entityId: scorecardId, before, after: settings });
    }),
  );
}
