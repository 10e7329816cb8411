/**
 * A QA lead chooses the follow-up's reviewers (issue 15 §3), real PostgreSQL: the chosen QA
 * reviewers become the rule's pool; anyone else (an agent, a supervisor, a deactivated reviewer,
 * an unknown id) is refused with nothing written; a supervisor may not choose and gets the
 * organisation's whole pool.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { PLAN_NOW, criterionKey, seedCoachingWorld } from "../../../test/coaching-fixtures";
import { seedUser } from "../../../test/factories";
import { refusal } from "../../../test/refusal";
import { createCoachingPlan } from "./create-plan.server";
import { startFollowUpSampling } from "./start-follow-up.server";

const rulesCount = async () => Number((await db().selectFrom("sampling_rules").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).n);
const reviewersOf = async (ruleId: string) =>
  ((await db().selectFrom("sampling_rules").select("settings").where("id", "=", ruleId).executeTakeFirstOrThrow()).settings as { reviewerIds: string[] }).reviewerIds;

describe("follow-up reviewers", () => {
  it("takes a lead's choice of QA reviewers, refuses anyone else, and gives a supervisor the whole pool", async () => {
    const world = await seedCoachingWorld();
    const otherQa = await seedUser("qa", [], { name: "Rita Reviewer" });
    const gone = await seedUser("qa", [], { name: "Gone Reviewer" });
    await db().updateTable("users").set({ active: false, deactivated_at: PLAN_NOW }).where("id", "=", gone.id).execute();
    const greeting = await criterionKey(world.scorecard.id, "greeting");
    const plan = async (agentId: string, owner = world.lead) =>
      (await createCoachingPlan(db(), owner, { agentId, scorecardId: world.scorecard.id, title: "Greeting", dueOn: "2027-01-31", criteria: [{ questionKey: greeting, target: 80 }] }, PLAN_NOW)).id;
    const leads = await plan(world.ana.id);

    const before = await rulesCount();
    for (const ids of [[world.nick.id], [world.sam.id], [gone.id], ["00000000-0000-4000-8000-000000000000"], ["not-an-id"]]) {
      const error = await refusal(startFollowUpSampling(db(), world.lead, leads, { perWeek: 2, reviewerIds: ids }, PLAN_NOW));
      expect([error.status, error.message.slice(0, 54)]).toEqual([422, "Choose reviewers among the organisation's QA reviewers"]);
    }
    expect(await rulesCount()).toBe(before);

    // From the form: one checkbox is a string, several an array.
    const { ruleId } = await startFollowUpSampling(db(), world.lead, leads, { perWeek: "2", reviewerIds: [otherQa.id, world.qa.id] }, PLAN_NOW);
    expect(await reviewersOf(ruleId)).toEqual([otherQa.id, world.qa.id].sort());

    const sams = await plan(world.nick.id, world.sam);
    expect((await refusal(startFollowUpSampling(db(), world.sam, sams, { perWeek: 2, reviewerIds: otherQa.id }, PLAN_NOW))).status).toBe(403);
    const { ruleId: poolRule } = await startFollowUpSampling(db(), world.sam, sams, { perWeek: 2 }, PLAN_NOW);
    expect(await reviewersOf(poolRule)).toEqual([world.qa.id, world.lead.id, otherQa.id].sort());
  });
});
