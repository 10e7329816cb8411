/**
 * The access table for coaching (issue 15): plans in every scope against every role, as the
 * real use cases answer — A (allowed), 403 (sees it, may not do this), 404 (outside the scope),
 * 409 (the state forbids it). Columns: admin, QA lead, QA specialist, supervisor (of North),
 * agent (Ana, North). Supervisors of the agent's team and QA leads coach; admins read; the agent
 * reads and acknowledges their own; QA specialists see no plan.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { A, seedCast, type Outcomes } from "./access-table-world.server";
import {
  evidenceOutcomesFor,
  planListsFor,
  planOutcomesFor,
  planRows,
  newSessionPageOutcomes,
  scheduleOutcomesFor,
  sessionOutcomesFor,
  sessionPageOutcomesFor,
  sessionPageShapes,
  type SessionPageKey,
  startOutcomesFor,
  type PlanKey,
  type planOps,
  type sessionOps,
} from "./access-table-coaching.server";

beforeAll(seedCast);

describe("coaching plans", () => {
  const table: [PlanKey, keyof typeof planOps, Outcomes][] = [
    //                     admin  lead  qa   sup  agent
    ["ana", "view", [A, A, 404, A, A]],
    ["nick", "view", [A, A, 404, A, 404]],
    ["sofia", "view", [A, A, 404, 404, 404]],
    ["ana", "acknowledge", [403, 403, 404, 403, A]],
    ["nick", "acknowledge", [403, 403, 404, 403, 404]],
    ["ana", "complete", [403, A, 404, A, 403]],
    ["sofia", "complete", [403, A, 404, 404, 404]],
    ["ana", "cancel", [403, A, 404, A, 403]],
    ["ana", "followUp", [403, A, 404, A, 403]],
    ["nick", "followUp", [403, A, 404, A, 404]],
    ["sofia", "followUp", [403, A, 404, 404, 404]],
  ];

  it.each(table)("plan: %s · %s", async (row, operation, expected) => {
    expect(await planOutcomesFor(operation, row), planRows[row]).toEqual(expected);
  });

  it.each([
    ["ana", [403, A, 404, A, 403]],
    ["sofia", [403, A, 404, 404, 404]],
  ] as const)("attach evidence to %s's plan", async (row, expected) => {
    expect(await evidenceOutcomesFor(row)).toEqual(expected);
  });

  it.each([
    ["ana", [403, A, 404, A, 403]],
    ["nick", [403, A, 404, A, 404]],
    ["sofia", [403, A, 404, 404, 404]],
  ] as const)("start a plan for %s (the new plan page and the creation agree)", async (agent, expected) => {
    const outcomes = await startOutcomesFor(agent);
    expect(outcomes).toEqual({ page: expected, create: expected });
  });

  it("lists (/coaching, /my/coaching, the API) give each role the plans it may see", async () => {
    expect(await planListsFor()).toEqual([["ana", "nick", "sofia"], ["ana", "nick", "sofia"], [], ["ana", "nick"], ["ana"]]);
  });
});

describe("one-on-one sessions", () => {
  const table: [PlanKey, keyof typeof sessionOps, Outcomes][] = [
    //                       admin  lead  qa   sup  agent
    ["ana", "markHeld", [403, A, 404, A, 403]],
    ["sofia", "markHeld", [403, A, 404, 404, 404]],
    ["ana", "addActionItem", [403, A, 404, A, 403]],
    ["nick", "addActionItem", [403, A, 404, A, 404]],
    ["ana", "acknowledgeHeld", [403, 403, 404, 403, A]],
    ["nick", "acknowledgeHeld", [403, 403, 404, 403, 404]],
  ];

  it.each(table)("session of %s's plan · %s", async (row, operation, expected) => {
    expect(await sessionOutcomesFor(operation, row), planRows[row]).toEqual(expected);
  });

  it.each([
    ["ana", [403, A, 404, A, 403]],
    ["sofia", [403, A, 404, 404, 404]],
  ] as const)("schedule a session with %s", async (agent, expected) => {
    expect(await scheduleOutcomesFor(agent)).toEqual(expected);
  });
});

// The pages (issue 15 §2). Read with the columns: the supervisor of another team is the
// supervisor's cell on Sofia's row, another agent the agent's cell on Nick's.
describe("the session pages", () => {
  it.each<[SessionPageKey, Outcomes]>([
    //             admin  lead  qa   sup  agent
    ["ana",        [A, A, 404, A, A]],
    ["nick",       [A, A, 404, A, 404]],
    ["sofia",      [A, A, 404, 404, 404]],
    ["standalone", [A, A, 404, A, A]],
  ])("/coaching/sessions/:id — the session of %s", async (row, expected) => {
    expect(await sessionPageOutcomesFor(row)).toEqual(expected);
  });

  it("a held session of Ana's: the coach side gets the agenda and the private note, the agent acknowledges", async () => {
    const coach = { agenda: true, privateNote: true, manage: true, acknowledge: false };
    expect(await sessionPageShapes()).toEqual([
      { ...coach, manage: false },
      coach,
      null,
      coach,
      { agenda: false, privateNote: false, manage: false, acknowledge: true },
    ]);
  });

  it("/coaching/sessions/new: coaches only (403 for every other role, before any agent), Ana preselected for her coaches", async () => {
    expect(await newSessionPageOutcomes()).toEqual({ outcomes: [403, A, 403, A, 403], preselected: [null, true, null, true, null] });
  });
});
