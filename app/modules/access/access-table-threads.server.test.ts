/**
 * The access table's comment threads and notifications (issue 13 §4, §7; read with
 * access-table.server.test.ts): who is in an evaluation's thread, whose comment is whose, and
 * that a notification is its recipient's alone.
 *
 * The people and the rows (their labels say what each one is) are in access-table-world.server.ts:
 * Ana is the agent (team North), Sam supervises North, Quinn is the QA specialist, Lee the QA
 * lead, Ada the admin. Rosa is another QA specialist; Nick is Ana's teammate in North; Sofia
 * an agent of team South. Reviews are on a scorecard that requires acknowledgement.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { addComment } from "../comments/add-comment.server";
import { deleteComment } from "../comments/delete-comment.server";
import { editComment } from "../comments/edit-comment.server";
import { listComments } from "../comments/list-comments.server";
import { listNotifications } from "../notifications/list-notifications.server";
import { notify } from "../notifications/notify.server";
import { markAllNotificationsRead, openNotification } from "../notifications/open-notification.server";
import { type Viewer } from "../users/roles";
import {
  A,
  cast,
  evaluationRows,
  outcomesFor,
  type EvaluationKey,
  type Outcomes,
  type World,
  seedCast,
} from "./access-table-world.server";
import { outcomesByRole } from "./access-table-cells.server";

beforeAll(seedCast);

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
    expect(await outcomesByRole(notificationOps[operation])).toEqual(expected);
  });
});
