/**
 * "Run now" and the run page on real PostgreSQL: a run assigns the work and leads to its page
 * with per-agent tallies; a failed run says why in plain words; an overdue schedule is
 * flagged on the list. Paging the run and rule pages: sampling.runs.test.ts.
 */
import { sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "../lib/db.server";
import { seedUser } from "../../test/factories";
import { getRequest, postRequest, returned, thrown } from "../../test/route-requests";
import { assignmentsOfRun, recentWorld, UNKNOWN_ID, type RecentWorld } from "../../test/sampling-fixtures";
import { action as editAction, loader as editLoader } from "./sampling.$ruleId";
import { loader as listLoader } from "./sampling._index";
import { loader as runLoader } from "./sampling.runs.$runId";

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
  const runNow = async (world: RecentWorld, ruleId: string) =>
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
