import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { seedUser } from "../../../test/factories";
import { adminCommandLine } from "./actor";
import { recordAudit, type AuditEntry } from "./record-audit.server";

const entriesFor = (entityId: string) =>
  db().selectFrom("audit_log").select(["actor_id", "actor_system", "action", "before", "after"]).where("entity_id", "=", entityId).execute();

describe("the typed audit log", () => {
  it("writes an entry whose payload fits its action, naming a user or a system actor", async () => {
    const admin = await seedUser("admin");
    await recordAudit(db(), { actorId: admin.id, action: "team.rename", entityType: "team", entityId: "t-1", before: { name: "Old" }, after: { name: "New" } });
    await recordAudit(db(), { actorId: adminCommandLine, action: "user.set_password", entityType: "user", entityId: "t-1" });
    expect(await entriesFor("t-1")).toEqual([
      { actor_id: admin.id, actor_system: null, action: "team.rename", before: { name: "Old" }, after: { name: "New" } },
      { actor_id: null, actor_system: "admin-cli", action: "user.set_password", before: null, after: null },
    ]);
  });

  it("refuses a payload that does not fit its action, and one an action does not record, writing nothing", async () => {
    // The types already refuse these; the casts stand for a caller that slips past them (JSON from elsewhere).
    const malformed = { actorId: null, action: "evaluation.submit", entityType: "evaluation", entityId: "t-2", after: { score: "high" } } as unknown as AuditEntry;
    await expect(recordAudit(db(), malformed)).rejects.toThrow("Audit entry evaluation.submit has a malformed after");
    const missing = { actorId: null, action: "team.rename", entityType: "team", entityId: "t-2", after: { name: "New" } } as unknown as AuditEntry;
    await expect(recordAudit(db(), missing)).rejects.toThrow("Audit entry team.rename needs its before");
    const extra = { actorId: null, action: "api_token.revoke", entityType: "api_token", entityId: "t-2", after: { name: "x" } } as unknown as AuditEntry;
    await expect(recordAudit(db(), extra)).rejects.toThrow("Audit entry api_token.revoke records no after");
    expect(await entriesFor("t-2")).toEqual([]);
  });
});
