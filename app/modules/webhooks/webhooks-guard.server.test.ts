/**
 * Webhook signatures and the SSRF guard (issue 13 §8, decision 0024): the documented signing
 * recipe and its refusals, and the guard with the private-address setting off — at registration
 * and again at delivery, against a real `node:http` receiver on loopback.
 */
import { describe, expect, it } from "vitest";
import { seedUser } from "../../../test/factories";
import { refusal } from "../../../test/refusal";
import { db } from "../../lib/db.server";
import { createWebhook } from "./create-webhook.server";
import { deliverWebhook } from "./deliver-webhook.server";
import { sendTestEvent } from "./send-test-event.server";
import { refusedAddress } from "./webhook-address";
import { signatureHeader, verifySignature } from "./webhook-signature";
import { assertWebhookUrl } from "./webhook-url.server";
import { allowPrivate, receiver, useWebhookTestHooks } from "./webhook-test-support.server";

useWebhookTestHooks();

describe("signatures", () => {
  const secret = "whsec_test";
  const body = '{"id":"e1","type":"evaluation.submitted"}';
  const now = new Date("2026-12-14T10:00:00Z");

  it("verify with the documented recipe: HMAC-SHA256 over `${t}.${body}`, within five minutes", () => {
    const header = signatureHeader(secret, body, now);
    expect(header).toMatch(/^t=1797242400,v1=[0-9a-f]{64}$/);
    expect(verifySignature(secret, body, header, new Date(now.getTime() + 299_000))).toEqual({ ok: true, timestamp: 1797242400 });
  });

  it("refuse a changed body, another secret, a replay older than the tolerance and a malformed header", () => {
    const header = signatureHeader(secret, body, now);
    expect(verifySignature(secret, `${body} `, header, now)).toEqual({ ok: false, reason: "mismatch" });
    expect(verifySignature("whsec_other", body, header, now)).toEqual({ ok: false, reason: "mismatch" });
    expect(verifySignature(secret, body, header, new Date(now.getTime() + 301_000))).toEqual({ ok: false, reason: "too_old" });
    expect(verifySignature(secret, body, "v1=abc", now)).toEqual({ ok: false, reason: "malformed" });
    expect(verifySignature(secret, body, null, now)).toEqual({ ok: false, reason: "malformed" });
  });
});

describe("the SSRF guard with WEBHOOKS_ALLOW_PRIVATE off", () => {
  it.each([
    ["http://127.0.0.1:5432/", "127.0.0.1 is a loopback address"],
    ["http://10.20.30.40/hook", "10.20.30.40 is a private network address"],
    ["http://192.168.1.10/hook", "192.168.1.10 is a private network address"],
    ["http://169.254.169.254/latest/meta-data", "169.254.169.254 is a link-local address"],
    ["http://100.64.0.7/hook", "100.64.0.7 is a carrier-grade NAT address"],
    ["http://0.0.0.0:9000/", "0.0.0.0 is the unspecified address"],
    ["http://[::1]:9000/", "::1 is a loopback address"],
    ["http://[fe80::1]/", "fe80::1 is a link-local address"],
    ["http://[fd00::5]/", "fd00::5 is a private network address"],
    ["http://[::ffff:10.0.0.1]/", "10.0.0.1 is a private network address"],
    ["http://localhost:9000/hook", "is a loopback address"],
  ])("refuses %s", async (url, reason) => {
    const error = await refusal(assertWebhookUrl(url, false));
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors.url).toContain(reason);
    expect(error.fieldErrors.url).toContain("Webhooks may only reach public addresses.");
  });

  it("refuses other schemes and credentials in the URL, whatever the setting", async () => {
    expect((await refusal(assertWebhookUrl("ftp://hooks.example.com/x", true))).fieldErrors.url).toBe("The URL must start with https:// or http://");
    expect((await refusal(assertWebhookUrl("file:///etc/passwd", true))).fieldErrors.url).toBe("The URL must start with https:// or http://");
    expect((await refusal(assertWebhookUrl("https://user:pw@hooks.example.com/", true))).fieldErrors.url).toContain("Leave credentials out of the URL");
    expect((await refusal(assertWebhookUrl("not a url", true))).fieldErrors.url).toBe("Enter a full URL, e.g. https://hooks.example.com/parley");
  });

  it("lets public addresses through, and private ones only with the setting on (never multicast)", () => {
    expect(refusedAddress("93.184.216.34", false)).toBeNull();
    expect(refusedAddress("2606:2800:220:1:248:1893:25c8:1946", false)).toBeNull();
    expect(refusedAddress("10.0.0.1", true)).toBeNull();
    expect(refusedAddress("::1", true)).toBeNull();
    expect(refusedAddress("224.0.0.1", true)).toBe("224.0.0.1 is a multicast address");
    expect(refusedAddress("2002:7f00:1::1", false)).toBe("2002:7f00:1::1 is in a reserved range (6to4)");
  });

  it("refuses to register a loopback URL and writes nothing", async () => {
    allowPrivate(false);
    const admin = await seedUser("admin");
    const error = await refusal(createWebhook(db(), admin, { url: "http://localhost:8080/hook", events: ["evaluation.submitted"] }));
    expect(error.status).toBe(422);
    expect(await db().selectFrom("webhooks").select("id").execute()).toEqual([]);
  });

  it("checks again at delivery: a webhook registered while allowed is refused once the setting is off, and nothing reaches the receiver", async () => {
    const admin = await seedUser("admin");
    const r = await receiver([200]);
    const { id } = await createWebhook(db(), admin, { url: r.url, events: ["evaluation.submitted"] });
    const { deliveryId } = await sendTestEvent(db(), admin, id);
    const outcome = await deliverWebhook(db(), deliveryId, { allowPrivate: false });
    expect(outcome).toMatchObject({ kind: "attempted", attempt: 1, status: "pending", responseStatus: null });
    expect(outcome.kind === "attempted" && outcome.error).toContain("Refused: 127.0.0.1 cannot receive webhooks: 127.0.0.1 is a loopback address.");
    expect(r.received).toEqual([]);
  });
});
