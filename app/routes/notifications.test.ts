/**
 * The inbox, the notification settings and the comment thread's posts as Remix calls them, on
 * real PostgreSQL: the unread count in the root loader, opening a notification (marked read,
 * redirected; another's is 404), mark all read, email choices saved per user, and a refused
 * comment answering 422 with what was typed.
 */
import { describe, expect, it } from "vitest";
import { fullMarks, reviewWorld } from "../../test/evaluation-fixtures";
import { seedUser } from "../../test/factories";
import { seedEvaluation } from "../../test/review-factories";
import { bodyOf, getRequest, postRequest, returned, thrown } from "../../test/route-requests";
import { db } from "../lib/db.server";
import { notify } from "../modules/notifications/notify.server";
import { loader as rootLoader } from "../root";
import { loader as evaluationLoader } from "./evaluations.$evaluationId";
import { action as commentsAction } from "./evaluations.$evaluationId.comments";
import { loader as openLoader } from "./notifications.$notificationId";
import { action as inboxAction, loader as inboxLoader } from "./notifications._index";
import { action as settingsAction, loader as settingsLoader } from "./settings.notifications";

const unreadOf = async (viewer: { id: string }) => (await rootLoader({ request: await getRequest(viewer, "/"), params: {}, context: {} })).user?.unread;

describe("the inbox pages", () => {
  it("counts unread in the navigation, opens one (read, redirected), refuses another's, and marks all read", async () => {
    const [ana, ben] = [await seedUser("agent"), await seedUser("agent")];
    const ids = await notify(db(), [
      { recipientId: ana.id, kind: "comment_added", title: "First", link: "/evaluations/a" },
      { recipientId: ana.id, kind: "comment_added", title: "Second", link: "/evaluations/b" },
      { recipientId: ana.id, kind: "comment_added", title: "Third", link: "/evaluations/c" },
    ]);
    expect(await unreadOf(ana)).toBe(3);
    expect(await unreadOf(ben)).toBe(0);

    const opened = await thrown(async () => {
      throw await openLoader({ request: await getRequest(ana, `/notifications/${ids[0]}`), params: { notificationId: ids[0] }, context: {} });
    });
    expect(opened).toEqual({ status: 302, location: "/evaluations/a" });
    expect(await unreadOf(ana)).toBe(2);
    expect((await thrown(async () => openLoader({ request: await getRequest(ben, `/notifications/${ids[1]}`), params: { notificationId: ids[1] }, context: {} }))).status).toBe(404);
    expect((await thrown(async () => openLoader({ request: await getRequest(ana, "/notifications/nope"), params: { notificationId: "nope" }, context: {} }))).status).toBe(404);

    const page = await inboxLoader({ request: await getRequest(ana, "/notifications"), params: {}, context: {} });
    expect(page.unread).toBe(2);
    // Written in one statement, so in one instant: compared by title.
    expect(page.items.map((item) => [item.title, item.read]).sort()).toEqual([
      ["First", true],
      ["Second", false],
      ["Third", false],
    ]);
    const marked = await inboxAction({ request: await postRequest(ana, "/notifications", { intent: "mark-all-read" }), params: {}, context: {} });
    expect(bodyOf(marked)).toEqual({ ok: true, marked: 2 });
    expect(await unreadOf(ana)).toBe(0);
    expect((await thrown(async () => inboxLoader({ request: await getRequest(ana, "/notifications?after=garbage"), params: {}, context: {} }))).status).toBe(400);
  });

  it("saves each user's email choices for themselves only", async () => {
    const [ana, ben] = [await seedUser("agent"), await seedUser("supervisor")];
    const before = await settingsLoader({ request: await getRequest(ana, "/settings/notifications"), params: {}, context: {} });
    expect(before.kinds.every((kind) => kind.email)).toBe(true);
    expect(before.emailConfigured).toBe(false);
    const saved = await settingsAction({ request: await postRequest(ana, "/settings/notifications", { email: ["evaluation_released", "acknowledgement_due"] }), params: {}, context: {} });
    expect(bodyOf(saved)).toEqual({ ok: true });
    const after = await settingsLoader({ request: await getRequest(ana, "/settings/notifications"), params: {}, context: {} });
    expect(after.kinds.filter((kind) => kind.email).map((kind) => kind.kind)).toEqual(["evaluation_released", "acknowledgement_due"]);
    const others = await settingsLoader({ request: await getRequest(ben, "/settings/notifications"), params: {}, context: {} });
    expect(others.kinds.every((kind) => kind.email)).toBe(true);
    const bad = await settingsAction({ request: await postRequest(ana, "/settings/notifications", { email: "nonsense" }), params: {}, context: {} });
    expect(returned(bad).status).toBe(422);
  });
});

/** A refusal of a resource route: a Response with the failure's status (a direct post keeps it), and its JSON body. */
async function failureOf(value: unknown): Promise<{ status: number; fieldErrors: Record<string, string>; values: Record<string, string> }> {
  if (!(value instanceof Response)) throw new Error("expected the refusal as a Response");
  return { status: value.status, ...((await value.json()) as { fieldErrors: Record<string, string>; values: Record<string, string> }) };
}

describe("the comment thread on the evaluation page", () => {
  it("shows the thread to those in it, posts, and keeps the typed text when a comment is refused", async () => {
    const w = await reviewWorld({ releaseMode: "immediate" });
    const { id } = await seedEvaluation({ reviewer: w.qa, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: fullMarks });
    const post = async (viewer: { id: string }, fields: Record<string, string>) =>
      commentsAction({ request: await postRequest(viewer, `/evaluations/${id}/comments`, fields), params: { evaluationId: id }, context: {} });
    const load = async (viewer: { id: string }) => evaluationLoader({ request: await getRequest(viewer, `/evaluations/${id}`), params: { evaluationId: id }, context: {} });

    expect(bodyOf(await post(w.agent, { intent: "add", body: "Line one\nLine two" }))).toEqual({ ok: true, intent: "add" });
    const tooLong = "z".repeat(5001);
    const refused = await failureOf(await post(w.agent, { intent: "add", body: tooLong }));
    expect(refused).toMatchObject({ status: 422, fieldErrors: { body: "The comment is 5,001 characters; the limit is 5,000. Shorten it by 1 to post it." } });
    expect(refused.values.body).toBe(tooLong);

    const page = await load(w.supervisor);
    expect(page.comments?.comments.map((comment) => [comment.authorName, comment.body, comment.mine])).toEqual([[w.agent.name, "Line one\nLine two", false]]);
    expect((await load(w.otherQa)).comments).toBeNull();
    expect((await failureOf(await post(w.otherQa, { intent: "add", body: "Hi" }))).status).toBe(404);
    expect(await unreadOf(w.qa)).toBe(1);
  });
});
