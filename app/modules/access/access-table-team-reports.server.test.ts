/**
 * Who may open which team page and which agent card (issue 14 §3), read against
 * docs/architecture.md "Access": `A` allowed, `404` not visible, `403` visible but not theirs.
 * Ana is the agent (North), Sam supervises North, Quinn is QA, Lee the QA lead, Ada the admin;
 * Nick is Ana's teammate, Sofia an agent of South (access-table-world.server.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { A, seedCast, type Outcomes } from "./access-table-world.server";
import {
  agentCardOutcomesFor,
  agentCardRows,
  defaultTeamFor,
  teamReportOutcomesFor,
  teamReportRows,
  type AgentCardKey,
  type TeamReportKey,
} from "./access-table-team-reports.server";

beforeAll(seedCast);

describe("team reports", () => {
  //                                                  admin qa_lead  qa   supervisor agent
  const teamTable: [TeamReportKey, Outcomes][] = [
    ["north", [A,   A,   A,   A,   403]],
    ["south", [A,   A,   A,   404, 404]],
  ];
  const cardTable: [AgentCardKey, Outcomes][] = [
    ["ana",   [A,   A,   A,   A,   A  ]],
    ["nick",  [A,   A,   A,   A,   404]],
    ["sofia", [A,   A,   A,   404, 404]],
  ];

  it.each(teamTable)("the team page: %s", async (row, expected) => {
    expect(await teamReportOutcomesFor(row), teamReportRows[row]).toEqual(expected);
  });

  it.each(cardTable)("the agent card: %s", async (row, expected) => {
    expect(await agentCardOutcomesFor(row), agentCardRows[row]).toEqual(expected);
  });

  it("the team page without a team lands a supervisor on their team, and refuses agents", async () => {
    const landed = await defaultTeamFor();
    // Everyone else lands on the first team by name of all teams (other tests' teams among them).
    expect(landed[3]).toBe("north");
    expect(landed[4]).toBe("refused");
    expect(landed.slice(0, 3).every((team) => team !== null && team !== "refused")).toBe(true);
  });
});
