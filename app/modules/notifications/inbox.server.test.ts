/**
 * The inbox on real PostgreSQL (issue 13 §7): each user sees and marks only their own
 * notifications, the unread count is exact, paging neither skips nor repeats, and "evaluation
 * released to you" is written with the release — a lead's, or the submission's on a scorecard
 * that releases at once — and only then.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { DomainError } from "../../lib/errors";
import { failingAnswers, fullMarks, reviewWorld } from "../../../test/evaluation-fixtures";
import { seedUser } from "../../../test/factories";
import { seedEvaluation } from "../../../test/review-factories";
import { releaseEvaluation } from "../evaluations/release-evaluation.server";
import { countUnread, listNotifications } from "./list-notifications.server";
import { markAllNotificationsRead, openNotification } from "./open-notification.server";
import { notify } from "./notify.server";

const sameTime = new Date("2026-12-01T09:00:00.123Z");

async function tell(recipientId: string, count: number, createdAt?: Date) {
  return notify(
    db(),
    Array.from({ length: count }, (_, i) => ({ recipientId, kind: "comment_added" as const, title: `Comment ${i + 1}`, link: `/evaluations/x${i}`, ...(createdAt ? { createdAt } : {}) })),
  );
}

const refusal = (promise: Promise<unknown>) => promise.then(() => null, (error: unknown) => (error instanceof DomainError ? error.status : error));

describe("the inbox", () => {
  it("lists only the viewer's own, newest first, and pages 31 (30 written in one instant) as 25 + 6 without a repeat", async () => {
    const [ana, ben] = [await seedUser("agent"), await seedUser("agent")];
    await tell(ana.id, 30, sameTime);
    await tell(ben.id, 2);
    const newest = await notify(db(), [{ recipientId: ana.id, kind: "evaluation_released", title: "Newest", link: "/evaluations/n" }]);

    const first = await listNotifications(db(), ana, { limit: 25 });
    expect(first.items).toHaveLength(25);
    expect(first.items[0]).toMatchObject({ id: newest[0], title: "Newest", read: false, kind: "evaluation_released" });
    const second = await listNotifications(db(), ana, { limit: 25, after: first.next! });
    expect(second.items).toHaveLength(6);
    expect(second.next).toBeNull();
    const ids = [...first.items, ...second.items].map((item) => item.id);
    expect(new Set(ids).size).toBe(31);
    expect((await listNotifications(db(), ben, { limit: 25 })).items.map((item) => item.title).sort()).toEqual(["Comment 1", "Comment 2"]);
  });

  it("counts unread exactly; opening one marks it read once and leads to its link; another's id is not found", async () => {
    const [ana, ben] = [await seedUser("agent"), await seedUser("agent")];
    const ids = await tell(ana.id, 3);
    await tell(ben.id, 4);
    expect(await countUnread(db(), ana)).toBe(3);

    expect(await openNotification(db(), ana, ids[1]!)).toEqual({ link: "/evaluations/x1" });
    const readAt = (await db().selectFrom("notifications").select("read_at").where("id", "=", ids[1]!).executeTakeFirstOrThrow()).read_at;
    await openNotification(db(), ana, ids[1]!);
    expect((await db().selectFrom("notifications").select("read_at").where("id", "=", ids[1]!).executeTakeFirstOrThrow()).read_at).toEqual(readAt);
    expect(await countUnread(db(), ana)).toBe(2);

    expect(await refusal(openNotification(db(), ben, ids[0]!))).toBe(404);
    expect(await countUnread(db(), ana)).toBe(2);
  });

  it("marks all of the viewer's read and none of anyone else's", async () => {
    const [ana, ben] = [await seedUser("agent"), await seedUser("agent")];
    await tell(ana.id, 5);
    await tell(ben.id, 4);
    expect(await markAllNotificationsRead(db(), ana)).toBe(5);
    expect(await countUnread(db(), ana)).toBe(0);
    expect(await countUnread(db(), ben)).toBe(4);
    expect(await markAllNotificationsRead(db(), ana)).toBe(0);
  });
});

describe("evaluation released to you", () => {
  const released = (agentId: string) =>
    db().selectFrom("notifications").select(["kind", "title", "body", "link", "evaluation_id"]).where("recipient_id", "=", agentId).where("kind", "=", "evaluation_released").execute();

  it("is written when a review is submitted on a scorecard that releases at once, to the agent only", async () => {
    const w = await reviewWorld({ releaseMode: "immediate" });
    const { id } = await seedEvaluation({ reviewer: w.qa, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: failingAnswers });
    const rows = await released(w.agent.id);
    expect(rows).toEqual([
      { kind: "evaluation_released", title: "New feedback on your call of 10 Nov 2026", body: `${w.scorecard.name}: 71.9 (fail).`, link: `/evaluations/${id}`, evaluation_id: id },
    ]);
    const others = await db().selectFrom("notifications").select("id").where("recipient_id", "in", [w.qa.id, w.supervisor.id, w.lead.id, w.otherAgent.id]).execute();
    expect(others).toEqual([]);
  });

  it("waits for a lead's release on a manual scorecard, and is written with it, once", async () => {
    const w = await reviewWorld({ releaseMode: "manual" });
    const { id } = await seedEvaluation({ reviewer: w.qa, interactionId: w.interactionId, scorecardId: w.scorecard.id, answers: fullMarks });
    expect(await released(w.agent.id)).toEqual([]);
    await releaseEvaluation(db(), w.lead, id);
    expect(await released(w.agent.id)).toMatchObject([{ link: `/evaluations/${id}`, body: `${w.scorecard.name}: 100.0 (pass).` }]);
    expect(await refusal(releaseEvaluation(db(), w.lead, id))).toBe(409);
    expect(await released(w.agent.id)).toHaveLength(1);
  });
});
