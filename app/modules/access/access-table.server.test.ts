/**
 * Who may do what to which row, on real PostgreSQL: every role × entity × operation, with
 * rows seeded in every scope, against the tables below. Read them against
 * docs/architecture.md "Access" (and the design's "Who uses it"; corrections and voids against
 * docs/decisions/0020): `A` allowed, `404` the row is not visible to the viewer, `403`
 * visible but not theirs to do, `409` allowed in principle but not in the row's state. Each
 * cell runs the real use case on a world of its own, so no cell sees what another one changed.
 * For the lists, the table says which of the world's rows each role gets back.
 *
 * The people and the rows (their labels say what each one is) are in access-table-world.server.ts:
 * Ana is the agent (team North), Sam supervises North, Quinn is the QA specialist, Lee the QA
 * lead, Ada the admin. Rosa is another QA specialist; Nick is Ana's teammate in North; Sofia
 * an agent of team South. Reviews are on a scorecard that requires acknowledgement.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { assignmentsDashboard } from "../assignments/assignments-dashboard.server";
import { getEvaluation } from "../evaluations/get-evaluation.server";
import { releaseEvaluation } from "../evaluations/release-evaluation.server";
import { queryQuality } from "../reports/query-quality.server";
import { rebuildRollups } from "../reports/rebuild-rollups.server";
import { listSamplingRules } from "../sampling/list-sampling-rules.server";
import { listScorecards } from "../scorecards/list-scorecards.server";
import { roles, type Viewer } from "../users/roles";
import {
  A,
  annotationOps,
  annotationRows,
  assignmentOps,
  assignmentRows,
  cast,
  conversations,
  evaluationOps,
  evaluationRows,
  interactionOps,
  listedFor,
  outcomeOf,
  outcomesFor,
  seedCast,
  seedWorld,
  snapshot,
  type AnnotationKey,
  type AssignmentKey,
  type Conversation,
  type EvaluationKey,
  type evaluationLists,
  type Listed,
  type Outcome,
  type Outcomes,
} from "./access-table-world.server";

beforeAll(seedCast);

// ─── The table ────────────────────────────────────────────────────────────────────────────
//                                                                    admin qa_lead  qa   supervisor agent
const interactionTable: [Conversation, "view" | "score" | "assign", Outcomes][] = [
  ["ana",   "view",   [A,   A,   A,   A,   A  ]],
  ["ana",   "score",  [403, A,   A,   403, 403]],
  ["ana",   "assign", [A,   A,   403, 403, 403]],
  ["nick",  "view",   [A,   A,   A,   A,   404]],
  ["nick",  "score",  [403, A,   A,   403, 404]],
  ["nick",  "assign", [A,   A,   403, 403, 404]],
  ["sofia", "view",   [A,   A,   A,   404, 404]],
  ["sofia", "score",  [403, A,   A,   404, 404]],
  ["sofia", "assign", [A,   A,   403, 404, 404]],
];

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
  ["anaSelf",          "view",        [A,   A,   A,   A,   A]],
  ["anaSelf",          "score",       [403, 403, 403, 403, 403]],
  ["anaSelf",          "annotate",    [403, 403, 403, 403, 403]],
  ["anaSelf",          "release",     [409, 409, 403, 403, 403]],
  ["anaSelf",          "edit",        [403, A,   403, 403, 403]],
  ["anaSelf",          "void",        [403, A,   403, 403, 403]],
  ["anaSelf",          "history",     [A,   A,   A,   A,   A]],
  ["anaSelf",          "acknowledge", [403, 403, 403, 403, 403]],
  ["nickSelf",         "view",        [A,   A,   A,   A,   404]],
  ["nickSelf",         "score",       [403, 403, 403, 403, 404]],
  ["nickSelf",         "annotate",    [403, 403, 403, 403, 404]],
  ["nickSelf",         "release",     [409, 409, 403, 403, 404]],
  ["nickSelf",         "edit",        [403, A,   403, 403, 404]],
  ["nickSelf",         "void",        [403, A,   403, 403, 404]],
  ["nickSelf",         "history",     [A,   A,   A,   A,   404]],
  ["nickSelf",         "acknowledge", [403, 403, 403, 403, 404]],
  ["sofiaSelf",        "view",        [A,   A,   A,   404, 404]],
  ["sofiaSelf",        "score",       [403, 403, 403, 404, 404]],
  ["sofiaSelf",        "annotate",    [403, 403, 403, 404, 404]],
  ["sofiaSelf",        "release",     [409, 409, 403, 404, 404]],
  ["sofiaSelf",        "edit",        [403, A,   403, 404, 404]],
  ["sofiaSelf",        "void",        [403, A,   403, 404, 404]],
  ["sofiaSelf",        "history",     [A,   A,   A,   404, 404]],
  ["sofiaSelf",        "acknowledge", [403, 403, 403, 404, 404]],
];

//                                                                    admin qa_lead  qa   supervisor agent
const annotationTable: [AnnotationKey, "view" | "edit", Outcomes][] = [
  ["onQuinnDraft", "view", [404, 404, A,   404, 404]],
  ["onQuinnDraft", "edit", [404, 404, A,   404, 404]],
  ["onReleased",   "view", [A,   A,   A,   A,   A  ]],
  ["onReleased",   "edit", [403, 403, 403, 403, 403]],
  ["onUnreleased", "view", [A,   A,   A,   A,   404]],
  ["onUnreleased", "edit", [403, 403, 403, 403, 404]],
];

//                                                                    admin qa_lead  qa   supervisor agent
const assignmentTable: [AssignmentKey, "view" | "open" | "skip" | "reassign", Outcomes][] = [
  ["quinns", "view",     [A,   A,   A,   404, 404]],
  ["quinns", "open",     [403, 403, A,   404, 404]],
  ["quinns", "skip",     [A,   A,   A,   404, 404]],
  ["quinns", "reassign", [A,   A,   403, 404, 404]],
  ["rosas",  "view",     [A,   A,   404, A,   A  ]],
  ["rosas",  "open",     [403, 403, 404, 403, 403]],
  ["rosas",  "skip",     [A,   A,   404, 403, 403]],
  ["rosas",  "reassign", [A,   A,   404, 403, 403]],
];

// Which of the world's rows each role gets back from a list (403: the list is not theirs).
//                                                      admin                    qa_lead                  qa   supervisor    agent
const listTable: [keyof typeof evaluationLists, [Listed, Listed, Listed, Listed, Listed]][] = [
  ["myFeedback",     [403,                     403,                     403, 403,          ["released"]]],
  ["unacknowledged", [["released", "otherTeam"], ["released", "otherTeam"], 403, ["released"], 403]],
];

describe("the access table", () => {
  it("lists the roles in the order of its columns", () => {
    expect(roles).toEqual(["admin", "qa_lead", "qa", "supervisor", "agent"]);
  });

  it.each(interactionTable)("interaction: %s · %s", async (row, operation, expected) => {
    expect(await outcomesFor(interactionOps[operation], row), conversations[row]).toEqual(expected);
  });

  it.each(evaluationTable)("evaluation: %s · %s", async (row, operation, expected) => {
    expect(await outcomesFor(evaluationOps[operation], row), evaluationRows[row].label).toEqual(expected);
  });

  it.each(listTable)("list: %s", async (list, expected) => {
    expect(await listedFor(list)).toEqual(expected);
  });

  it.each(annotationTable)("annotation: %s · %s", async (row, operation, expected) => {
    expect(await outcomesFor(annotationOps[operation], row), annotationRows[row].label).toEqual(expected);
  });

  it.each(assignmentTable)("assignment: %s · %s", async (row, operation, expected) => {
    expect(await outcomesFor(assignmentOps[operation], row), assignmentRows[row].label).toEqual(expected);
  });
});

describe("the pages of one kind of work, as use cases", () => {
  //                                             admin qa_lead  qa   supervisor agent
  it.each<[string, (viewer: Viewer) => Promise<unknown>, Outcomes]>([
    ["list scorecards",      (v) => listScorecards(db(), v, { includeArchived: true }), [A, A, 403, 403, 403]],
    ["list sampling rules",  (v) => listSamplingRules(db(), v),                         [A, A, 403, 403, 403]],
    ["the assignments page", (v) => assignmentsDashboard(db(), v),                      [A, A, 403, 403, 403]],
    // Every role reads reports, each within its scope (query-quality.server.test.ts holds the rows).
    ["quality by team",      (v) => queryQuality(db(), v, { groupBy: "team", period: "month", from: "2026-01-01", to: "2026-12-31" }), [A, A, A, A, A]],
    ["rebuild the roll-ups", (v) => rebuildRollups(db(), v),                           [A, 403, 403, 403, 403]],
  ])("%s", async (_name, read, expected) => {
    const outcomes: Outcome[] = [];
    for (const role of roles) outcomes.push(await outcomeOf(() => read(cast().viewers[role])));
    expect(outcomes).toEqual(expected);
  });
});

describe("what an allowed cell did", () => {
  it("releasing an unreleased review shows it to the agent, and only then", async () => {
    const world = await seedWorld();
    expect(await outcomeOf(() => getEvaluation(db(), cast().viewers.agent, world.evaluations.unreleased))).toBe(404);
    await releaseEvaluation(db(), cast().viewers.qa_lead, world.evaluations.unreleased);
    expect((await getEvaluation(db(), cast().viewers.agent, world.evaluations.unreleased)).releasedAt).toBeInstanceOf(Date);
  });

  it("a refused cell writes nothing: the evaluations, their notes and acknowledgements and the queue item are as seeded", async () => {
    const world = await seedWorld();
    const before = await snapshot(world);
    for (const key of ["voided", "quinnDraft"] as const) {
      await outcomeOf(() => evaluationOps.edit(cast().viewers.qa_lead, world, key));
      await outcomeOf(() => evaluationOps.void(cast().viewers.qa_lead, world, key));
    }
    await outcomeOf(() => evaluationOps.acknowledge(cast().viewers.agent, world, "unreleased"));
    await outcomeOf(() => evaluationOps.acknowledge(cast().viewers.agent, world, "voided"));
    await outcomeOf(() => evaluationOps.acknowledge(cast().viewers.supervisor, world, "released"));
    for (const role of ["admin", "supervisor", "agent"] as const) {
      await outcomeOf(() => evaluationOps.edit(cast().viewers[role], world, "released"));
      await outcomeOf(() => evaluationOps.void(cast().viewers[role], world, "released"));
    }
    for (const role of ["supervisor", "agent"] as const) {
      await outcomeOf(() => evaluationOps.score(cast().viewers[role], world, "released"));
      await outcomeOf(() => evaluationOps.release(cast().viewers[role], world, "unreleased"));
      await outcomeOf(() => annotationOps.edit(cast().viewers[role], world, "onReleased"));
      await outcomeOf(() => assignmentOps.skip(cast().viewers[role], world, "rosas"));
      await outcomeOf(() => assignmentOps.reassign(cast().viewers[role], world, "rosas"));
    }
    expect(await snapshot(world)).toEqual(before);
  });
});
