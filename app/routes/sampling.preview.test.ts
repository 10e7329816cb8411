/**
 * The rule form's preview on real PostgreSQL: what the current values would draw, per agent
 * and reviewer, on the new-rule and the rule page, and nothing written.
 */
import { describe, expect, it } from "vitest";
import { db } from "../lib/db.server";
import type { TypedRuleForm } from "../components/sampling/rule-form-values";
import { bodyOf, postRequest } from "../../test/route-requests";
import { assignmentsOfScorecard, recentWorld, ruleFields, ruleRow } from "../../test/sampling-fixtures";
import { action as editAction } from "./sampling.$ruleId";
import { action as newAction } from "./sampling.new";

describe("preview", () => {
  it("counts what the form's current values would draw, per agent and reviewer, and writes nothing", async () => {
    const world = await recentWorld({ agents: 3, perAgent: 5 });
    const rule = await world.recentRule();
    // Unsaved change in the form: 3 per agent instead of the saved 2.
    const answer = await editAction({
      request: await postRequest(world.lead, `/sampling/${rule.id}`, ruleFields(world, { intent: "preview", name: rule.settings.name, "quota.n": "3" })),
      params: { ruleId: rule.id },
      context: {},
    });
    const { preview, typed } = bodyOf<{ ok: true; preview: { matched: number; wouldDraw: number; wouldAssign: number; shortfall: number; perAgent: { agentName: string; drawn: number }[]; perReviewer: { wouldGet: number }[] }; typed: TypedRuleForm }>(answer);
    expect(preview).toMatchObject({ matched: 15, wouldDraw: 9, wouldAssign: 9, shortfall: 0 });
    expect(preview.perAgent.map((agent) => agent.agentName)).toEqual(world.agents.map((agent) => agent.name).sort((a, b) => a.localeCompare(b)));
    expect(preview.perAgent.every((agent) => agent.drawn === 3)).toBe(true);
    expect(preview.perReviewer.map((reviewer) => reviewer.wouldGet).sort()).toEqual([4, 5]);
    expect(typed.values["quota.n"]).toBe("3");

    expect(await assignmentsOfScorecard(world.scorecard.id)).toEqual([]);
    expect(await db().selectFrom("sampling_runs").select("id").where("rule_id", "=", rule.id).execute()).toEqual([]);
    expect((await ruleRow(rule.id))?.settings).toMatchObject({ quota: { kind: "per_agent", n: 2 } });
  });

  it("works on the new-rule page too, before anything is saved", async () => {
    const world = await recentWorld({ agents: 2, perAgent: 4 });
    const fields = ruleFields(world, { intent: "preview", "quota.kind": "all" });
    const answer = await newAction({ request: await postRequest(world.lead, "/sampling/new", fields), params: {}, context: {} });
    expect(bodyOf<{ preview: { matched: number; wouldDraw: number } }>(answer).preview).toMatchObject({ matched: 8, wouldDraw: 8 });
    expect(await db().selectFrom("sampling_rules").select("id").where("name", "=", fields.name as string).execute()).toEqual([]);
    expect(await assignmentsOfScorecard(world.scorecard.id)).toEqual([]);
  });
});
