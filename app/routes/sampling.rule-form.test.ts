/**
 * The sampling rule form, as Remix calls it with a real session and CSRF token on real
 * PostgreSQL: it creates a rule, keeps what was typed when it is refused (fields, a name in
 * use, a stale CSRF token, a NUL), saves changes, pauses and resumes, and keeps showing the
 * agents and reviewers a rule names after they left.
 */
import { describe, expect, it } from "vitest";
import { db } from "../lib/db.server";
import type { TypedRuleForm } from "../components/sampling/rule-form-values";
import { bodyOf, getRequest, postRequest, returned, thrown } from "../../test/route-requests";
import { withOrganisationSettings } from "../../test/organisation-factories";
import { recentWorld, ruleFields, ruleIdFrom, ruleRow } from "../../test/sampling-fixtures";
import { action as editAction, loader as editLoader } from "./sampling.$ruleId";
import { action as newAction } from "./sampling.new";

describe("creating a rule", () => {
  it("creates a valid rule, converting minutes and comma-separated tags, and redirects to it", async () => {
    const world = await recentWorld({ agents: 2, perAgent: 0 });
    const fields = ruleFields(world, {
      "filters.tags": "refund, vip ,",
      "filters.tagsMode": "all",
      "filters.durationMinMinutes": "1.5",
      "filters.metadata.1.key": "region",
      "filters.metadata.1.value": "EU",
    });
    const answer = await thrown(async () => newAction({ request: await postRequest(world.lead, "/sampling/new", fields), params: {}, context: {} }));
    expect(answer.status).toBe(302);
    const id = ruleIdFrom(answer.location);
    expect(id).toBeTruthy();
    const row = await ruleRow(id);
    expect(row).toMatchObject({ name: fields.name, scorecard_id: world.scorecard.id, active: true });
    expect(row?.settings).toMatchObject({
      filters: { tags: ["refund", "vip"], tagsMode: "all", durationMinMs: 90_000, metadata: { region: "EU" }, window: { kind: "last_n_days", days: 7 } },
      quota: { kind: "per_agent", n: 2 },
      schedule: { kind: "weekly", weekday: 1, hour: 6 },
    });

    // The edit page shows it as it was typed.
    const page = await editLoader({ request: await getRequest(world.lead, `/sampling/${id}`), params: { ruleId: id }, context: {} });
    expect(page.typed.values).toMatchObject({ "filters.tags": "refund, vip", "filters.durationMinMinutes": "1.5", "filters.metadata.0.key": "region" });
    expect(page.rule).toMatchObject({ name: fields.name, active: true, schedule: "Weekly on Monday at 06:00" });
  });

  it("refuses bad fields with 422, an error per field by its name, and everything typed kept", async () => {
    const world = await recentWorld({ agents: 2, perAgent: 0 });
    const fields = ruleFields(world, {
      name: "  ",
      "quota.n": "0",
      "filters.durationMinMinutes": "ten",
      "filters.metadata.0.value": "EU",
      "schedule.kind": "daily",
      "schedule.hour": "24",
    });
    delete fields.reviewerIds;
    const answer = await newAction({ request: await postRequest(world.lead, "/sampling/new", fields), params: {}, context: {} });
    expect(returned(answer)).toEqual({
      status: 422,
      message: "Please correct the highlighted fields.",
      fieldErrors: {
        name: "Name is required",
        "quota.n": "Interactions per agent must be a whole number from 1 to 1000",
        reviewerIds: "Choose at least one reviewer",
        "filters.durationMinMinutes": "Shortest: enter a number of minutes from 0 to 1440",
        "filters.metadata.0.key": "Metadata key is required",
        "schedule.hour": "Hour must be a whole number from 0 to 23",
      },
    });
    const { typed } = bodyOf<{ typed: TypedRuleForm }>(answer);
    expect(typed.values).toMatchObject({ "quota.n": "0", "filters.durationMinMinutes": "ten", "filters.metadata.0.value": "EU", "schedule.hour": "24" });
    expect(typed.lists["filters.agentIds"]).toEqual(world.agents.map((agent) => agent.id));
    expect(await db().selectFrom("sampling_rules").select("id").where("scorecard_id", "=", world.scorecard.id).execute()).toEqual([]);
  });

  it("saves a self-evaluation rule without its ticked reviewers, and says on the Purpose field when self-evaluation is off", async () => {
    const world = await recentWorld({ agents: 1, perAgent: 0 });
    const fields = ruleFields(world, { purpose: "self", capPerReviewer: "5" });
    await withOrganisationSettings({ self_evaluation_enabled: false }, async () => {
      const refused = await newAction({ request: await postRequest(world.lead, "/sampling/new", fields), params: {}, context: {} });
      expect(returned(refused)).toEqual({
        status: 422,
        message: "Self-evaluation is turned off for the organisation: an administrator can turn it on in Settings.",
        fieldErrors: { purpose: "Self-evaluation is turned off for the organisation" },
      });
      expect(await db().selectFrom("sampling_rules").select("id").where("scorecard_id", "=", world.scorecard.id).execute()).toEqual([]);
    });
    await withOrganisationSettings({ self_evaluation_enabled: true }, async () => {
      const answer = await thrown(async () => newAction({ request: await postRequest(world.lead, "/sampling/new", fields), params: {}, context: {} }));
      expect(answer.status).toBe(302);
      const row = await ruleRow(ruleIdFrom(answer.location));
      expect(row?.settings).toMatchObject({ purpose: "self", reviewerIds: [] });
      expect(row?.settings).not.toHaveProperty("capPerReviewer");
    });
  });

  it("turns a refusal of the use case (a name in use) into a field error, values kept", async () => {
    const world = await recentWorld({ agents: 1, perAgent: 0 });
    const existing = await world.recentRule();
    const answer = await newAction({
      request: await postRequest(world.lead, "/sampling/new", ruleFields(world, { name: existing.settings.name })),
      params: {},
      context: {},
    });
    expect(returned(answer)).toMatchObject({ status: 422, fieldErrors: { name: "Choose another name" } });
    expect(bodyOf<{ typed: TypedRuleForm }>(answer).typed.lists.reviewerIds).toHaveLength(2);
  });

  it("answers 403 to a stale CSRF token and writes nothing, keeping what was typed", async () => {
    const world = await recentWorld({ agents: 1, perAgent: 0 });
    const fields = ruleFields(world);
    const answer = await newAction({ request: await postRequest(world.lead, "/sampling/new", fields, { csrf: "stale-token" }), params: {}, context: {} });
    expect(returned(answer).status).toBe(403);
    expect(bodyOf<{ typed: TypedRuleForm }>(answer).typed.values.name).toBe(fields.name);
    expect(await db().selectFrom("sampling_rules").select("id").where("name", "=", fields.name as string).execute()).toEqual([]);
  });

  it("answers 422 to a NUL character in a field, naming it, keeping what was typed and writing nothing", async () => {
    const world = await recentWorld({ agents: 1, perAgent: 0 });
    const fields = ruleFields(world, { name: "Weekly\u0000calls" });
    const rules = await db().selectFrom("sampling_rules").select("id").execute();
    const answer = await newAction({ request: await postRequest(world.lead, "/sampling/new", fields), params: {}, context: {} });
    expect(returned(answer)).toMatchObject({ status: 422, fieldErrors: { name: expect.stringMatching(/Remove the NUL/) as string } });
    expect(bodyOf<{ typed: TypedRuleForm }>(answer).typed.values.name).toBe("Weekly\u0000calls");
    expect(await db().selectFrom("sampling_rules").select("id").execute()).toHaveLength(rules.length);
  });
});

describe("editing and pausing", () => {
  it("saves changes, pauses and resumes", async () => {
    const world = await recentWorld({ agents: 1, perAgent: 0 });
    const rule = await world.recentRule();
    const post = async (fields: Record<string, string | string[]>) =>
      thrown(async () => editAction({ request: await postRequest(world.lead, `/sampling/${rule.id}`, fields), params: { ruleId: rule.id }, context: {} }));

    expect(await post(ruleFields(world, { name: "Renamed by route test", "quota.kind": "percentage", "quota.percent": "12.5" }))).toMatchObject({
      status: 302,
      location: `/sampling/${rule.id}?done=saved`,
    });
    expect(await ruleRow(rule.id)).toMatchObject({ name: "Renamed by route test", settings: expect.objectContaining({ quota: { kind: "percentage", percent: 12.5 } }) as unknown });

    expect(await post({ intent: "pause" })).toMatchObject({ location: `/sampling/${rule.id}?done=paused` });
    expect(await ruleRow(rule.id)).toMatchObject({ active: false, next_run_at: null });
    expect(await post({ intent: "resume" })).toMatchObject({ location: `/sampling/${rule.id}?done=resumed` });
    expect((await ruleRow(rule.id))?.active).toBe(true);
  });

  it("shows agents and reviewers the rule still names after they left, instead of dropping them", async () => {
    const world = await recentWorld({ agents: 2, perAgent: 0 });
    const rule = await world.recentRule();
    const [gone] = world.agents;
    await db().updateTable("users").set({ active: false }).where("id", "=", gone?.id as string).execute();
    const page = await editLoader({ request: await getRequest(world.lead, `/sampling/${rule.id}`), params: { ruleId: rule.id }, context: {} });
    expect(page.choices.agents).toContainEqual({ value: gone?.id, label: `${gone?.name} (inactive)` });
    expect(page.typed.lists["filters.agentIds"]).toContain(gone?.id);
  });
});
