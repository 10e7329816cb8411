/**
 * Criteria and Reviewers in the access table (issue 14 §3, §6; decision 0028): every role reads
 * the Criteria page and the API grouped by question within its scope (a team or agent outside it
 * is 404); reviewers' figures are for leads and admins, a QA specialist sees only their own row,
 * supervisors and agents are refused (403, before any filter is looked at). The people and rows
 * are access-table-world.server.ts's; the cells run the real use cases.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { roles } from "../users/roles";
import { criteriaReportOps, criteriaReportRows, qaHomeOf, reviewerRowsFor, type CriteriaReportRow } from "./access-table-criteria-reports.server";
import { A, cast, outcomeOf, seedCast, seedWorld, type Outcome, type Outcomes } from "./access-table-world.server";

beforeAll(seedCast);

describe("criteria and reviewers reports", () => {
  //                                                                          admin qa_lead  qa   supervisor agent
  const table: [CriteriaReportRow, keyof typeof criteriaReportOps, Outcomes][] = [
    ["none",  "criteria",      [A, A, A, A,   A  ]],
    ["north", "criteria",      [A, A, A, A,   A  ]],
    ["south", "criteria",      [A, A, A, 404, 404]],
    ["sofia", "criteria",      [A, A, A, 404, 404]],
    ["none",  "apiByQuestion", [A, A, A, A,   A  ]],
    ["south", "apiByQuestion", [A, A, A, 404, 404]],
    ["sofia", "apiByQuestion", [A, A, A, 404, 404]],
    ["none",  "reviewers",     [A, A, A, 403, 403]],
    ["north", "reviewers",     [A, A, A, 403, 403]],
    ["south", "reviewers",     [A, A, A, 403, 403]],
    ["none",  "apiByReviewer", [A, A, A, 403, 403]],
    ["sofia", "apiByReviewer", [A, A, A, 403, 403]],
  ];

  it.each(table)("%s · %s", async (row, operation, expected) => {
    await seedWorld();
    const outcomes: Outcome[] = [];
    for (const role of roles) outcomes.push(await outcomeOf(() => criteriaReportOps[operation](cast().viewers[role], row)));
    expect(outcomes, criteriaReportRows[row]).toEqual(expected);
  });

  it("shows leads and admins every reviewer, and a QA specialist only themselves (Quinn has no submitted review: nobody)", async () => {
    await seedWorld();
    const { viewers, people } = cast();
    expect(await reviewerRowsFor(viewers.admin)).toContain(people.rosa.name);
    expect(await reviewerRowsFor(viewers.qa_lead)).toContain(people.rosa.name);
    expect(await reviewerRowsFor(viewers.qa)).toEqual([]);
    expect((await qaHomeOf(viewers.qa)).output.map((output) => output.n)).toEqual([0, 0]);
  });
});
