/**
 * Bearer-token authentication and permissions of /api/v1, through the route modules
 * against real PostgreSQL: missing, wrong and revoked tokens are 401 with a message
 * that says what to do; a role without `interactions:ingest` may read but not write.
 */
import { describe, expect, it } from "vitest";
import { seedUser } from "../../../test/factories";
import { db } from "../../lib/db.server";
import { loader as listInteractions, action as importInteraction } from "../../routes/api.v1.interactions";
import { action as startUpload } from "../../routes/api.v1.uploads";
import { createApiToken } from "../api-tokens/create-api-token.server";
import { listApiTokens } from "../api-tokens/list-api-tokens.server";
import { revokeApiToken } from "../api-tokens/revoke-api-token.server";
import { setUserActive } from "../users/update-user.server";
import { apiUser, callRoute } from "./test-support";

describe("API token authentication", () => {
  it("answers 401 with a hint when no token is sent", async () => {
    const res = await callRoute(listInteractions, "GET", "/api/v1/interactions");
    expect(res.status).toBe(401);
    expect(res.headers.get("WWW-Authenticate")).toMatch(/^Bearer/);
    expect(res.headers.get("Content-Type")).toMatch(/^application\/json/);
    expect(res.json.error).toEqual({
      code: "unauthenticated",
      message: "Send an API token: Authorization: Bearer <token>. Create one under Settings → API tokens.",
    });
  });

  it("answers 401 for a header that is not a bearer token, and for an unknown token", async () => {
    const basic = await callRoute(listInteractions, "GET", "/api/v1/interactions", { headers: { Authorization: "Basic YTpi" } });
    expect(basic.status).toBe(401);
    expect(basic.json.error?.message).toBe("The Authorization header must be: Bearer <token>.");

    const wrong = await callRoute(listInteractions, "GET", "/api/v1/interactions", { token: "prl_not-a-real-token" });
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toMatchObject({ code: "unauthenticated", message: expect.stringContaining("not valid") as string });
  });

  it("accepts a token until it is revoked, then answers 401 saying so", async () => {
    const admin = await apiUser("admin");
    expect((await callRoute(listInteractions, "GET", "/api/v1/interactions", { token: admin.token })).status).toBe(200);

    const [token] = await listApiTokens(db(), admin);
    await revokeApiToken(db(), admin, token?.id ?? "");
    const res = await callRoute(listInteractions, "GET", "/api/v1/interactions", { token: admin.token });
    expect(res.status).toBe(401);
    expect(res.json.error?.message).toMatch(/revoked/);
  });

  it("refuses the token of a deactivated user", async () => {
    const actor = await seedUser("admin");
    const lead = await apiUser("qa_lead");
    await setUserActive(db(), actor, lead.id, false);
    const res = await callRoute(listInteractions, "GET", "/api/v1/interactions", { token: lead.token });
    expect(res.status).toBe(401);
    expect(res.json.error?.message).toMatch(/deactivated/);
  });

  it("records when a token was last used", async () => {
    const lead = await apiUser("qa_lead");
    expect((await listApiTokens(db(), lead))[0]?.lastUsedAt).toBeNull();
    await callRoute(listInteractions, "GET", "/api/v1/interactions", { token: lead.token });
    expect((await listApiTokens(db(), lead))[0]?.lastUsedAt).toBeInstanceOf(Date);
  });

  it("lets roles without interactions:ingest read but answers 403 to their writes", async () => {
    for (const role of ["qa", "supervisor", "agent"] as const) {
      const user = await apiUser(role);
      expect((await callRoute(listInteractions, "GET", "/api/v1/interactions", { token: user.token })).status).toBe(200);
      const write = await callRoute(importInteraction, "POST", "/api/v1/interactions", { token: user.token, body: {} });
      expect(write.status).toBe(403);
      expect(write.json.error).toEqual({ code: "forbidden", message: "Importing interactions needs an admin's or a QA lead's token." });
      const upload = await callRoute(startUpload, "POST", "/api/v1/uploads", {
        token: user.token,
        body: { fileName: "a.wav", contentType: "audio/wav", size: 10 },
      });
      expect(upload.status).toBe(403);
    }
  });
});

describe("API token use cases", () => {
  it("stores only a hash and a prefix; the secret is returned once", async () => {
    const lead = await seedUser("qa_lead");
    const created = await createApiToken(db(), lead, "Genesys export");
    expect(created.token).toMatch(/^prl_[A-Za-z0-9_-]{40}$/);
    const row = await db().selectFrom("api_tokens").selectAll().where("id", "=", created.id).executeTakeFirstOrThrow();
    expect(row.prefix).toBe(created.token.slice(0, 12));
    expect(row.token_hash).not.toContain(created.token.slice(4));
    expect(JSON.stringify(row)).not.toContain(created.token);
  });

  it("lists a user's own tokens, and every token for an admin, who may revoke any", async () => {
    const lead = await seedUser("qa_lead");
    const otherLead = await seedUser("qa_lead");
    const admin = await seedUser("admin");
    const mine = await createApiToken(db(), lead, "mine");
    const theirs = await createApiToken(db(), otherLead, "theirs");

    const seenByLead = await listApiTokens(db(), lead);
    expect(seenByLead.map((token) => token.name)).toEqual(["mine"]);
    expect(seenByLead[0]).toMatchObject({ own: true, ownerEmail: lead.email, revokedAt: null });
    const seenByAdmin = (await listApiTokens(db(), admin)).map((token) => token.id);
    expect(seenByAdmin).toEqual(expect.arrayContaining([mine.id, theirs.id]));

    await expect(revokeApiToken(db(), lead, theirs.id)).rejects.toMatchObject({ code: "not_found" });
    await revokeApiToken(db(), admin, theirs.id);
    await revokeApiToken(db(), admin, theirs.id); // twice is fine
    const revoked = (await listApiTokens(db(), otherLead))[0];
    expect(revoked?.revokedAt).toBeInstanceOf(Date);
    const audit = await db().selectFrom("audit_log").select(["action", "actor_id"]).where("entity_id", "=", theirs.id).orderBy("id").execute();
    expect(audit).toEqual([
      { action: "api_token.create", actor_id: otherLead.id },
      { action: "api_token.revoke", actor_id: admin.id },
    ]);
  });
});
