import type { Database } from "../../lib/db.server";
import { getOrganisationSettings } from "../organisation/get-organisation-settings.server";

/**
 * What decides whether a conversation may be self-evaluated now (access/rules.ts
 * `assertMaySelfEvaluate`): the organisation's switch, and whether a review of the
 * conversation was released to the agent — from then on self-evaluation is locked, even if
 * that review was voided later (the agent has seen it).
 */
export async function selfEvaluationState(db: Database, interactionId: string): Promise<{ enabled: boolean; reviewReleased: boolean }> {
  const [settings, released] = await Promise.all([
    getOrganisationSettings(db),
    db
      .selectFrom("evaluations")
      .select("id")
      .where("interaction_id", "=", interactionId)
      .where("kind", "=", "review")
      .where("released_at", "is not", null)
      .limit(1)
      .executeTakeFirst(),
  ]);
  return { enabled: settings.selfEvaluationEnabled, reviewReleased: released !== undefined };
}
