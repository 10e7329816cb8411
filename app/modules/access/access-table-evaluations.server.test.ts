/**
 * The access table's evaluations (read with access-table.server.test.ts, which says how): every
 * role × evaluation row × operation, on real PostgreSQL, each cell on a world of its own. `A`
 * allowed, `404` not visible, `403` visible but not theirs to do, `409` not in the row's state
 * (corrections and voids against docs/decisions/0020, self-evaluations 0025).
 *
 * The people and the rows (their labels say what each one is) are in access-table-world.server.ts:
 * Ana is the agent (team North), Sam supervises North, Quinn is the QA specialist, Lee the QA
 * lead, Ada the admin. Rosa is another QA specialist; Nick is Ana's teammate in North; Sofia
 * an agent of team South. Reviews are on a scorecard that requires acknowledgement.
 */
import { beforeAll, describe, expect, it } from "vitest";
import {
  A,
  evaluationOps,
  evaluationRows,
  outcomesFor,
  type EvaluationKey,
  type Outcomes,
  seedCast,
} from "./access-table-world.server";

beforeAll(seedCast);

//                                                                    admin qa_lead  qa   supervisor agent
const evaluationTable: [EvaluationKey, keyof typeof evaluationOps, Outcomes][] = [
  ["quinnDraft",       "view",        [404, 404, A,   404, 404]],
  ["quinnDraft",       "score",       [404, 404, A,   404, 404]],
  ["quinnDraft",       "annotate",    [404, 404, A,   404, 404]],
  ["quinnDraft",       "release",     [404, 404, 403, 404, 404]],
  ["quinnDraft",       "edit",        [404, 404, 403, 404, 404]],
  ["quinnDraft",       "void",        [404, 404, 403, 404, 404]],
  ["quinnDraft",       "history",     [404, 404, A,   404, 404]],
  ["quinnDraft",       "acknowledge", [404, 404, 403, 404, 404]],
  ["rosaDraft",        "view",        [404, 404, 404, 404, 404]],
  ["rosaDraft",        "score",       [404, 404, 404, 404, 404]],
  ["rosaDraft",        "annotate",    [404, 404, 404, 404, 404]],
  ["rosaDraft",        "release",     [404, 404, 404, 404, 404]],
  ["rosaDraft",        "edit",        [404, 404, 404, 404, 404]],
  ["rosaDraft",        "void",        [404, 404, 404, 404, 404]],
  ["rosaDraft",        "history",     [404, 404, 404, 404, 404]],
  ["rosaDraft",        "acknowledge", [404, 404, 404, 404, 404]],
  ["unreleased",       "view",        [A,   A,   A,   A,   404]],
  ["unreleased",       "score",       [403, 403, 403, 403, 404]],
  ["unreleased",       "annotate",    [403, 403, 403, 403, 404]],
  ["unreleased",       "release",     [A,   A,   403, 403, 404]],
  ["unreleased",       "edit",        [403, A,   403, 403, 404]],
  ["unreleased",       "void",        [403, A,   403, 403, 404]],
  ["unreleased",       "history",     [A,   A,   A,   A,   404]],
  ["unreleased",       "acknowledge", [403, 403, 403, 403, 404]],
  ["released",         "view",        [A,   A,   A,   A,   A]],
  ["released",         "score",       [403, 403, 403, 403, 403]],
  ["released",         "annotate",    [403, 403, 403, 403, 403]],
  ["released",         "release",     [409, 409, 403, 403, 403]],
  ["released",         "edit",        [403, A,   403, 403, 403]],
  ["released",         "void",        [403, A,   403, 403, 403]],
  ["released",         "history",     [A,   A,   A,   A,   A]],
  ["released",         "acknowledge", [403, 403, 403, 403, A  ]],
  ["voided",           "view",        [A,   A,   A,   A,   A]],
  ["voided",           "score",       [403, 403, 403, 403, 403]],
  ["voided",           "annotate",    [403, 403, 403, 403, 403]],
  ["voided",           "release",     [409, 409, 403, 403, 403]],
  ["voided",           "edit",        [403, 409, 403, 403, 403]],
  ["voided",           "void",        [403, 409, 403, 403, 403]],
  ["voided",           "history",     [A,   A,   A,   A,   A]],
  ["voided",           "acknowledge", [403, 403, 403, 403, 409]],
  ["otherTeam",        "view",        [A,   A,   A,   404, 404]],
  ["otherTeam",        "score",       [403, 403, 403, 404, 404]],
  ["otherTeam",        "annotate",    [403, 403, 403, 404, 404]],
  ["otherTeam",        "release",     [409, 409, 403, 404, 404]],
  ["otherTeam",        "edit",        [403, A,   403, 404, 404]],
  ["otherTeam",        "void",        [403, A,   403, 404, 404]],
  ["otherTeam",        "history",     [A,   A,   A,   404, 404]],
  ["otherTeam",        "acknowledge", [403, 403, 403, 404, 404]],
  ["rosaCalibration",  "view",        [404, 404, 404, 404, 404]],
  ["rosaCalibration",  "score",       [404, 404, 404, 404, 404]],
  ["rosaCalibration",  "annotate",    [404, 404, 404, 404, 404]],
  ["rosaCalibration",  "release",     [404, 404, 404, 404, 404]],
  ["rosaCalibration",  "edit",        [404, 404, 404, 404, 404]],
  ["rosaCalibration",  "void",        [404, 404, 404, 404, 404]],
  ["rosaCalibration",  "history",     [404, 404, 404, 404, 404]],
  ["rosaCalibration",  "acknowledge", [404, 404, 404, 404, 404]],
  ["quinnCalibration", "view",        [404, 404, A,   404, 404]],
  ["quinnCalibration", "score",       [404, 404, A,   404, 404]],
  ["quinnCalibration", "annotate",    [404, 404, A,   404, 404]],
  ["quinnCalibration", "release",     [404, 404, 403, 404, 404]],
  ["quinnCalibration", "edit",        [404, 404, 403, 404, 404]],
  ["quinnCalibration", "void",        [404, 404, 403, 404, 404]],
  ["quinnCalibration", "history",     [404, 404, A,   404, 404]],
  ["quinnCalibration", "acknowledge", [404, 404, 403, 404, 404]],
  // Self-evaluations (docs/decisions/0025): nobody but the agent sees one before a review of the
  // conversation is submitted (Nick's has only drafts), nor a reviewer with a review of it still
  // to do (Quinn's queue item on Sofia's); the agent's own submitted one is locked (409); nobody
  // corrects or voids the agent's own judgement (409).
  ["anaSelf",          "view",        [A,   A,   A,   A,   A]],
  ["anaSelf",          "score",       [403, 403, 403, 403, 409]],
  ["anaSelf",          "annotate",    [403, 403, 403, 403, 409]],
  ["anaSelf",          "release",     [409, 409, 403, 403, 403]],
  ["anaSelf",          "edit",        [403, 409, 403, 403, 403]],
  ["anaSelf",          "void",        [403, 409, 403, 403, 403]],
  ["anaSelf",          "history",     [A,   A,   A,   A,   A]],
  ["anaSelf",          "acknowledge", [403, 403, 403, 403, 403]],
  ["nickSelf",         "view",        [404, 404, 404, 404, 404]],
  ["nickSelf",         "score",       [404, 404, 404, 404, 404]],
  ["nickSelf",         "annotate",    [404, 404, 404, 404, 404]],
  ["nickSelf",         "release",     [404, 404, 404, 404, 404]],
  ["nickSelf",         "edit",        [404, 404, 404, 404, 404]],
  ["nickSelf",         "void",        [404, 404, 404, 404, 404]],
  ["nickSelf",         "history",     [404, 404, 404, 404, 404]],
  ["nickSelf",         "acknowledge", [404, 404, 404, 404, 404]],
  ["sofiaSelf",        "view",        [A,   A,   404, 404, 404]],
  ["sofiaSelf",        "score",       [403, 403, 404, 404, 404]],
  ["sofiaSelf",        "annotate",    [403, 403, 404, 404, 404]],
  ["sofiaSelf",        "release",     [409, 409, 404, 404, 404]],
  ["sofiaSelf",        "edit",        [403, 409, 404, 404, 404]],
  ["sofiaSelf",        "void",        [403, 409, 404, 404, 404]],
  ["sofiaSelf",        "history",     [A,   A,   404, 404, 404]],
  ["sofiaSelf",        "acknowledge", [403, 403, 404, 404, 404]],
];

describe("the access table", () => {
  it.each(evaluationTable)("evaluation: %s · %s", async (row, operation, expected) => {
    expect(await outcomesFor(evaluationOps[operation], row), evaluationRows[row].label).toEqual(expected);
  });
});
