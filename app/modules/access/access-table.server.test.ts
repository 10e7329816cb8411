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
 * People's accounts are read in full by admins (`users:read`); a QA lead reads the workforce
 * (`users:read-workforce`: agents, QA specialists and leads), never a supervisor's or an
 * admin's account.
 *
 * The table is split by block, each file seeding the cast once: evaluations in
 * access-table-evaluations, the pages of one kind of work and the organisation settings in
 * access-table-pages, comment threads and notifications in access-table-threads, disputes in
 * access-table-disputes, webhooks and the evaluations API in access-table-api (each
 * `.server.test.ts`); one row per role of a use case is access-table-cells.server.ts.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { getEvaluation } from "../evaluations/get-evaluation.server";
import { releaseEvaluation } from "../evaluations/release-evaluation.server";
import { roles } from "../users/roles";
import {
  A,
  accountOutcomes,
  accounts,
  annotationOps,
  annotationRows,
  assignmentOps,
  assignmentRows,
  cast,
  conversations,
  evaluationOps,
  interactionOps,
  listedAccounts,
  listedFor,
  outcomeOf,
  outcomesFor,
  seedWorld,
  snapshot,
  type Account,
  type AnnotationKey,
  type AssignmentKey,
  type Conversation,
  type evaluationLists,
  type Listed,
  type Outcomes,
  seedCast,
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

//                                                                    admin qa_lead  qa   supervisor agent
const accountTable: [Account, "view", Outcomes][] = [
  ["ana",  "view", [A,   A,   403, 403, 403]],
  ["rosa", "view", [A,   A,   403, 403, 403]],
  ["lee",  "view", [A,   A,   403, 403, 403]],
  ["sam",  "view", [A,   404, 403, 403, 403]],
  ["ada",  "view", [A,   404, 403, 403, 403]],
];

// Which of those accounts the user list gives each role (the admin's people page; a QA lead's import page).
//                               admin                                   qa_lead                          qa   supervisor agent
const accountList: (Account[] | 403)[] = [["ana", "rosa", "lee", "sam", "ada"], ["ana", "rosa", "lee"], 403, 403, 403];


describe("the access table", () => {
  it("lists the roles in the order of its columns", () => {
    expect(roles).toEqual(["admin", "qa_lead", "qa", "supervisor", "agent"]);
  });

  it.each(interactionTable)("interaction: %s · %s", async (row, operation, expected) => {
    expect(await outcomesFor(interactionOps[operation], row), conversations[row]).toEqual(expected);
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

  it.each(accountTable)("person: %s · %s", async (account, _operation, expected) => {
    expect(await accountOutcomes(account), accounts[account]).toEqual(expected);
  });

  it("list: people", async () => {
    expect(await listedAccounts()).toEqual(accountList);
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
