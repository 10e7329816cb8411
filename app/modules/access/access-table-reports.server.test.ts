/**
 * Reports in the access table (issue 14 §3): every role reads reports, each within its scope —
 * naming a team or agent outside it is 404, as a guessed URL everywhere; the drill-down lists
 * only the evaluations the role's figures count (agents: released to them). The people and
 * rows are access-table-world.server.ts's; the cells run the real use cases.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { roles } from "../users/roles";
import { drillDownFor, reportFilterRows, reportOps, type ReportFilterKey } from "./access-table-reports.server";
import { A, cast, outcomeOf, seedCast, seedWorld, type Outcome, type Outcomes } from "./access-table-world.server";

beforeAll(seedCast);

describe("reports", () => {
  //                                                                   admin qa_lead  qa   supervisor agent
  const table: [ReportFilterKey, keyof typeof reportOps, Outcomes][] = [
    ["none",  "overview",  [A, A, A, A,   A  ]],
    ["north", "overview",  [A, A, A, A,   A  ]],
    ["south", "overview",  [A, A, A, 404, 404]],
    ["sofia", "overview",  [A, A, A, 404, 404]],
    ["none",  "drillDown", [A, A, A, A,   A  ]],
    ["north", "drillDown", [A, A, A, A,   A  ]],
    ["south", "drillDown", [A, A, A, 404, 404]],
    ["sofia", "drillDown", [A, A, A, 404, 404]],
  ];

  it.each(table)("%s · %s", async (row, operation, expected) => {
    await seedWorld();
    const outcomes: Outcome[] = [];
    for (const role of roles) outcomes.push(await outcomeOf(() => reportOps[operation](cast().viewers[role], row)));
    expect(outcomes, reportFilterRows[row]).toEqual(expected);
  });

  it("the drill-down lists what each role's figures count: all, all, all, the supervisor's team, the agent's released one", async () => {
    const all = ["otherTeam", "released", "unreleased"];
    const results = await drillDownFor();
    expect(results.map((result) => result.listed)).toEqual([all, all, all, ["released", "unreleased"], ["released"]]);
    expect(results.map((result) => result.sameN)).toEqual([true, true, true, true, true]);
  });
});
