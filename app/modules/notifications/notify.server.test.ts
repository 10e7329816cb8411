import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { seedUser } from "../../../test/factories";
import { notify } from "./notify.server";

describe("notify", () => {
  it("writes one inbox row per recipient, newest unread", async () => {
    const [agent, supervisor] = await Promise.all([seedUser("agent"), seedUser("supervisor")]);
    const ids = await notify(db(), [
      { recipientId: agent.id, kind: "comment_added", title: "New comment", link: "/evaluations/x" },
      { recipientId: supervisor.id, kind: "comment_added", title: "New comment", link: "/evaluations/x" },
      // The same recipient, kind and link twice in one call is told once.
      { recipientId: agent.id, kind: "comment_added", title: "New comment", link: "/evaluations/x" },
    ]);
    expect(ids).toHaveLength(2);
    const rows = await db().selectFrom("notifications").selectAll().where("recipient_id", "=", agent.id).execute();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.read_at).toBeNull();
  });

  it("skips a notification whose dedupe key the recipient already has, so a job that runs twice tells once", async () => {
    const lead = await seedUser("qa_lead");
    const overdue = { recipientId: lead.id, kind: "dispute_overdue" as const, title: "Dispute overdue", link: "/disputes/1", dedupeKey: "dispute_overdue:1" };
    expect(await notify(db(), [overdue])).toHaveLength(1);
    expect(await notify(db(), [overdue])).toHaveLength(0);
    const count = await db().selectFrom("notifications").select((eb) => eb.fn.countAll<number>().as("n")).where("recipient_id", "=", lead.id).executeTakeFirstOrThrow();
    expect(count.n).toBe(1);
  });

  it("refuses a kind the inbox does not know and a link outside Parley", async () => {
    const agent = await seedUser("agent");
    await expect(notify(db(), [{ recipientId: agent.id, kind: "nonsense" as never, title: "x", link: "/x" }])).rejects.toThrow(/notifications_kind_check/);
    await expect(notify(db(), [{ recipientId: agent.id, kind: "comment_added", title: "x", link: "https://evil.example" }])).rejects.toThrow(/notifications_link_check/);
  });
});
