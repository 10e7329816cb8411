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
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { getApiEvaluation } from "../api/get-api-evaluation.server";
import { listApiEvaluations } from "../api/list-api-evaluations.server";
import { createApiToken } from "../api-tokens/create-api-token.server";
import { createWebhook } from "../webhooks/create-webhook.server";
import { deleteWebhook } from "../webhooks/delete-webhook.server";
import { listWebhooks } from "../webhooks/list-webhooks.server";
import { rotateWebhookSecret } from "../webhooks/rotate-webhook-secret.server";
import { sendTestEvent } from "../webhooks/send-test-event.server";
import { setWebhookEnabled } from "../webhooks/update-webhook.server";
import { addComment } from "../comments/add-comment.server";
import { deleteComment } from "../comments/delete-comment.server";
import { editComment } from "../comments/edit-comment.server";
import { listComments } from "../comments/list-comments.server";
import { listNotifications } from "../notifications/list-notifications.server";
import { notify } from "../notifications/notify.server";
import { markAllNotificationsRead, openNotification } from "../notifications/open-notification.server";
import { assignmentsDashboard } from "../assignments/assignments-dashboard.server";
import { getEvaluation } from "../evaluations/get-evaluation.server";
import { releaseEvaluation } from "../evaluations/release-evaluation.server";
import { queryQuality } from "../reports/query-quality.server";
import { rebuildRollups } from "../reports/rebuild-rollups.server";
import { listSamplingRules } from "../sampling/list-sampling-rules.server";
import { loadRuleFormOptions } from "../sampling/rule-form-options.server";
import { listSelfEvaluationRequests } from "../feedback/list-self-evaluation-requests.server";
import { listScorecards } from "../scorecards/list-scorecards.server";
import { listTeams } from "../users/list-teams.server";
import { startSelfEvaluation } from "../evaluations/start-self-evaluation.server";
import { getOrganisationSettings, listArbiterPool } from "../organisation/get-organisation-settings.server";
import { getSettingsPage } from "../organisation/get-settings-page.server";
import { updateOrganisationSettings } from "../organisation/update-organisation-settings.server";
import { withOrganisationSettings } from "../../../test/organisation-factories";
import { roles, type Viewer } from "../users/roles";
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
  evaluationRows,
  interactionOps,
  listedAccounts,
  listedFor,
  outcomeOf,
  outcomesFor,
  seedCast,
  seedWorld,
  snapshot,
  type Account,
  type AnnotationKey,
  type AssignmentKey,
  type Conversation,
  type EvaluationKey,
  type evaluationLists,
  type Listed,
  type Outcome,
  type Outcomes,
  type World,
} from "./access-table-world.server";
import { disputeOutcomesFor, disputeRows, queueFor, raiseOutcomesFor, type DisputeKey, type disputeOps } from "./access-table-disputes.server";

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

  it.each(accountTable)("person: %s · %s", async (account, _operation, expected) => {
    expect(await accountOutcomes(account), accounts[account]).toEqual(expected);
  });

  it("list: people", async () => {
    expect(await listedAccounts()).toEqual(accountList);
  });
});

describe("the pages of one kind of work, as use cases", () => {
  //                                             admin qa_lead  qa   supervisor agent
  it.each<[string, (viewer: Viewer) => Promise<unknown>, Outcomes]>([
    ["list scorecards",      (v) => listScorecards(db(), v, { includeArchived: true }), [A, A, 403, 403, 403]],
    ["list sampling rules",  (v) => listSamplingRules(db(), v),                         [A, A, 403, 403, 403]],
    ["the assignments page", (v) => assignmentsDashboard(db(), v),                      [A, A, 403, 403, 403]],
    ["list teams",           (v) => listTeams(db(), v),                                 [A, 403, 403, 403, 403]],
    // Every role reads reports, each within its scope (query-quality.server.test.ts holds the rows).
    ["quality by team",      (v) => queryQuality(db(), v, { groupBy: "team", period: "month", from: "2026-01-01", to: "2026-12-31" }), [A, A, A, A, A]],
    ["rebuild the roll-ups", (v) => rebuildRollups(db(), v),                           [A, 403, 403, 403, 403]],
    // "To self-evaluate" on My feedback: an agent's own requests only (docs/decisions/0025).
    ["to self-evaluate",     (v) => listSelfEvaluationRequests(db(), v),                [403, 403, 403, 403, A]],
    ["the rule form's choices, with the self-evaluation switch", (v) => loadRuleFormOptions(db(), v), [A, A, 403, 403, 403]],
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

// ─── Comment threads and notifications (issue 13 §4, §7) ─────────────────────────────────
// The thread is the agent's, the reviewer's (Rosa), the agent's supervisors', QA leads' and
// admins': Quinn sees the evaluation but is not in its thread (404), as is anyone outside the
// evaluation scope. Another's comment is 403 to change; posting on a void evaluation is 409.
// A notification is its recipient's alone: Ana's is 404 to everyone else.
const threadOps = {
  view: async (v: Viewer, w: World, e: EvaluationKey) => (await listComments(db(), v, w.evaluations[e])) ?? Promise.reject(notFound("Comment thread")),
  post: (v: Viewer, w: World, e: EvaluationKey) => addComment(db(), v, w.evaluations[e], { body: "A comment" }),
  /** Rosa, the reviewer, comments; the viewer then tries to edit her comment. */
  "edit another's": async (v: Viewer, w: World, e: EvaluationKey) => {
    const { id } = await addComment(db(), cast().people.rosa, w.evaluations[e], { body: "Rosa's comment" });
    return editComment(db(), v, id, { body: "Changed" });
  },
  /** The viewer deletes a comment of their own, just posted. */
  "delete own": async (v: Viewer, w: World, e: EvaluationKey) => {
    const { id } = await addComment(db(), v, w.evaluations[e], { body: "Mine" });
    return deleteComment(db(), v, id);
  },
};

//                                                                    admin qa_lead  qa   supervisor agent
const threadTable: [EvaluationKey, keyof typeof threadOps, Outcomes][] = [
  ["released",   "view",           [A,   A,   404, A,   A  ]],
  ["released",   "post",           [A,   A,   404, A,   A  ]],
  ["released",   "edit another's", [403, 403, 404, 403, 403]],
  ["released",   "delete own",     [A,   A,   404, A,   A  ]],
  ["unreleased", "view",           [A,   A,   404, A,   404]],
  ["unreleased", "post",           [A,   A,   404, A,   404]],
  ["voided",     "view",           [A,   A,   404, A,   A  ]],
  ["voided",     "post",           [409, 409, 404, 409, 409]],
  ["otherTeam",  "view",           [A,   A,   404, 404, 404]],
  ["otherTeam",  "post",           [A,   A,   404, 404, 404]],
  ["quinnDraft", "view",           [404, 404, 404, 404, 404]],
  ["quinnDraft", "post",           [404, 404, 404, 404, 404]],
  ["anaSelf",    "view",           [404, 404, 404, 404, 404]],
];

const notificationOps = {
  /** Ana's notification, opened by the viewer. */
  "open Ana's": async (v: Viewer) => {
    const [id] = await notify(db(), [{ recipientId: cast().people.ana.id, kind: "comment_added", title: "For Ana", link: "/notifications" }]);
    return openNotification(db(), v, id!);
  },
  /** The viewer's own inbox: it holds Ana's notification only for Ana. */
  "list, sees Ana's": async (v: Viewer) => {
    const [id] = await notify(db(), [{ recipientId: cast().people.ana.id, kind: "comment_added", title: "For Ana", link: "/notifications" }]);
    const page = await listNotifications(db(), v, { limit: 200 });
    return page.items.some((item) => item.id === id) ? page : Promise.reject(notFound("Notification"));
  },
  "mark all read (own)": (v: Viewer) => markAllNotificationsRead(db(), v),
};

//                                                                    admin qa_lead  qa   supervisor agent
const notificationTable: [keyof typeof notificationOps, Outcomes][] = [
  ["open Ana's",          [404, 404, 404, 404, A]],
  ["list, sees Ana's",    [404, 404, 404, 404, A]],
  ["mark all read (own)", [A,   A,   A,   A,   A]],
];

describe("the access table: comment threads and notifications", () => {
  it.each(threadTable)("comment thread: %s · %s", async (row, operation, expected) => {
    expect(await outcomesFor(threadOps[operation], row), evaluationRows[row].label).toEqual(expected);
  });

  it.each(notificationTable)("notification: %s", async (operation, expected) => {
    const outcomes: Outcome[] = [];
    for (const role of roles) outcomes.push(await outcomeOf(() => notificationOps[operation](cast().viewers[role])));
    expect(outcomes).toEqual(expected);
  });
});

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

// ─── Webhooks and the evaluations API (issue 13 §8, §9; docs/decisions/0024) ───────────────
// Webhooks belong to the organisation: admins only, whatever the row. The API's evaluation
// reads run through the pages' scope with each role's own token: the same cells as the page,
// except that drafts, calibration scores and self-evaluations are never in the API (404).
describe("webhooks and the evaluations API", () => {
  const publicUrl = "https://93.184.216.34/parley";
  //                                                                  admin qa_lead  qa   supervisor agent
  it.each<[string, (viewer: Viewer) => Promise<unknown>, Outcomes]>([
    ["list webhooks",     (v) => listWebhooks(db(), v),                                                       [A, 403, 403, 403, 403]],
    ["register a webhook", (v) => createWebhook(db(), v, { url: publicUrl, events: ["evaluation.released"] }), [A, 403, 403, 403, 403]],
    ["rotate, test, disable, delete one", async (v) => {
      const { id } = await createWebhook(db(), cast().viewers.admin, { url: publicUrl, events: ["evaluation.released"] });
      await rotateWebhookSecret(db(), v, id);
      await sendTestEvent(db(), v, id);
      await setWebhookEnabled(db(), v, id, false);
      return deleteWebhook(db(), v, id);
    },                                                                                                            [A, 403, 403, 403, 403]],
    ["create a personal API token", (v) => createApiToken(db(), v, "access table"),                              [A, A,   A,   A,   A  ]],
  ])("%s", async (_name, act, expected) => {
    const outcomes: Outcome[] = [];
    for (const role of roles) outcomes.push(await outcomeOf(() => act(cast().viewers[role])));
    expect(outcomes).toEqual(expected);
  });

  const apiTable: [EvaluationKey, Outcomes][] = [
    ["released",   [A,   A,   A,   A,   A  ]],
    ["unreleased", [A,   A,   A,   A,   404]],
    ["voided",     [A,   A,   A,   A,   A  ]],
    ["otherTeam",  [A,   A,   A,   404, 404]],
    ["rosaDraft",  [404, 404, 404, 404, 404]],
    ["anaSelf",    [404, 404, 404, 404, 404]],
  ];
  it.each(apiTable)("GET /api/v1/evaluations/{id} of: %s", async (row, expected) => {
    const world = await seedWorld();
    const outcomes: Outcome[] = [];
    for (const role of roles) {
      outcomes.push(await outcomeOf(async () => (await getApiEvaluation(db(), cast().viewers[role], world.evaluations[row])) ?? Promise.reject(notFound())));
    }
    expect(outcomes, evaluationRows[row].label).toEqual(expected);
  });

  it("GET /api/v1/evaluations gives each role the world's reviews it may see", async () => {
    const world = await seedWorld();
    const keys = new Map(Object.entries(world.evaluations).map(([key, id]) => [id, key]));
    const listed: string[][] = [];
    for (const role of roles) {
      const page = await listApiEvaluations(db(), cast().viewers[role], { limit: 200 });
      listed.push(page.items.flatMap((item) => keys.get(item.id) ?? []).sort());
    }
    expect(listed).toEqual([
      ["otherTeam", "released", "unreleased", "voided"],
      ["otherTeam", "released", "unreleased", "voided"],
      ["otherTeam", "released", "unreleased", "voided"],
      ["released", "unreleased", "voided"],
      ["released", "voided"],
    ]);
  });
});

// ─── Organisation settings and self-evaluation (issue 13 §5, §10) ─────────────────────────
describe("organisation settings and self-evaluation", () => {
  //                                             admin qa_lead  qa   supervisor agent
  it.each<[string, (viewer: Viewer) => Promise<unknown>, Outcomes]>([
    ["open the settings page", (v) => getSettingsPage(db(), v), [A, 403, 403, 403, 403]],
    [
      "save the settings (as they are)",
      async (v) => updateOrganisationSettings(db(), v, { ...(await getOrganisationSettings(db())), arbiterIds: await listArbiterPool(db()) }),
      [A, 403, 403, 403, 403],
    ],
  ])("%s", async (_name, run, expected) => {
    const outcomes: Outcome[] = [];
    for (const role of roles) outcomes.push(await outcomeOf(() => run(cast().viewers[role])));
    expect(outcomes).toEqual(expected);
  });

  // Starting a self-evaluation with the organisation's switch on: only the agent, on their own
  // conversation (Ana's has a submitted one already, which starting again returns).
  //                                                         admin qa_lead  qa   supervisor agent
  it.each<[Conversation, Outcomes]>([
    ["ana",   [403, 403, 403, 403, A  ]],
    ["nick",  [403, 403, 403, 403, 404]],
    ["sofia", [403, 403, 403, 404, 404]],
  ])("self-evaluate: %s", async (conversation, expected) => {
    await withOrganisationSettings({ self_evaluation_enabled: true }, async () => {
      const start = (viewer: Viewer, world: { interactions: Record<Conversation, string> }, row: Conversation) =>
        startSelfEvaluation(db(), viewer, { interactionId: world.interactions[row], scorecardId: cast().scorecard.id });
      expect(await outcomesFor(start, conversation)).toEqual(expected);
    });
  });
});
