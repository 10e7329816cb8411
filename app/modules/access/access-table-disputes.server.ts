/**
 * The disputes part of the access table's world (access-table.server.test.ts, "disputes"): on
 * the shared world, three disputes in every scope — Ana's own (open, on her released review),
 * her teammate Nick's (waiting for the supervisor, on a released review of his conversation), and
 * Sofia's of another team (open) — all on reviews by Rosa, so Quinn, the QA specialist of the
 * table, is neither their reviewer nor an arbiter. And the operations, as the real use cases.
 */
import { db } from "../../lib/db.server";
import { decideDispute } from "../disputes/decide-dispute.server";
import { endorseDispute } from "../disputes/endorse-dispute.server";
import { getDispute } from "../disputes/get-dispute.server";
import { listDisputes } from "../disputes/list-disputes.server";
import { raiseDispute } from "../disputes/raise-dispute.server";
import { takeDispute } from "../disputes/take-dispute.server";
import { withdrawDispute } from "../disputes/withdraw-dispute.server";
import { defaultOrganisationSettings } from "../organisation/organisation-settings";
import { roles, type Viewer } from "../users/roles";
import { cast, outcomeOf, seedWorld, type EvaluationKey, type Outcomes, type World } from "./access-table-world.server";

export const disputeRows = {
  anaOpen: "Ana's dispute of her released review (open)",
  nickAwaiting: "her teammate Nick's dispute (awaiting the supervisor)",
  sofiaOpen: "another team's dispute (Sofia, open)",
} as const;
export type DisputeKey = keyof typeof disputeRows;

const raiseOf = (revisionId: string) => ({
  revisionId,
  questions: [{ questionId: "greeting", proposed: { value: true }, reasonCode: defaultOrganisationSettings.disputeReasonCodes[0]!, reasonText: "I greeted them." }],
});
const currentRevision = async (evaluationId: string) =>
  (await db().selectFrom("evaluations").select("current_revision_id").where("id", "=", evaluationId).executeTakeFirstOrThrow()).current_revision_id ?? "";

/** A released review of Nick's conversation by Rosa (on the other scorecard: she has a draft with the first), for Nick's dispute. */
async function releasedReviewOfNick(world: World): Promise<string> {
  const { people, otherScorecard: scorecard } = cast();
  const { id } = await db()
    .insertInto("evaluations")
    .values({ interaction_id: world.interactions.nick, scorecard_id: scorecard.id, scorecard_version_id: scorecard.versionId, reviewer_id: people.rosa.id, kind: "review" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const revision = await db()
    .insertInto("evaluation_revisions")
    .values({ evaluation_id: id, sequence: 1, cause: "submit", actor_id: people.rosa.id, answers: "{}", score: 100, passed: true, auto_failed: false, scorecard_version_id: scorecard.versionId })
    .returning("id")
    .executeTakeFirstOrThrow();
  const now = new Date();
  await db().updateTable("evaluations").set({ status: "submitted", submitted_at: now, released_at: now, score: 100, passed: true, current_revision_id: revision.id }).where("id", "=", id).execute();
  return id;
}

export async function seedDisputes(world: World): Promise<Record<DisputeKey, string>> {
  const { people } = cast();
  const nickReview = await releasedReviewOfNick(world);
  const anaOpen = (await raiseDispute(db(), people.ana, world.evaluations.released, raiseOf(await currentRevision(world.evaluations.released)))).id;
  const sofiaOpen = (await raiseDispute(db(), people.sofia, world.evaluations.otherTeam, raiseOf(await currentRevision(world.evaluations.otherTeam)))).id;
  const nickAwaiting = (await raiseDispute(db(), people.nick, nickReview, raiseOf(await currentRevision(nickReview)))).id;
  // As raised with the organisation's supervisor first line on.
  await db().updateTable("disputes").set({ state: "awaiting_supervisor" }).where("id", "=", nickAwaiting).execute();
  return { anaOpen, nickAwaiting, sofiaOpen };
}

export const disputeOps = {
  view: (v: Viewer, d: string) => getDispute(db(), v, d),
  take: (v: Viewer, d: string) => takeDispute(db(), v, d),
  // The world's reviews hold no answers, so the decision keeps (nothing to rescore).
  decide: (v: Viewer, d: string) => decideDispute(db(), v, d, { decisions: [{ questionId: "greeting", decision: "keep", note: "The greeting is missing" }] }),
  withdraw: (v: Viewer, d: string) => withdrawDispute(db(), v, d),
  endorse: (v: Viewer, d: string) => endorseDispute(db(), v, d, {}),
};

/** Each role on a fresh world with its disputes. */
export async function disputeOutcomesFor(operation: keyof typeof disputeOps, row: DisputeKey): Promise<Outcomes> {
  const outcomes = [];
  for (const role of roles) {
    const disputes = await seedDisputes(await seedWorld());
    outcomes.push(await outcomeOf(() => disputeOps[operation](cast().viewers[role], disputes[row])));
  }
  return outcomes as Outcomes;
}

/** Raising a dispute on one of the shared world's evaluations (no disputes seeded). */
export async function raiseOutcomesFor(row: EvaluationKey): Promise<Outcomes> {
  const outcomes = [];
  for (const role of roles) {
    const world = await seedWorld();
    outcomes.push(await outcomeOf(async () => raiseDispute(db(), cast().viewers[role], world.evaluations[row], raiseOf(await currentRevision(world.evaluations[row])))));
  }
  return outcomes as Outcomes;
}

/** Which of one world's disputes the queue gives each role. */
export async function queueFor(): Promise<DisputeKey[][]> {
  const disputes = await seedDisputes(await seedWorld());
  const listed: DisputeKey[][] = [];
  for (const role of roles) {
    const page = await listDisputes(db(), cast().viewers[role], { status: "all", overdueOnly: false, limit: 500, now: new Date() });
    const ids = new Set(page.items.map((item) => item.id));
    listed.push((Object.keys(disputeRows) as DisputeKey[]).filter((key) => ids.has(disputes[key])));
  }
  return listed;
}
