import { describe, expect, it } from "vitest";
import { refusal } from "../../../test/refusal";
import { db } from "../../lib/db.server";
import { seedTeam, seedUser } from "../../../test/factories";
import { authenticateApiToken } from "../api-tokens/authenticate-api-token.server";
import { createApiToken } from "../api-tokens/create-api-token.server";
import { revokeApiToken } from "../api-tokens/revoke-api-token.server";
import { createSession, loadSession } from "../auth/session.server";
import { getUser } from "./list-users.server";
import type { Viewer } from "./roles";
import { setUserActive, updateUser } from "./update-user.server";
import type { UserFields } from "./user.schema";
import { up as revokeInactiveUsersTokens } from "../../../migrations/20261212T020000-revoke-inactive-users-tokens";

const fieldsOf = (user: Viewer, changes: Partial<UserFields> = {}): UserFields => ({
  name: user.name,
  email: user.email,
  role: user.role,
  teamIds: user.teamIds,
  ...changes,
});


const auditOf = (entityId: string) =>
  db().selectFrom("audit_log").select(["actor_id", "action", "before", "after"]).where("entity_id", "=", entityId).orderBy("id").execute();

describe("updateUser", () => {
  it("changes name, email and role, moves team links with the role, and audits before and after", async () => {
    const admin = await seedUser("admin");
    const [a, b] = [await seedTeam(), await seedTeam()];
    const agent = await seedUser("agent", [a.id]);
    const changes = { name: "Promoted Person", email: `promoted.${agent.id}@example.test`, role: "supervisor" as const, teamIds: [a.id, b.id] };
    await updateUser(db(), admin, agent.id, fieldsOf(agent, changes));

    const user = await getUser(db(), admin, agent.id);
    expect(user).toMatchObject({ name: changes.name, email: changes.email, role: "supervisor" });
    expect(user?.teams.map((team) => `${team.id}:${team.kind}`).sort()).toEqual([`${a.id}:supervisor`, `${b.id}:supervisor`].sort());

    const audit = await auditOf(agent.id);
    expect(audit.at(-1)).toEqual({
      actor_id: admin.id,
      action: "user.update",
      before: { name: agent.name, email: agent.email, role: "agent" },
      after: changes,
    });
  });

  it("drops team links when a user becomes a QA specialist", async () => {
    const admin = await seedUser("admin");
    const team = await seedTeam();
    const supervisor = await seedUser("supervisor", [team.id]);
    await updateUser(db(), admin, supervisor.id, fieldsOf(supervisor, { role: "qa", teamIds: [] }));
    expect((await getUser(db(), admin, supervisor.id))?.teams).toEqual([]);
  });

  it("does not let an admin remove their own admin role", async () => {
    const admin = await seedUser("admin");
    const error = await refusal(updateUser(db(), admin, admin.id, fieldsOf(admin, { role: "qa" })));
    expect(error.fieldErrors).toEqual({ role: "Ask another admin" });
    expect((await getUser(db(), admin, admin.id))?.role).toBe("admin");
  });

  it("lets another admin change an admin's role", async () => {
    const [admin, other] = [await seedUser("admin"), await seedUser("admin")];
    await updateUser(db(), admin, other.id, fieldsOf(other, { role: "qa_lead" }));
    expect((await getUser(db(), admin, other.id))?.role).toBe("qa_lead");
  });

  it("refuses an email another user has, whatever its case, and changes nothing", async () => {
    const admin = await seedUser("admin");
    const [dana, sam] = [await seedUser("qa"), await seedUser("qa")];
    const error = await refusal(updateUser(db(), admin, dana.id, fieldsOf(dana, { name: "Renamed", email: sam.email.toUpperCase() })));
    expect(error.fieldErrors).toEqual({ email: "Another user has this email" });
    expect(await getUser(db(), admin, dana.id)).toMatchObject({ name: dana.name, email: dana.email });
  });

  it("lets a user keep their own email in another case", async () => {
    const admin = await seedUser("admin");
    const qa = await seedUser("qa");
    await updateUser(db(), admin, qa.id, fieldsOf(qa, { email: qa.email.toUpperCase() }));
    expect((await getUser(db(), admin, qa.id))?.email).toBe(qa.email.toUpperCase());
  });

  it("refuses an agent in two teams", async () => {
    const admin = await seedUser("admin");
    const [a, b] = [await seedTeam(), await seedTeam()];
    const agent = await seedUser("agent", [a.id]);
    const error = await refusal(updateUser(db(), admin, agent.id, fieldsOf(agent, { teamIds: [a.id, b.id] })));
    expect(error.fieldErrors.teamIds).toBe("An agent belongs to one team; choose only one.");
    expect((await getUser(db(), admin, agent.id))?.teams.map((team) => team.id)).toEqual([a.id]);
  });

  it("answers 404 for a user that does not exist", async () => {
    const admin = await seedUser("admin");
    const error = await refusal(updateUser(db(), admin, "00000000-0000-4000-8000-000000000000", fieldsOf(admin, { email: "x@example.test" })));
    expect(error.status).toBe(404);
  });
});

describe("setUserActive", () => {
  it("deactivates a user, ends their sessions, and audits it; reactivating audits too", async () => {
    const admin = await seedUser("admin");
    const qa = await seedUser("qa");
    const { token } = await createSession(db(), { userId: qa.id, ttlHours: 1 });

    await setUserActive(db(), admin, qa.id, false);
    expect((await getUser(db(), admin, qa.id))?.active).toBe(false);
    expect(await loadSession(db(), token)).toBeNull();

    await setUserActive(db(), admin, qa.id, true);
    expect((await getUser(db(), admin, qa.id))?.active).toBe(true);

    const audit = await auditOf(qa.id);
    expect(audit.slice(-2)).toEqual([
      { actor_id: admin.id, action: "user.deactivate", before: { active: true }, after: { active: false, revokedTokens: 0 } },
      { actor_id: admin.id, action: "user.reactivate", before: { active: false }, after: { active: true } },
    ]);
  });

  it("revokes the user's API tokens for good: reactivating does not bring them back", async () => {
    const admin = await seedUser("admin");
    const lead = await seedUser("qa_lead");
    const kept = await createApiToken(db(), lead, "Genesys export");
    const alreadyRevoked = await createApiToken(db(), lead, "Old export");
    await revokeApiToken(db(), lead, alreadyRevoked.id);
    const othersToken = await createApiToken(db(), admin, "Admin's own");
    expect((await authenticateApiToken(db(), `Bearer ${kept.token}`)).id).toBe(lead.id);

    await setUserActive(db(), admin, lead.id, false);
    await setUserActive(db(), admin, lead.id, true);

    const error = await refusal(authenticateApiToken(db(), `Bearer ${kept.token}`));
    expect(error.status).toBe(401);
    expect(error.message).toMatch(/revoked/);
    const tokens = await db().selectFrom("api_tokens").select(["id", "revoked_at"]).where("user_id", "=", lead.id).execute();
    expect(tokens.every((token) => token.revoked_at instanceof Date)).toBe(true);
    expect((await auditOf(lead.id)).find((entry) => entry.action === "user.deactivate")?.after).toEqual({ active: false, revokedTokens: 1 });
    // Nobody else's token is touched.
    expect((await authenticateApiToken(db(), `Bearer ${othersToken.token}`)).id).toBe(admin.id);
  });

  it("records the deactivation time and clears it on reactivation", async () => {
    const admin = await seedUser("admin");
    const qa = await seedUser("qa");
    const deactivatedAt = () => db().selectFrom("users").select("deactivated_at").where("id", "=", qa.id).executeTakeFirstOrThrow();
    await setUserActive(db(), admin, qa.id, false);
    expect((await deactivatedAt()).deactivated_at).toBeInstanceOf(Date);
    await setUserActive(db(), admin, qa.id, true);
    expect((await deactivatedAt()).deactivated_at).toBeNull();
  });

  it("writes no audit entry when nothing changes", async () => {
    const admin = await seedUser("admin");
    const qa = await seedUser("qa");
    const before = (await auditOf(qa.id)).length;
    await setUserActive(db(), admin, qa.id, true);
    expect(await auditOf(qa.id)).toHaveLength(before);
  });

  it("does not let an admin deactivate their own account", async () => {
    const admin = await seedUser("admin");
    const error = await refusal(setUserActive(db(), admin, admin.id, false));
    expect(error.status).toBe(422);
    expect((await getUser(db(), admin, admin.id))?.active).toBe(true);
  });
});

describe("migration 20261212T020000-revoke-inactive-users-tokens", () => {
  it("revokes the tokens still in force of users deactivated before deactivation revoked them, and no one else's", async () => {
    const admin = await seedUser("admin");
    const leaver = await seedUser("qa_lead");
    const stayer = await seedUser("qa_lead");
    const leaverToken = await createApiToken(db(), leaver, "Export");
    const stayerToken = await createApiToken(db(), stayer, "Export");
    // The state an older Parley left behind: inactive, token untouched.
    const deactivatedAt = new Date("2026-11-01T12:00:00Z");
    await db().updateTable("users").set({ active: false, deactivated_at: deactivatedAt }).where("id", "=", leaver.id).execute();

    await revokeInactiveUsersTokens(db());

    const revokedAt = (id: string) => db().selectFrom("api_tokens").select("revoked_at").where("id", "=", id).executeTakeFirstOrThrow();
    expect((await revokedAt(leaverToken.id)).revoked_at).toEqual(deactivatedAt);
    expect((await revokedAt(stayerToken.id)).revoked_at).toBeNull();
    // Reactivated, the leaver's token stays revoked.
    await setUserActive(db(), admin, leaver.id, true);
    expect((await refusal(authenticateApiToken(db(), `Bearer ${leaverToken.token}`))).status).toBe(401);
  });
});
