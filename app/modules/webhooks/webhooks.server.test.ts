/**
 * Managing webhooks (issue 13 §8, decision 0024): the admin's use cases — create, edit, rotate
 * the secret, disable, delete, each audited without the secret — their refusals, and the
 * delivery log's pages. Signatures and the SSRF guard are in webhooks-guard.server.test.ts,
 * deliveries in webhooks-deliveries.server.test.ts; shared set-up in webhook-test-support.server.ts.
 */
import { describe, expect, it } from "vitest";
import { seedUser } from "../../../test/factories";
import { refusal } from "../../../test/refusal";
import { db } from "../../lib/db.server";
import { createWebhook } from "./create-webhook.server";
import { deleteWebhook } from "./delete-webhook.server";
import { getWebhookWithDeliveries, listWebhooks } from "./list-webhooks.server";
import { rotateWebhookSecret } from "./rotate-webhook-secret.server";
import { sendTestEvent } from "./send-test-event.server";
import { setWebhookEnabled, updateWebhook } from "./update-webhook.server";
import { receiver, useWebhookTestHooks } from "./webhook-test-support.server";

useWebhookTestHooks();

describe("managing webhooks", () => {
  it("creates, edits, rotates the secret, disables and deletes, each audited without the secret", async () => {
    const admin = await seedUser("admin");
    const r = await receiver([200]);
    const created = await createWebhook(db(), admin, { url: ` ${r.url} `, description: "Data warehouse", events: ["evaluation.submitted"] });
    expect(created.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    await updateWebhook(db(), admin, created.id, { url: r.url, description: "Warehouse", events: ["evaluation.submitted", "dispute.decided"] });
    const rotated = await rotateWebhookSecret(db(), admin, created.id);
    expect(rotated.secret).not.toBe(created.secret);
    await setWebhookEnabled(db(), admin, created.id, false);
    expect(await listWebhooks(db(), admin)).toEqual([
      expect.objectContaining({ id: created.id, url: r.url, description: "Warehouse", events: ["evaluation.submitted", "dispute.decided"], enabled: false }),
    ]);
    expect(await refusal(sendTestEvent(db(), admin, created.id))).toMatchObject({ code: "conflict" });
    expect(await deleteWebhook(db(), admin, created.id)).toEqual({ url: r.url });
    expect(await listWebhooks(db(), admin)).toEqual([]);
    const audit = await db().selectFrom("audit_log").select(["action", "before", "after"]).where("entity_id", "=", created.id).orderBy("id").execute();
    expect(audit.map((entry) => entry.action)).toEqual(["webhook.create", "webhook.update", "webhook.rotate_secret", "webhook.update", "webhook.delete"]);
    expect(JSON.stringify(audit)).not.toContain("whsec_");
    expect(audit[4]!.before).toEqual({ url: r.url, description: "Warehouse", events: ["evaluation.submitted", "dispute.decided"], enabled: false });
  });

  it("refuses an empty event list and an unknown event on their fields", async () => {
    const admin = await seedUser("admin");
    expect((await refusal(createWebhook(db(), admin, { url: "http://127.0.0.1/x", events: [] }))).fieldErrors).toEqual({ events: "Choose at least one event" });
    expect((await refusal(createWebhook(db(), admin, { url: "http://127.0.0.1/x", events: ["evaluation.deleted"] as never }))).fieldErrors["events.0"]).toContain(
      "Choose among evaluation.submitted",
    );
  });

  it("pages the delivery log newest first", async () => {
    const admin = await seedUser("admin");
    const { id } = await createWebhook(db(), admin, { url: "http://127.0.0.1:9/x", events: ["evaluation.submitted"] });
    const ids: string[] = [];
    for (let i = 0; i < 5; i += 1) ids.push((await sendTestEvent(db(), admin, id, new Date(Date.UTC(2026, 11, 14, 9, i)))).deliveryId);
    const first = await getWebhookWithDeliveries(db(), admin, id, { limit: 2 });
    const second = await getWebhookWithDeliveries(db(), admin, id, { limit: 2, cursor: first.nextCursor });
    const third = await getWebhookWithDeliveries(db(), admin, id, { limit: 2, cursor: second.nextCursor });
    expect([first, second, third].map((page) => page.deliveries.map((d) => d.id))).toEqual([[ids[4], ids[3]], [ids[2], ids[1]], [ids[0]]]);
    expect(third.nextCursor).toBeNull();
  });

  it("is for admins only: others are refused before anything is read or written", async () => {
    const admin = await seedUser("admin");
    const { id } = await createWebhook(db(), admin, { url: "http://127.0.0.1:9/x", events: ["evaluation.submitted"] });
    for (const role of ["qa_lead", "qa", "supervisor", "agent"] as const) {
      const viewer = await seedUser(role);
      expect((await refusal(listWebhooks(db(), viewer))).code).toBe("forbidden");
      expect((await refusal(createWebhook(db(), viewer, { url: "http://127.0.0.1:9/x", events: ["evaluation.submitted"] }))).code).toBe("forbidden");
      expect((await refusal(rotateWebhookSecret(db(), viewer, id))).code).toBe("forbidden");
      expect((await refusal(sendTestEvent(db(), viewer, id))).code).toBe("forbidden");
    }
    expect(await db().selectFrom("webhooks").select("id").execute()).toEqual([{ id }]);
  });
});
