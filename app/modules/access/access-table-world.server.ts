/**
 * The world the access table (access-table.server.test.ts) runs in, and how it runs a cell:
 * the people and the rows in every scope, seeded on real PostgreSQL, and each operation as
 * the real use case it names. Used only by that test; the tables themselves stay in the test,
 * where they are read against docs/architecture.md "Access".
 *
 * The people: Ana is the agent (team North), Sam supervises North, Quinn is the QA
 * specialist, Lee the QA lead, Ada the admin. Rosa is another QA specialist; Nick is Ana's
 * teammate in North; Sofia an agent of team South.
 */
import { db } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { blobStore } from "../../lib/storage.server";
import { fullMarks, reviewDefinition } from "../../../test/evaluation-fixtures";
import { insertInteractionRows, seedScorecard, seedTeam, seedUser } from "../../../test/factories";
import { assignInteraction } from "../assignments/assign-interaction.server";
import { listInteractionAssignments } from "../assignments/list-interaction-assignments.server";
import { reassignAssignment } from "../assignments/reassign-assignment.server";
import { skipAssignment } from "../assignments/skip-assignment.server";
import { addAnnotation, updateAnnotation } from "../evaluations/annotate.server";
import { editEvaluation } from "../evaluations/edit-evaluation.server";
import { evaluationInputSchema } from "../evaluations/evaluation-input.schema";
import { getEvaluation } from "../evaluations/get-evaluation.server";
import { listEvaluationHistory } from "../evaluations/list-evaluation-history.server";
import { openEvaluation } from "../evaluations/open-evaluation.server";
import { releaseEvaluation } from "../evaluations/release-evaluation.server";
import { saveEvaluationDraft } from "../evaluations/save-evaluation-draft.server";
import { voidEvaluation } from "../evaluations/void-evaluation.server";
import { acknowledgeEvaluation } from "../feedback/acknowledge-evaluation.server";
import { listMyFeedback } from "../feedback/list-my-feedback.server";
import { listUnacknowledged } from "../feedback/list-unacknowledged.server";
import { getInteraction } from "../interactions/get-interaction.server";
import { getUser, listUsers } from "../users/list-users.server";
import { roles, type Role, type Viewer } from "../users/roles";

export const A = "allow";
export type Outcome = typeof A | 403 | 404 | 409;
/** One outcome per role, in the order of roles.ts: admin, qa_lead, qa, supervisor, agent. */
export type Outcomes = [Outcome, Outcome, Outcome, Outcome, Outcome];

// ─── Rows ─────────────────────────────────────────────────────────────────────────────────
export type Conversation = "ana" | "nick" | "sofia";
export const conversations: Record<Conversation, string> = {
  ana: "Ana's conversation (North)",
  nick: "her teammate Nick's conversation (North)",
  sofia: "another team's conversation (Sofia, South)",
};

type Person = "ana" | "nick" | "sofia" | "quinn" | "rosa";
interface EvaluationRow {
  kind: "review" | "calibration" | "self";
  on: Conversation;
  by: Person;
  state: "draft" | "submitted" | "released" | "void";
}
/** Reviews are scored with a scorecard that requires acknowledgement (within 3 days). */
export const evaluationRows = {
  quinnDraft: { label: "Quinn's review draft (Nick's conversation)", kind: "review", on: "nick", by: "quinn", state: "draft" },
  rosaDraft: { label: "Rosa's review draft (Nick's conversation)", kind: "review", on: "nick", by: "rosa", state: "draft" },
  unreleased: { label: "review of Ana's conversation, submitted, not released", kind: "review", on: "ana", by: "rosa", state: "submitted" },
  released: { label: "review of Ana's conversation, released", kind: "review", on: "ana", by: "rosa", state: "released" },
  voided: { label: "review of Ana's conversation, released, then voided", kind: "review", on: "ana", by: "rosa", state: "void" },
  otherTeam: { label: "review of another team's conversation, released", kind: "review", on: "sofia", by: "rosa", state: "released" },
  rosaCalibration: { label: "Rosa's calibration score of Ana's conversation", kind: "calibration", on: "ana", by: "rosa", state: "submitted" },
  quinnCalibration: { label: "Quinn's calibration draft (another team's conversation)", kind: "calibration", on: "sofia", by: "quinn", state: "draft" },
  anaSelf: { label: "Ana's self-evaluation", kind: "self", on: "ana", by: "ana", state: "submitted" },
  nickSelf: { label: "Nick's self-evaluation (Ana's teammate)", kind: "self", on: "nick", by: "nick", state: "submitted" },
  sofiaSelf: { label: "Sofia's self-evaluation (another team)", kind: "self", on: "sofia", by: "sofia", state: "submitted" },
} satisfies Record<string, EvaluationRow & { label: string }>;
export type EvaluationKey = keyof typeof evaluationRows;

export const annotationRows = {
  onQuinnDraft: { label: "Quinn's note on Quinn's draft", on: "quinnDraft", by: "quinn" },
  onReleased: { label: "Rosa's note on the released review of Ana's conversation", on: "released", by: "rosa" },
  onUnreleased: { label: "Rosa's note on the unreleased review of Ana's conversation", on: "unreleased", by: "rosa" },
} satisfies Record<string, { label: string; on: EvaluationKey; by: Person }>;
export type AnnotationKey = keyof typeof annotationRows;

export const assignmentRows = {
  quinns: { label: "Quinn's queue item (another team's conversation)", on: "sofia", reviewer: "quinn", reassignTo: "rosa" },
  rosas: { label: "Rosa's queue item (Ana's conversation)", on: "ana", reviewer: "rosa", reassignTo: "quinn" },
} satisfies Record<string, { label: string; on: Conversation; reviewer: Person; reassignTo: Person }>;
export type AssignmentKey = keyof typeof assignmentRows;

// ─── The people, once per test file ───────────────────────────────────────────────────────
interface Cast {
  viewers: Record<Role, Viewer>;
  people: Record<Person, Viewer>;
  teams: { north: string; south: string };
  /** The scorecard reviews are scored with, and another (calibration rows, manual assignment). */
  scorecard: { id: string; versionId: string };
  otherScorecard: { id: string; versionId: string };
}
let seededCast: Cast | undefined;

/** Seeds the people and scorecards every world shares; call it in the test's beforeAll. */
export async function seedCast(): Promise<void> {
  const teams = { north: (await seedTeam()).id, south: (await seedTeam()).id };
  const people = {
    ana: await seedUser("agent", [teams.north], { name: "Ana" }),
    nick: await seedUser("agent", [teams.north]),
    sofia: await seedUser("agent", [teams.south]),
    quinn: await seedUser("qa"),
    rosa: await seedUser("qa"),
  };
  const viewers = {
    admin: await seedUser("admin"),
    qa_lead: await seedUser("qa_lead"),
    qa: people.quinn,
    supervisor: await seedUser("supervisor", [teams.north]),
    agent: people.ana,
  };
  seededCast = {
    teams,
    people,
    viewers,
    scorecard: await seedScorecard({ definition: reviewDefinition, acknowledgement: { mode: "required", days: 3 } }),
    otherScorecard: await seedScorecard({ definition: reviewDefinition }),
  };
}

export function cast(): Cast {
  if (!seededCast) throw new Error("The access table's people are not seeded: call seedCast() in beforeAll.");
  return seededCast;
}

// ─── The world, fresh for every cell ──────────────────────────────────────────────────────
export interface World {
  interactions: Record<Conversation, string>;
  evaluations: Record<EvaluationKey, string>;
  annotations: Record<AnnotationKey, { id: string; evaluationId: string }>;
  assignments: Record<AssignmentKey, { id: string; interactionId: string }>;
}

/** Every row of the table, fresh: a cell's use case may change what it acts on. */
export async function seedWorld(): Promise<World> {
  const { people, teams, scorecard } = cast();
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
 * current (and released; and voided by the QA lead). Rows one by one: two of them are by the
 * same reviewer on the same conversation and scorecard, which only one draft may be.
 */
async function insertEvaluation(row: EvaluationRow, interactions: Record<Conversation, string>): Promise<string> {
  const { people, viewers, scorecard, otherScorecard } = cast();
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
  const voided = row.state === "void" ? { status: "void", voided_at: now, voided_by: viewers.qa_lead.id, void_reason: "Wrong conversation" } : { status: "submitted" };
  await db()
    .updateTable("evaluations")
    .set({ ...voided, submitted_at: now, released_at: row.state === "submitted" ? null : now, score: 100, passed: true, current_revision_id: revision.id })
    .where("id", "=", id)
    .execute();
  return id;
}

// ─── Running a cell ───────────────────────────────────────────────────────────────────────
/** A read that answers "nothing" (null, or a list without the row) rather than throwing. */
const NOT_VISIBLE = Symbol("not visible");

/** What a use case answered: allowed, or the status of its refusal. */
export async function outcomeOf(attempt: () => Promise<unknown>): Promise<Outcome> {
  try {
    return (await attempt()) === NOT_VISIBLE ? 404 : A;
  } catch (error) {
    if (error instanceof DomainError && (error.status === 403 || error.status === 404 || error.status === 409)) return error.status;
    throw error;
  }
}

/** The outcome for each role, each on a fresh world. */
export async function outcomesFor<K>(operation: (viewer: Viewer, world: World, row: K) => Promise<unknown>, row: K): Promise<Outcomes> {
  const outcomes: Outcome[] = [];
  for (const role of roles) {
    const world = await seedWorld();
    outcomes.push(await outcomeOf(() => operation(cast().viewers[role], world, row)));
  }
  return outcomes as Outcomes;
}

const note = { comment: "Hold of 40 s", sentiment: null, questionId: null, startMs: 1000, endMs: 2000, segmentId: null, startOffset: null, endOffset: null, quote: null };
const tomorrow = () => new Date(Date.now() + 86_400_000);

/** The evaluation's autosave counter and current revision, as its page would have them. */
const pageStateOf = (evaluationId: string) =>
  db().selectFrom("evaluations").select(["revision", "current_revision_id"]).where("id", "=", evaluationId).executeTakeFirstOrThrow();

export const interactionOps = {
  view: (v: Viewer, w: World, c: Conversation) => getInteraction(db(), blobStore(), v, w.interactions[c]).then((found) => found ?? NOT_VISIBLE),
  score: (v: Viewer, w: World, c: Conversation) => openEvaluation(db(), v, { interactionId: w.interactions[c], scorecardId: cast().scorecard.id }),
  assign: (v: Viewer, w: World, c: Conversation) =>
    assignInteraction(db(), v, { interactionId: w.interactions[c], scorecardId: cast().otherScorecard.id, reviewerId: cast().people.rosa.id, dueAt: tomorrow() }),
};

export const evaluationOps = {
  view: (v: Viewer, w: World, e: EvaluationKey) => getEvaluation(db(), v, w.evaluations[e]),
  score: (v: Viewer, w: World, e: EvaluationKey) =>
    saveEvaluationDraft(db(), v, w.evaluations[e], evaluationInputSchema.parse({ answers: { greeting: { value: true } }, revision: 1, feedback: null })),
  annotate: (v: Viewer, w: World, e: EvaluationKey) => addAnnotation(db(), v, w.evaluations[e], note),
  release: (v: Viewer, w: World, e: EvaluationKey) => releaseEvaluation(db(), v, w.evaluations[e]),
  edit: async (v: Viewer, w: World, e: EvaluationKey) =>
    editEvaluation(db(), v, w.evaluations[e], { answers: fullMarks, reason: "The outcome was misheard", revision: (await pageStateOf(w.evaluations[e])).revision }),
  void: async (v: Viewer, w: World, e: EvaluationKey) =>
    voidEvaluation(db(), v, w.evaluations[e], { reason: "Scored the wrong call", revision: (await pageStateOf(w.evaluations[e])).revision }),
  history: (v: Viewer, w: World, e: EvaluationKey) => listEvaluationHistory(db(), v, w.evaluations[e]),
  // Rows without a current revision (drafts) are refused before the revision is read.
  acknowledge: async (v: Viewer, w: World, e: EvaluationKey) =>
    acknowledgeEvaluation(db(), v, w.evaluations[e], { revisionId: (await pageStateOf(w.evaluations[e])).current_revision_id ?? "" }),
};

export const annotationOps = {
  view: async (v: Viewer, w: World, a: AnnotationKey) => {
    const { annotations } = await getEvaluation(db(), v, w.annotations[a].evaluationId);
    return annotations.some((annotation) => annotation.id === w.annotations[a].id) ? annotations : NOT_VISIBLE;
  },
  edit: (v: Viewer, w: World, a: AnnotationKey) => updateAnnotation(db(), v, w.annotations[a].id, { ...note, comment: "Edited" }),
};

export const assignmentOps = {
  view: async (v: Viewer, w: World, s: AssignmentKey) => {
    const listed = await listInteractionAssignments(db(), v, w.assignments[s].interactionId);
    return listed.some((assignment) => assignment.id === w.assignments[s].id) ? listed : NOT_VISIBLE;
  },
  open: (v: Viewer, w: World, s: AssignmentKey) => openEvaluation(db(), v, { assignmentId: w.assignments[s].id }),
  skip: (v: Viewer, w: World, s: AssignmentKey) => skipAssignment(db(), v, w.assignments[s].id, "No audio"),
  reassign: (v: Viewer, w: World, s: AssignmentKey) => reassignAssignment(db(), v, w.assignments[s].id, cast().people[assignmentRows[s].reassignTo].id),
};

// ─── Lists: which of the world's rows each role gets back ─────────────────────────────────
/** The world's rows a list returned, in the order of evaluationRows; 403 when refused. */
export type Listed = EvaluationKey[] | 403;

const listQuery = { now: new Date(), timeZone: "UTC", limit: 200 };

export const evaluationLists = {
  /** Every page of the agent's feedback (only Ana's rows exist, a few per world). */
  myFeedback: async (v: Viewer) => {
    const ids: string[] = [];
    let after: Parameters<typeof listMyFeedback>[2]["after"];
    do {
      const page = await listMyFeedback(db(), v, { ...listQuery, now: new Date(), after });
      ids.push(...page.items.map((item) => item.evaluationId));
      after = page.next ?? undefined;
    } while (after);
    return ids;
  },
  /** Every page asked for since `since`: the list is oldest first, and the database holds other files' rows. */
  unacknowledged: async (v: Viewer, since: Date) => {
    const ids: string[] = [];
    let after: Parameters<typeof listUnacknowledged>[2]["after"] = { askedAt: since, id: "00000000-0000-0000-0000-000000000000" };
    do {
      const page = await listUnacknowledged(db(), v, { ...listQuery, now: new Date(), overdueOnly: false, after });
      ids.push(...page.items.map((item) => item.evaluationId));
      after = page.next ?? undefined;
    } while (after);
    return ids;
  },
};

/** For each role, on one world, the rows of that world the list returns. */
export async function listedFor(list: keyof typeof evaluationLists): Promise<[Listed, Listed, Listed, Listed, Listed]> {
  const since = new Date(Date.now() - 1000);
  const world = await seedWorld();
  const listed: Listed[] = [];
  for (const role of roles) {
    try {
      const ids = new Set(await evaluationLists[list](cast().viewers[role], since));
      listed.push((Object.keys(evaluationRows) as EvaluationKey[]).filter((key) => ids.has(world.evaluations[key])));
    } catch (error) {
      if (error instanceof DomainError && error.status === 403) listed.push(403);
      else throw error;
    }
  }
  return listed as [Listed, Listed, Listed, Listed, Listed];
}

// ─── People: whose account each role may read ─────────────────────────────────────────────
export type Account = "ana" | "rosa" | "lee" | "sam" | "ada";
export const accounts: Record<Account, string> = {
  ana: "Ana's account (an agent)",
  rosa: "Rosa's account (a QA specialist)",
  lee: "Lee's account (the QA lead)",
  sam: "Sam's account (a supervisor)",
  ada: "Ada's account (the admin)",
};
const accountOf = (account: Account): Viewer => {
  const { people, viewers } = cast();
  return { ana: people.ana, rosa: people.rosa, lee: viewers.qa_lead, sam: viewers.supervisor, ada: viewers.admin }[account];
};

/** Reading one person's account (the user page, a sampling rule naming them), for each role. */
export async function accountOutcomes(account: Account): Promise<Outcomes> {
  const outcomes: Outcome[] = [];
  for (const role of roles) outcomes.push(await outcomeOf(async () => (await getUser(db(), cast().viewers[role], accountOf(account).id)) ?? NOT_VISIBLE));
  return outcomes as Outcomes;
}

/** Which of the cast's accounts the user list gives each role (every page of it); 403 when refused. */
export async function listedAccounts(): Promise<(Account[] | 403)[]> {
  const listed: (Account[] | 403)[] = [];
  for (const role of roles) {
    const ids = new Set<string>();
    try {
      let after: Parameters<typeof listUsers>[2]["after"];
      do {
        const page = await listUsers(db(), cast().viewers[role], { status: "all", limit: 500, after });
        for (const user of page.users) ids.add(user.id);
        const last = page.users.at(-1);
        after = page.hasMore && last ? { name: last.name, id: last.id } : undefined;
      } while (after);
      listed.push((Object.keys(accounts) as Account[]).filter((account) => ids.has(accountOf(account).id)));
    } catch (error) {
      if (error instanceof DomainError && error.status === 403) listed.push(403);
      else throw error;
    }
  }
  return listed;
}

/** What a refused cell must leave as it was: the evaluations, their notes and acknowledgements, the queue items. */
export async function snapshot(world: World) {
  const ids = Object.values(world.evaluations);
  return Promise.all([
    db().selectFrom("evaluations").select(["id", "status", "answers", "revision", "current_revision_id", "released_at"]).where("id", "in", ids).orderBy("id").execute(),
    db().selectFrom("annotations").select(["id", "comment"]).where("evaluation_id", "in", ids).orderBy("id").execute(),
    db().selectFrom("evaluation_acknowledgements").select(["id"]).where("evaluation_id", "in", ids).orderBy("id").execute(),
    db().selectFrom("assignments").select(["id", "status", "reviewer_id"]).where("interaction_id", "in", Object.values(world.interactions)).orderBy("id").execute(),
  ]);
}
