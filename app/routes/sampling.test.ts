/**
 * The sampling routes' loaders and actions, called as Remix calls them, with a real session
 * and CSRF token on real PostgreSQL: only QA leads and admins get in, the rule form creates,
 * keeps what was typed when it is refused, previews without writing, "Run now" assigns and
 * leads to the run page, and the run and coverage pages report per agent. Paging the run and
 * rule pages and deleting a rule: sampling-pages.test.ts.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "../lib/db.server";
import { getOrganisation } from "../modules/users/get-organisation.server";
import { formatLocalDate, localDateOf } from "../lib/time";
import type { TypedRuleForm } from "../components/sampling/rule-form-values";
import { insertInteractionRows, seedUser } from "../../test/factories";
import { getRequest, postRequest, returned, thrown } from "../../test/route-requests";
import { assignmentsOfRun, assignmentsOfScorecard, samplingWorld } from "../../test/sampling-fixtures";
import { action as editAction, loader as editLoader } from "./sampling.$ruleId";
import { loader as coverageLoader } from "./sampling.coverage";
import { loader as listLoader } from "./sampling._index";
import { action as newAction, loader as newLoader } from "./sampling.new";
import { loader as runLoader } from "./sampling.runs.$runId";

const DAY_MS = 24 * 3_600_000;
const UNKNOWN_ID = "00000000-0000-4000-8000-000000000000";

/**
 * Agents with five conversations each two days ago, which a "last 7 days" window sees
 * whenever the test runs (the route samples the period of now).
 */
async function recentWorld(options: { agents?: number; perAgent?: number } = {}) {
  const world = await samplingWorld({ agents: options.agents ?? 3, perAgent: 0, reviewers: 2 });
  const twoDaysAgo = Date.now() - 2 * DAY_MS;
  for (const agent of world.agents) {
    await insertInteractionRows(
      Array.from({ length: options.perAgent ?? 5 }, (_, i) => ({ agentId: agent.id, startedAt: new Date(twoDaysAgo + i * 60_000) })),
    );
  }
  const recentRule = () =>
    world.createRule({ filters: { ...world.settings().filters, window: { kind: "last_n_days", days: 7 } }, quota: { kind: "per_agent", n: 2 } });
  return { ...world, recentRule };
}

type World = Awaited<ReturnType<typeof recentWorld>>;

/** The rule form as a browser posts it (blank fields included), with `overrides` on top. */
function ruleFields(world: World, overrides: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    intent: "save",
    name: `Route rule ${Math.random().toString(36).slice(2, 10)}`,
    scorecardId: world.scorecard.id,
    "filters.window.kind": "last_n_days",
    "filters.window.days": "7",
    "filters.agentIds": world.agents.map((agent) => agent.id),
    "filters.tags": "",
    "filters.tagsMode": "any",
    "filters.durationMinMinutes": "",
    "filters.durationMaxMinutes": "",
    "filters.metadata.0.key": "",
    "filters.metadata.0.value": "",
    "filters.metadata.1.key": "",
    "filters.metadata.1.value": "",
    "quota.kind": "per_agent",
    "quota.n": "2",
    "quota.percent": "10",
    reviewerIds: world.reviewers.map((reviewer) => reviewer.id),
    capPerReviewer: "",
    dueInHours: "48",
    "schedule.kind": "weekly",
    "schedule.weekday": "1",
    "schedule.hour": "6",
    "schedule.day": "1",
    ...overrides,
  };
}

/** The body of an action's answer, whether returned as `data()` (with a status) or plain. */
function bodyOf<T>(value: unknown): T {
  const wrapped = value as { data?: unknown; init?: unknown };
  return (wrapped && typeof wrapped === "object" && "init" in wrapped ? wrapped.data : value) as T;
}

const ruleRow = (id: string) => db().selectFrom("sampling_rules").selectAll().where("id", "=", id).executeTakeFirst();
const ruleIdFrom = (location: string | null | undefined) => /^\/sampling\/([0-9a-f-]{36})\?done=created$/.exec(location ?? "")?.[1] as string;

describe("access to the sampling pages", () => {
  it("answers 403 to QA specialists, supervisors and agents, on every page and action", async () => {
    const world = await recentWorld({ agents: 1, perAgent: 1 });
    const rule = await world.recentRule();
    for (const role of ["qa", "supervisor", "agent"] as const) {
      const user = await seedUser(role);
      const pages = [
        async () => listLoader({ request: await getRequest(user, "/sampling"), params: {}, context: {} }),
        async () => newLoader({ request: await getRequest(user, "/sampling/new"), params: {}, context: {} }),
        async () => editLoader({ request: await getRequest(user, `/sampling/${rule.id}`), params: { ruleId: rule.id }, context: {} }),
        async () => coverageLoader({ request: await getRequest(user, "/sampling/coverage"), params: {}, context: {} }),
        async () => newAction({ request: await postRequest(user, "/sampling/new", ruleFields(world)), params: {}, context: {} }),
        async () =>
          editAction({ request: await postRequest(user, `/sampling/${rule.id}`, { intent: "run" }), params: { ruleId: rule.id }, context: {} }),
      ];
      for (const page of pages) expect((await thrown(page)).status).toBe(403);
    }
    expect(await assignmentsOfScorecard(world.scorecard.id)).toEqual([]);
  });

  it("lets a QA lead and an admin in", async () => {
    await recentWorld({ agents: 1, perAgent: 0 });
    for (const role of ["qa_lead", "admin"] as const) {
      const user = await seedUser(role);
      const data = await newLoader({ request: await getRequest(user, "/sampling/new"), params: {}, context: {} });
      expect(data.choices.scorecards.length).toBeGreaterThan(0);
    }
  });
});

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
});

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

describe("run now and the run page", () => {
  it("runs the saved rule, assigns the work and leads to the run page with per-agent tallies", async () => {
    const world = await recentWorld({ agents: 3, perAgent: 5 });
    const quiet = await seedUser("agent");
    const rule = await world.createRule({
      filters: { ...world.settings().filters, agentIds: [...world.agents.map((agent) => agent.id), quiet.id], window: { kind: "last_n_days", days: 7 } },
      quota: { kind: "per_agent", n: 2 },
    });
    const answer = await thrown(async () =>
      editAction({ request: await postRequest(world.lead, `/sampling/${rule.id}`, { intent: "run" }), params: { ruleId: rule.id }, context: {} }),
    );
    expect(answer.status).toBe(302);
    const runId = /^\/sampling\/runs\/([0-9a-f-]{36})$/.exec(answer.location ?? "")?.[1] as string;
    expect(runId).toBeTruthy();
    const assignments = await assignmentsOfRun(runId);
    expect(assignments).toHaveLength(6);

    const page = await runLoader({ request: await getRequest(world.lead, `/sampling/runs/${runId}`), params: { runId }, context: {} });
    expect(page.run).toMatchObject({
      ruleId: rule.id,
      ruleName: rule.settings.name,
      status: "completed",
      matched: 15,
      drawn: 6,
      assigned: 6,
      shortfall: 2,
      trigger: `Run now by ${world.lead.name}`,
    });
    // The agent short comes first, then the others by name.
    const names = world.agents.map((agent) => agent.name).sort((a, b) => a.localeCompare(b));
    expect(page.agents.items.map((agent) => agent.agentName)).toEqual([quiet.name, ...names]);
    expect(page.agents.items[0]).toMatchObject({ agentId: quiet.id, matched: 0, wanted: 2, drawn: 0, shortfall: 2 });
    expect(page.run).toMatchObject({ agentCount: 4, agentsShort: 1 });
    expect(page.assignments.items).toHaveLength(6);
    expect(page.assignments.items[0]).toMatchObject({ status: "Open", skipReason: null });
    expect(new Set(page.assignments.items.map((a) => a.reviewerName))).toEqual(new Set(world.reviewers.map((r) => r.name)));

    // The edit page lists the run, the rule list shows it as the last run.
    const edit = await editLoader({ request: await getRequest(world.lead, `/sampling/${rule.id}`), params: { ruleId: rule.id }, context: {} });
    expect(edit.runs).toMatchObject([{ id: runId, status: "completed", drawn: 6, shortfall: 2 }]);
    expect(edit.deletion).toMatchObject({ ruleId: rule.id, notStarted: 6, inProgress: 0, done: 0, skipped: 0, runs: 1 });
    const list = await listLoader({ request: await getRequest(world.lead, "/sampling"), params: {}, context: {} });
    expect(list.rules.find((item) => item.id === rule.id)).toMatchObject({
      quota: "2 per agent",
      schedule: "Manual",
      lastRun: { id: runId, status: "completed", drawn: 6, shortfall: 2 },
    });
  });

  it("answers 404 for an unknown or malformed run id", async () => {
    const lead = await seedUser("qa_lead");
    for (const runId of [UNKNOWN_ID, "not-a-uuid"]) {
      const answer = await thrown(async () => runLoader({ request: await getRequest(lead, `/sampling/runs/${runId}`), params: { runId }, context: {} }));
      expect(answer.status).toBe(404);
    }
  });
});

describe("failed runs and overdue schedules", () => {
  const runNow = async (world: World, ruleId: string) =>
    editAction({ request: await postRequest(world.lead, `/sampling/${ruleId}`, { intent: "run" }), params: { ruleId }, context: {} });

  it("Run now shows the rule's own problem (409) or a plain sentence for a fault (500), never PostgreSQL's words", async () => {
    const world = await recentWorld({ agents: 1, perAgent: 2 });
    const rule = await world.recentRule();
    await sql`CREATE FUNCTION fail_run_update() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'could not extend file "base/16384/2619": No space left on device'; END $$`.execute(db());
    await sql`CREATE TRIGGER fail_run_update BEFORE UPDATE ON sampling_runs FOR EACH ROW EXECUTE FUNCTION fail_run_update()`.execute(db());
    let fault;
    try {
      fault = returned(await runNow(world, rule.id));
    } finally {
      await sql`DROP TRIGGER fail_run_update ON sampling_runs`.execute(db());
      await sql`DROP FUNCTION fail_run_update()`.execute(db());
    }
    expect(fault.status).toBe(500);
    expect(fault.message).toMatch(/^The run failed and assigned nothing: Parley ran into an unexpected problem\. Try Run now again; .* run [0-9a-f-]{36} in the server log\.$/);
    const edit = await editLoader({ request: await getRequest(world.lead, `/sampling/${rule.id}`), params: { ruleId: rule.id }, context: {} });
    const [failed] = edit.runs;
    expect(failed).toMatchObject({ status: "failed" });
    expect(failed?.error).toContain(failed?.id);
    const page = await runLoader({ request: await getRequest(world.lead, `/sampling/runs/${failed?.id}`), params: { runId: failed?.id }, context: {} });
    for (const shown of [fault.message, failed?.error, page.run.error]) expect(shown).not.toMatch(/No space left|base\/16384/);

    await db().updateTable("scorecards").set({ archived_at: new Date() }).where("id", "=", world.scorecard.id).execute();
    const refused = returned(await runNow(world, rule.id));
    expect(refused).toMatchObject({
      status: 409,
      message: `The run failed and assigned nothing: The scorecard “${world.scorecard.name}” is archived; choose another scorecard for this rule.`,
    });
  });

  it("flags on the list an active scheduled rule whose next run is overdue, and only that one", async () => {
    const world = await recentWorld({ agents: 1, perAgent: 0 });
    const weekly = () => world.createRule({ schedule: { kind: "weekly", weekday: 1, hour: 6 } });
    const [late, onTime, paused] = [await weekly(), await weekly(), await weekly()];
    const manual = await world.createRule({ schedule: { kind: "manual" } });
    const anHourAgo = new Date(Date.now() - 3_600_000);
    await db().updateTable("sampling_rules").set({ next_run_at: anHourAgo }).where("id", "in", [late.id, manual.id]).execute();
    await db().updateTable("sampling_rules").set({ active: false, next_run_at: anHourAgo }).where("id", "=", paused.id).execute();

    const list = await listLoader({ request: await getRequest(world.lead, "/sampling"), params: {}, context: {} });
    const overdue = (id: string) => list.rules.find((rule) => rule.id === id)?.overdue;
    expect([overdue(late.id), overdue(onTime.id), overdue(paused.id), overdue(manual.id)]).toEqual([true, false, false, false]);
  });
});

describe("coverage", () => {
  it("reports per agent for a rule and a day, least covered first", async () => {
    const world = await recentWorld({ agents: 2, perAgent: 5 });
    const rule = await world.recentRule();
    const { timeZone } = await getOrganisation(db());
    const today = formatLocalDate(localDateOf(new Date(), timeZone));
    const path = `/sampling/coverage?rule=${rule.id}&asOf=${today}`;

    const before = await coverageLoader({ request: await getRequest(world.lead, path), params: {}, context: {} });
    expect(before).toMatchObject({ ruleId: rule.id, asOf: today });
    expect(before.report?.totals).toEqual({ matched: 10, reviewed: 0, open: 0, wanted: 4, underSampled: 2 });
    expect(before.report?.agents.every((agent) => agent.underSampled && agent.coverageText === "0%")).toBe(true);

    await thrown(async () =>
      editAction({ request: await postRequest(world.lead, `/sampling/${rule.id}`, { intent: "run" }), params: { ruleId: rule.id }, context: {} }),
    );
    const after = await coverageLoader({ request: await getRequest(world.lead, path), params: {}, context: {} });
    expect(after.report?.totals).toMatchObject({ open: 4, reviewed: 0, underSampled: 2 });
  });

  it("defaults to the first rule and today, and answers 400 for a bad date and 404 for an unknown rule", async () => {
    const world = await recentWorld({ agents: 1, perAgent: 1 });
    await world.recentRule();
    const lead = world.lead;
    const plain = await coverageLoader({ request: await getRequest(lead, "/sampling/coverage"), params: {}, context: {} });
    expect(plain.ruleId).toBe(plain.rules[0]?.id);
    expect(plain.report).not.toBeNull();

    const bad = await thrown(async () => coverageLoader({ request: await getRequest(lead, "/sampling/coverage?asOf=2026-02-30"), params: {}, context: {} }));
    expect(bad).toMatchObject({ status: 400, message: "As of: use a real date like 2026-11-24" });
    const unknown = await thrown(async () => coverageLoader({ request: await getRequest(lead, `/sampling/coverage?rule=${UNKNOWN_ID}`), params: {}, context: {} }));
    expect(unknown.status).toBe(404);
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
