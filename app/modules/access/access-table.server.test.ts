/**
 * Who may do what to which row, on real PostgreSQL: every role × entity × operation, with
 * rows seeded in every scope, against the table below. Read it against docs/architecture.md
 * "Access" (and the design's "Who uses it"): `A` allowed, `404` the row is not visible to
 * the viewer, `403` visible but not theirs to do, `409` allowed in principle but not in the
 * row's state. Each cell runs the real use case on a world of its own, so no cell sees what
 * another one changed.
 *
 * The people: Ana is the agent (team North), Sam supervises North, Quinn is the QA
 * specialist, Lee the QA lead, Ada the admin. Rosa is another QA specialist; Nick is Ana's
 * teammate in North; Sofia an agent of team South.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { blobStore } from "../../lib/storage.server";
import { reviewDefinition } from "../../../test/evaluation-fixtures";
import { insertInteractionRows, seedScorecard, seedTeam, seedUser } from "../../../test/factories";
import { assignInteraction } from "../assignments/assign-interaction.server";
import { assignmentsDashboard } from "../assignments/assignments-dashboard.server";
import { listInteractionAssignments } from "../assignments/list-interaction-assignments.server";
import { reassignAssignment } from "../assignments/reassign-assignment.server";
import { skipAssignment } from "../assignments/skip-assignment.server";
import { addAnnotation, updateAnnotation } from "../evaluations/annotate.server";
import { evaluationInputSchema } from "../evaluations/evaluation-input.schema";
import { getEvaluation } from "../evaluations/get-evaluation.server";
import { openEvaluation } from "../evaluations/open-evaluation.server";
import { releaseEvaluation } from "../evaluations/release-evaluation.server";
import { saveEvaluationDraft } from "../evaluations/save-evaluation-draft.server";
import { getInteraction } from "../interactions/get-interaction.server";
import { listSamplingRules } from "../sampling/list-sampling-rules.server";
import { listScorecards } from "../scorecards/list-scorecards.server";
import { roles, type Role, type Viewer } from "../users/roles";

const A = "allow";
type Outcome = typeof A | 403 | 404 | 409;
/** One outcome per role, in the order of roles.ts: admin, qa_lead, qa, supervisor, agent. */
type Outcomes = [Outcome, Outcome, Outcome, Outcome, Outcome];

// ─── Rows ─────────────────────────────────────────────────────────────────────────────────
type Conversation = "ana" | "nick" | "sofia";
const conversations: Record<Conversation, string> = {
  ana: "Ana's conversation (North)",
  nick: "her teammate Nick's conversation (North)",
  sofia: "another team's conversation (Sofia, South)",
};

type Person = "ana" | "nick" | "sofia" | "quinn" | "rosa";
interface EvaluationRow {
  kind: "review" | "calibration" | "self";
  on: Conversation;
  by: Person;
  state: "draft" | "submitted" | "released";
}
const evaluationRows = {
  quinnDraft: { label: "Quinn's review draft (Nick's conversation)", kind: "review", on: "nick", by: "quinn", state: "draft" },
  rosaDraft: { label: "Rosa's review draft (Nick's conversation)", kind: "review", on: "nick", by: "rosa", state: "draft" },
  unreleased: { label: "review of Ana's conversation, submitted, not released", kind: "review", on: "ana", by: "rosa", state: "submitted" },
  released: { label: "review of Ana's conversation, released", kind: "review", on: "ana", by: "rosa", state: "released" },
  otherTeam: { label: "review of another team's conversation, released", kind: "review", on: "sofia", by: "rosa", state: "released" },
  rosaCalibration: { label: "Rosa's calibration score of Ana's conversation", kind: "calibration", on: "ana", by: "rosa", state: "submitted" },
  quinnCalibration: { label: "Quinn's calibration draft (another team's conversation)", kind: "calibration", on: "sofia", by: "quinn", state: "draft" },
  anaSelf: { label: "Ana's self-evaluation", kind: "self", on: "ana", by: "ana", state: "submitted" },
  nickSelf: { label: "Nick's self-evaluation (Ana's teammate)", kind: "self", on: "nick", by: "nick", state: "submitted" },
  sofiaSelf: { label: "Sofia's self-evaluation (another team)", kind: "self", on: "sofia", by: "sofia", state: "submitted" },
} satisfies Record<string, EvaluationRow & { label: string }>;
type EvaluationKey = keyof typeof evaluationRows;

const annotationRows = {
  onQuinnDraft: { label: "Quinn's note on Quinn's draft", on: "quinnDraft", by: "quinn" },
  onReleased: { label: "Rosa's note on the released review of Ana's conversation", on: "released", by: "rosa" },
  onUnreleased: { label: "Rosa's note on the unreleased review of Ana's conversation", on: "unreleased", by: "rosa" },
} satisfies Record<string, { label: string; on: EvaluationKey; by: Person }>;
type AnnotationKey = keyof typeof annotationRows;

const assignmentRows = {
  quinns: { label: "Quinn's queue item (another team's conversation)", on: "sofia", reviewer: "quinn", reassignTo: "rosa" },
  rosas: { label: "Rosa's queue item (Ana's conversation)", on: "ana", reviewer: "rosa", reassignTo: "quinn" },
} satisfies Record<string, { label: string; on: Conversation; reviewer: Person; reassignTo: Person }>;
type AssignmentKey = keyof typeof assignmentRows;

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
const evaluationTable: [EvaluationKey, "view" | "score" | "annotate" | "release", Outcomes][] = [
  ["quinnDraft",       "view",     [404, 404, A,   404, 404]],
  ["quinnDraft",       "score",    [404, 404, A,   404, 404]],
  ["quinnDraft",       "annotate", [404, 404, A,   404, 404]],
  ["quinnDraft",       "release",  [404, 404, 403, 404, 404]],
  ["rosaDraft",        "view",     [404, 404, 404, 404, 404]],
  ["rosaDraft",        "score",    [404, 404, 404, 404, 404]],
  ["rosaDraft",        "annotate", [404, 404, 404, 404, 404]],
  ["rosaDraft",        "release",  [404, 404, 404, 404, 404]],
  ["unreleased",       "view",     [A,   A,   A,   A,   404]],
  ["unreleased",       "score",    [403, 403, 403, 403, 404]],
  ["unreleased",       "annotate", [403, 403, 403, 403, 404]],
  ["unreleased",       "release",  [A,   A,   403, 403, 404]],
  ["released",         "view",     [A,   A,   A,   A,   A  ]],
  ["released",         "score",    [403, 403, 403, 403, 403]],
  ["released",         "annotate", [403, 403, 403, 403, 403]],
  ["released",         "release",  [409, 409, 403, 403, 403]],
  ["otherTeam",        "view",     [A,   A,   A,   404, 404]],
  ["otherTeam",        "score",    [403, 403, 403, 404, 404]],
  ["otherTeam",        "annotate", [403, 403, 403, 404, 404]],
  ["otherTeam",        "release",  [409, 409, 403, 404, 404]],
  ["rosaCalibration",  "view",     [404, 404, 404, 404, 404]],
  ["rosaCalibration",  "score",    [404, 404, 404, 404, 404]],
  ["rosaCalibration",  "annotate", [404, 404, 404, 404, 404]],
  ["rosaCalibration",  "release",  [404, 404, 404, 404, 404]],
  ["quinnCalibration", "view",     [404, 404, A,   404, 404]],
  ["quinnCalibration", "score",    [404, 404, A,   404, 404]],
  ["quinnCalibration", "annotate", [404, 404, A,   404, 404]],
  ["quinnCalibration", "release",  [404, 404, 403, 404, 404]],
  ["anaSelf",          "view",     [A,   A,   A,   A,   A  ]],
  ["anaSelf",          "score",    [403, 403, 403, 403, 403]],
  ["anaSelf",          "annotate", [403, 403, 403, 403, 403]],
  ["anaSelf",          "release",  [409, 409, 403, 403, 403]],
  ["nickSelf",         "view",     [A,   A,   A,   A,   404]],
  ["nickSelf",         "score",    [403, 403, 403, 403, 404]],
  ["nickSelf",         "annotate", [403, 403, 403, 403, 404]],
  ["nickSelf",         "release",  [409, 409, 403, 403, 404]],
  ["sofiaSelf",        "view",     [A,   A,   A,   404, 404]],
  ["sofiaSelf",        "score",    [403, 403, 403, 404, 404]],
  ["sofiaSelf",        "annotate", [403, 403, 403, 404, 404]],
  ["sofiaSelf",        "release",  [409, 409, 403, 404, 404]],
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

// ─── The world ────────────────────────────────────────────────────────────────────────────
let viewers: Record<Role, Viewer>;
let people: Record<Person, Viewer>;
let teams: { north: string; south: string };
/** The scorecard reviews are scored with, and another (calibration rows, manual assignment). */
let scorecard: { id: string; versionId: string };
let otherScorecard: { id: string; versionId: string };

beforeAll(async () => {
  teams = { north: (await seedTeam()).id, south: (await seedTeam()).id };
  people = {
    ana: await seedUser("agent", [teams.north], { name: "Ana" }),
    nick: await seedUser("agent", [teams.north]),
    sofia: await seedUser("agent", [teams.south]),
    quinn: await seedUser("qa"),
    rosa: await seedUser("qa"),
  };
  viewers = {
    admin: await seedUser("admin"),
    qa_lead: await seedUser("qa_lead"),
    qa: people.quinn,
    supervisor: await seedUser("supervisor", [teams.north]),
    agent: people.ana,
  };
  scorecard = await seedScorecard({ definition: reviewDefinition });
  otherScorecard = await seedScorecard({ definition: reviewDefinition });
});

interface World {
  interactions: Record<Conversation, string>;
  evaluations: Record<EvaluationKey, string>;
  annotations: Record<AnnotationKey, { id: string; evaluationId: string }>;
  assignments: Record<AssignmentKey, { id: string; interactionId: string }>;
}

/** Every row of the table, fresh: a cell's use case may change what it acts on. */
async function seedWorld(): Promise<World> {
  const startedAt = new Date("2026-11-10T10:00:00Z");
  const [ana, nick, sofia] = await insertInteractionRows([
    { agentId: people.ana.id, teamId: teams.north, startedAt },
    { agentId: people.nick.id, teamId: teams.north, startedAt },
    { agentId: people.sofia.id, teamId: teams.south, startedAt },
  ]);
  const interactions = { ana: ana!, nick: nick!, sofia: sofia! };

  const evaluations = {} as Record<EvaluationKey, string>;
  for (const key of Object.keys(evaluationRows) as EvaluationKey[]) evaluations[key] = await insertEvaluation(evaluationRows[key], interactions);

  const annotationKeys = Object.keys(annotationRows) as AnnotationKey[];
  const notes = await db()
    .insertInto("annotations")
    .values(
      annotationKeys.map((key) => {
        const row = annotationRows[key];
        return {
          evaluation_id: evaluations[row.on],
          interaction_id: interactions[evaluationRows[row.on].on as Conversation],
          author_id: people[row.by].id,
          comment: row.label,
          start_ms: 1000,
          end_ms: 2000,
        };
      }),
    )
    .returning(["id", "evaluation_id"])
    .execute();
  const annotations = Object.fromEntries(annotationKeys.map((key, i) => [key, { id: notes[i]!.id, evaluationId: notes[i]!.evaluation_id }])) as World["annotations"];

  const assignmentKeys = Object.keys(assignmentRows) as AssignmentKey[];
  const work = await db()
    .insertInto("assignments")
    .values(
      assignmentKeys.map((key) => {
        const row = assignmentRows[key];
        return {
          interaction_id: interactions[row.on],
          scorecard_id: scorecard.id,
          reviewer_id: people[row.reviewer].id,
          due_at: new Date(Date.now() + 86_400_000),
        };
      }),
    )
    .returning(["id", "interaction_id"])
    .execute();
  const assignments = Object.fromEntries(assignmentKeys.map((key, i) => [key, { id: work[i]!.id, interactionId: work[i]!.interaction_id }])) as World["assignments"];
  return { interactions, evaluations, annotations, assignments };
}

/**
 * One evaluation row as the use cases leave it: a draft, or submitted with its first revision
 * current (and released). Rows one by one: two of them are by the same reviewer on the same
 * conversation and scorecard, which only one draft may be.
 */
async function insertEvaluation(row: EvaluationRow, interactions: Record<Conversation, string>): Promise<string> {
  const card = row.kind === "calibration" ? otherScorecard : scorecard;
  const reviewer = people[row.by].id;
  const { id } = await db()
    .insertInto("evaluations")
    .values({ interaction_id: interactions[row.on], scorecard_id: card.id, scorecard_version_id: card.versionId, reviewer_id: reviewer, kind: row.kind })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (row.state === "draft") return id;
  const revision = await db()
    .insertInto("evaluation_revisions")
    .values({ evaluation_id: id, sequence: 1, cause: "submit", actor_id: reviewer, answers: "{}", score: 100, passed: true, auto_failed: false, scorecard_version_id: card.versionId })
    .returning("id")
    .executeTakeFirstOrThrow();
  const now = new Date();
  await db()
    .updateTable("evaluations")
    .set({ status: "submitted", submitted_at: now, released_at: row.state === "released" ? now : null, score: 100, passed: true, current_revision_id: revision.id })
    .where("id", "=", id)
    .execute();
  return id;
}

/** What a use case answered: allowed, or the status of its refusal. */
async function outcomeOf(attempt: () => Promise<unknown>): Promise<Outcome> {
  try {
    return (await attempt()) === NOT_VISIBLE ? 404 : A;
  } catch (error) {
    if (error instanceof DomainError && (error.status === 403 || error.status === 404 || error.status === 409)) return error.status;
    throw error;
  }
}
/** A read that answers "nothing" (null, or a list without the row) rather than throwing. */
const NOT_VISIBLE = Symbol("not visible");

const note = { comment: "Hold of 40 s", sentiment: null, questionId: null, startMs: 1000, endMs: 2000, segmentId: null, startOffset: null, endOffset: null, quote: null };
const tomorrow = () => new Date(Date.now() + 86_400_000);

const interactionOps = {
  view: (v: Viewer, w: World, c: Conversation) => getInteraction(db(), blobStore(), v, w.interactions[c]).then((found) => found ?? NOT_VISIBLE),
  score: (v: Viewer, w: World, c: Conversation) => openEvaluation(db(), v, { interactionId: w.interactions[c], scorecardId: scorecard.id }),
  assign: (v: Viewer, w: World, c: Conversation) =>
    assignInteraction(db(), v, { interactionId: w.interactions[c], scorecardId: otherScorecard.id, reviewerId: people.rosa.id, dueAt: tomorrow() }),
};

const evaluationOps = {
  view: (v: Viewer, w: World, e: EvaluationKey) => getEvaluation(db(), v, w.evaluations[e]),
  score: (v: Viewer, w: World, e: EvaluationKey) =>
    saveEvaluationDraft(db(), v, w.evaluations[e], evaluationInputSchema.parse({ answers: { greeting: { value: true } }, revision: 1, feedback: null })),
  annotate: (v: Viewer, w: World, e: EvaluationKey) => addAnnotation(db(), v, w.evaluations[e], note),
  release: (v: Viewer, w: World, e: EvaluationKey) => releaseEvaluation(db(), v, w.evaluations[e]),
};

const annotationOps = {
  view: async (v: Viewer, w: World, a: AnnotationKey) => {
    const { annotations } = await getEvaluation(db(), v, w.annotations[a].evaluationId);
    return annotations.some((annotation) => annotation.id === w.annotations[a].id) ? annotations : NOT_VISIBLE;
  },
  edit: (v: Viewer, w: World, a: AnnotationKey) => updateAnnotation(db(), v, w.annotations[a].id, { ...note, comment: "Edited" }),
};

const assignmentOps = {
  view: async (v: Viewer, w: World, s: AssignmentKey) => {
    const listed = await listInteractionAssignments(db(), v, w.assignments[s].interactionId);
    return listed.some((assignment) => assignment.id === w.assignments[s].id) ? listed : NOT_VISIBLE;
  },
  open: (v: Viewer, w: World, s: AssignmentKey) => openEvaluation(db(), v, { assignmentId: w.assignments[s].id }),
  skip: (v: Viewer, w: World, s: AssignmentKey) => skipAssignment(db(), v, w.assignments[s].id, "No audio"),
  reassign: (v: Viewer, w: World, s: AssignmentKey) => reassignAssignment(db(), v, w.assignments[s].id, people[assignmentRows[s].reassignTo].id),
};

/** The outcome for each role, each on a fresh world. */
async function outcomesFor<K>(operation: (viewer: Viewer, world: World, row: K) => Promise<unknown>, row: K): Promise<Outcomes> {
  const outcomes: Outcome[] = [];
  for (const role of roles) {
    const world = await seedWorld();
    outcomes.push(await outcomeOf(() => operation(viewers[role], world, row)));
  }
  return outcomes as Outcomes;
}

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
  ])("%s", async (_name, read, expected) => {
    const outcomes: Outcome[] = [];
    for (const role of roles) outcomes.push(await outcomeOf(() => read(viewers[role])));
    expect(outcomes).toEqual(expected);
  });
});

describe("what an allowed cell did", () => {
  it("releasing an unreleased review shows it to the agent, and only then", async () => {
    const world = await seedWorld();
    expect(await outcomeOf(() => getEvaluation(db(), viewers.agent, world.evaluations.unreleased))).toBe(404);
    await releaseEvaluation(db(), viewers.qa_lead, world.evaluations.unreleased);
    expect((await getEvaluation(db(), viewers.agent, world.evaluations.unreleased)).releasedAt).toBeInstanceOf(Date);
  });

  it("a refused cell writes nothing: the evaluation, its notes and the queue item are as seeded", async () => {
    const world = await seedWorld();
    const before = await snapshot(world);
    for (const role of ["supervisor", "agent"] as const) {
      await outcomeOf(() => evaluationOps.score(viewers[role], world, "released"));
      await outcomeOf(() => evaluationOps.release(viewers[role], world, "unreleased"));
      await outcomeOf(() => annotationOps.edit(viewers[role], world, "onReleased"));
      await outcomeOf(() => assignmentOps.skip(viewers[role], world, "rosas"));
      await outcomeOf(() => assignmentOps.reassign(viewers[role], world, "rosas"));
    }
    expect(await snapshot(world)).toEqual(before);
  });
});

async function snapshot(world: World) {
  const ids = Object.values(world.evaluations);
  return Promise.all([
    db().selectFrom("evaluations").select(["id", "answers", "revision", "released_at"]).where("id", "in", ids).orderBy("id").execute(),
    db().selectFrom("annotations").select(["id", "comment"]).where("evaluation_id", "in", ids).orderBy("id").execute(),
    db().selectFrom("assignments").select(["id", "status", "reviewer_id"]).where("interaction_id", "in", Object.values(world.interactions)).orderBy("id").execute(),
  ]);
}
