/**
 * Deleting a sampling rule through its confirmation route, as Remix calls it on real
 * PostgreSQL: the page says what will happen with counts (it is also the no-JavaScript path
 * from the rule page's "Delete rule…" link), the post deletes and reports the counts in its
 * redirect, and only QA leads and admins with a fresh CSRF token get there.
 */
import { describe, expect, it } from "vitest";
import { db } from "../lib/db.server";
import { runSamplingRule } from "../modules/sampling/run-sampling-rule.server";
import { seedUser } from "../../test/factories";
import { getRequest, postRequest, returned, thrown } from "../../test/route-requests";
import { RUN_AT, assignmentsOfRun, samplingWorld } from "../../test/sampling-fixtures";
import { action as ruleAction } from "./sampling.$ruleId";
import { action, loader } from "./sampling.$ruleId_.delete";
import { seedData } from "../modules/access/actor";

const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";
const ruleExists = async (id: string) => (await db().selectFrom("sampling_rules").select("id").where("id", "=", id).executeTakeFirst()) !== undefined;

async function ranRule() {
  const world = await samplingWorld({ agents: 1, perAgent: 3, reviewers: 1 });
  const rule = await world.createRule({ quota: { kind: "per_agent", n: 2 } });
  const { runId } = await runSamplingRule(db(), seedData, { ruleId: rule.id, runAt: RUN_AT, trigger: "manual" });
  const path = `/sampling/${rule.id}/delete`;
  const load = async (viewer: { id: string }, ruleId = rule.id) =>
    loader({ request: await getRequest(viewer, `/sampling/${ruleId}/delete`), params: { ruleId }, context: {} });
  const post = async (viewer: { id: string }, options: { csrf?: string } = {}, ruleId = rule.id) =>
    action({ request: await postRequest(viewer, `/sampling/${ruleId}/delete`, {}, options), params: { ruleId }, context: {} });
  return { ...world, rule, runId, path, load, post };
}

describe("deleting a rule", () => {
  it("confirms with counts, then deletes, cancels the open work and says how much in the redirect", async () => {
    const world = await ranRule();
    const page = await world.load(world.lead);
    expect(page.deletion).toEqual({ ruleId: world.rule.id, ruleName: world.rule.settings.name, notStarted: 2, inProgress: 0, done: 0, skipped: 0, runs: 1 });

    const answer = await thrown(() => world.post(world.lead));
    expect(answer).toMatchObject({ status: 302, location: "/sampling?deleted=1&cancelled=2&inProgress=0" });
    expect(await ruleExists(world.rule.id)).toBe(false);
    const after = await db().selectFrom("assignments").select(["status", "deleted_rule_name"]).where("scorecard_id", "=", world.scorecard.id).execute();
    expect(after).toEqual([
      { status: "skipped", deleted_rule_name: world.rule.settings.name },
      { status: "skipped", deleted_rule_name: world.rule.settings.name },
    ]);

    expect((await thrown(() => world.load(world.lead))).status).toBe(404);
    expect((await thrown(() => world.post(world.lead))).status).toBe(404);
  });

  it("answers 404 for an unknown or malformed rule, 403 to anyone but leads and admins or with a stale token", async () => {
    const world = await ranRule();
    for (const ruleId of [UNKNOWN_ID, "not-a-uuid"]) {
      expect((await thrown(() => world.load(world.lead, ruleId))).status).toBe(404);
      expect((await thrown(() => world.post(world.lead, {}, ruleId))).status).toBe(404);
    }
    for (const role of ["qa", "supervisor", "agent"] as const) {
      const viewer = await seedUser(role);
      expect((await thrown(() => world.load(viewer))).status).toBe(403);
      expect((await thrown(() => world.post(viewer))).status).toBe(403);
    }
    expect(returned(await world.post(world.lead, { csrf: "stale-token" })).status).toBe(403);
    expect(await ruleExists(world.rule.id)).toBe(true);
    expect((await assignmentsOfRun(world.runId)).map((row) => row.status)).toEqual(["open", "open"]);

    const admin = await seedUser("admin");
    expect((await thrown(() => world.post(admin))).status).toBe(302);
  });

  it("is no longer an action of the rule page, so an old form cannot delete without the confirmation's counts", async () => {
    const world = await ranRule();
    const answer = await ruleAction({ request: await postRequest(world.lead, `/sampling/${world.rule.id}`, { intent: "delete" }), params: { ruleId: world.rule.id }, context: {} });
    expect(returned(answer)).toMatchObject({ status: 422 });
    expect(await ruleExists(world.rule.id)).toBe(true);
  });
});
