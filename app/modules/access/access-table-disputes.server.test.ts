/**
 * The access table's disputes (issue 13 §6, docs/decisions/0022; read with
 * access-table.server.test.ts): who may raise one on which review, and each operation on a
 * dispute in each state; the rows are in access-table-disputes.server.ts.
 *
 * The people and the rows (their labels say what each one is) are in access-table-world.server.ts:
 * Ana is the agent (team North), Sam supervises North, Quinn is the QA specialist, Lee the QA
 * lead, Ada the admin. Rosa is another QA specialist; Nick is Ana's teammate in North; Sofia
 * an agent of team South. Reviews are on a scorecard that requires acknowledgement.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  A,
  evaluationRows,
  type EvaluationKey,
  type Outcomes,
  seedCast,
} from "./access-table-world.server";
import {
  disputeOutcomesFor,
  disputeRows,
  queueFor,
  raiseOutcomesFor,
  type DisputeKey,
  type disputeOps,
} from "./access-table-disputes.server";

beforeAll(seedCast);

// ─── Disputes (issue 13 §6, docs/decisions/0022) ─────────────────────────────────────────────
// Rosa reviewed every disputed review, so Quinn (qa) is neither the reviewer nor an arbiter: 404.
describe("disputes", () => {
  //                                                                  admin qa_lead  qa   supervisor agent
  const raiseTable: [EvaluationKey, Outcomes][] = [
    ["released",   [403, 403, 403, A,   A  ]],
    ["otherTeam",  [403, 403, 403, 404, 404]],
    ["unreleased", [403, 403, 403, 409, 404]],
    ["voided",     [403, 403, 403, 409, 409]],
    ["anaSelf",    [403, 403, 403, 409, 409]],
  ];
  const disputeTable: [DisputeKey, keyof typeof disputeOps, Outcomes][] = [
    ["anaOpen",      "view",     [A,   A,   404, A,   A  ]],
    ["anaOpen",      "take",     [403, A,   404, 403, 403]],
    ["anaOpen",      "decide",   [403, A,   404, 403, 403]],
    ["anaOpen",      "withdraw", [403, 403, 404, 403, A  ]],
    ["anaOpen",      "endorse",  [403, 403, 404, 409, 403]],
    ["nickAwaiting", "view",     [A,   A,   404, A,   404]],
    ["nickAwaiting", "take",     [403, 409, 404, 403, 404]],
    ["nickAwaiting", "decide",   [403, 409, 404, 403, 404]],
    ["nickAwaiting", "withdraw", [403, 403, 404, 403, 404]],
    ["nickAwaiting", "endorse",  [403, 403, 404, A,   404]],
    ["sofiaOpen",    "view",     [A,   A,   404, 404, 404]],
    ["sofiaOpen",    "take",     [403, A,   404, 404, 404]],
    ["sofiaOpen",    "decide",   [403, A,   404, 404, 404]],
    ["sofiaOpen",    "withdraw", [403, 403, 404, 404, 404]],
    ["sofiaOpen",    "endorse",  [403, 403, 404, 404, 404]],
  ];

  it.each(raiseTable)("raise a dispute of: %s", async (row, expected) => {
    expect(await raiseOutcomesFor(row), evaluationRows[row].label).toEqual(expected);
  });

  it.each(disputeTable)("dispute: %s · %s", async (row, operation, expected) => {
    expect(await disputeOutcomesFor(operation, row), disputeRows[row]).toEqual(expected);
  });

  it("the queue (/disputes) gives each role the disputes it may see", async () => {
    expect(await queueFor()).toEqual([
      ["anaOpen", "nickAwaiting", "sofiaOpen"],
      ["anaOpen", "nickAwaiting", "sofiaOpen"],
      [],
      ["anaOpen", "nickAwaiting"],
      ["anaOpen"],
    ]);
  });
});
