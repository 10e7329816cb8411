import { describe, expect, it } from "vitest";
import { refusal } from "../../../test/refusal";
import { db } from "../../lib/db.server";
import { seedTeam, seedUser } from "../../../test/factories";
import { createSession, loadSession } from "../auth/session.server";
import { getUser } from "./list-users.server";
import type { Viewer } from "./roles";
import { setUserActive, updateUser } from "./update-user.server";
import type { UserFields } from "./user.schema";

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
    await updateUser(db(), admin.id, agent.id, fieldsOf(agent, changes));

    const user = await getUser(db(), agent.id);
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
    await updateUser(db(), admin.id, supervisor.id, fieldsOf(supervisor, { role: "qa", teamIds: [] }));
    expect((await getUser(db(), supervisor.id))?.teams).toEqual([]);
  });

  it("does not let an admin remove their own admin role", async () => {
    const admin = await seedUser("admin");
    const error = await refusal(updateUser(db(), admin.id, admin.id, fieldsOf(admin, { role: "qa" })));
    expect(error.fieldErrors).toEqual({ role: "Ask another admin" });
    expect((await getUser(db(), admin.id))?.role).toBe("admin");
  });

  it("lets another admin change an admin's role", async () => {
    const [admin, other] = [await seedUser("admin"), await seedUser("admin")];
    await updateUser(db(), admin.id, other.id, fieldsOf(other, { role: "qa_lead" }));
    expect((await getUser(db(), other.id))?.role).toBe("qa_lead");
  });

  it("refuses an email another user has, whatever its case, and changes nothing", async () => {
    const admin = await seedUser("admin");
    const [dana, sam] = [await seedUser("qa"), await seedUser("qa")];
    const error = await refusal(updateUser(db(), admin.id, dana.id, fieldsOf(dana, { name: "Renamed", email: sam.email.toUpperCase() })));
    expect(error.fieldErrors).toEqual({ email: "Another user has this email" });
    expect(await getUser(db(), dana.id)).toMatchObject({ name: dana.name, email: dana.email });
  });

  it("lets a user keep their own email in another case", async () => {
    const admin = await seedUser("admin");
    const qa = await seedUser("qa");
    await updateUser(db(), admin.id, qa.id, fieldsOf(qa, { email: qa.email.toUpperCase() }));
    expect((await getUser(db(), qa.id))?.email).toBe(qa.email.toUpperCase());
  });

  it("refuses an agent in two teams", async () => {
    const admin = await seedUser("admin");
    const [a, b] = [await seedTeam(), await seedTeam()];
    const agent = await seedUser("agent", [a.id]);
    const error = await refusal(updateUser(db(), admin.id, agent.id, fieldsOf(agent, { teamIds: [a.id, b.id] })));
    expect(error.fieldErrors.teamIds).toBe("An agent belongs to one team; choose only one.");
    expect((await getUser(db(), agent.id))?.teams.map((team) => team.id)).toEqual([a.id]);
  });

  it("answers 404 for a user that does not exist", async () => {
    const admin = await seedUser("admin");
    const error = await refusal(updateUser(db(), admin.id, "00000000-0000-4000-8000-000000000000", fieldsOf(admin, { email: "x@example.test" })));
    expect(error.status).toBe(404);
  });
});

describe("setUserActive", () => {
  it("deactivates a user, ends their sessions, and audits it; reactivating audits too", async () => {
    const admin = await seedUser("admin");
    const qa = await seedUser("qa");
    const { token } = await createSession(db(), { userId: qa.id, ttlHours: 1 });

    await setUserActive(db(), admin.id, qa.id, false);
    expect((await getUser(db(), qa.id))?.active).toBe(false);
    expect(await loadSession(db(), token)).toBeNull();

    await setUserActive(db(), admin.id, qa.id, true);
    expect((await getUser(db(), qa.id))?.active).toBe(true);

    const audit = await auditOf(qa.id);
    expect(audit.slice(-2)).toEqual([
      { actor_id: admin.id, action: "user.deactivate", before: { active: true }, after: { active: false } },
      { actor_id: admin.id, action: "user.reactivate", before: { active: false }, after: { active: true } },
    ]);
  });

  it("records the deactivation time and clears it on reactivation", async () => {
    const admin = await seedUser("admin");
    const qa = await seedUser("qa");
    const deactivatedAt = () => db().selectFrom("users").select("deactivated_at").where("id", "=", qa.id).executeTakeFirstOrThrow();
    await setUserActive(db(), admin.id, qa.id, false);
    expect((await deactivatedAt()).deactivated_at).toBeInstanceOf(Date);
    await setUserActive(db(), admin.id, qa.id, true);
    expect((await deactivatedAt()).deactivated_at).toBeNull();
  });

  it("writes no audit entry when nothing changes", async () => {
    const admin = await seedUser("admin");
    const qa = await seedUser("qa");
    const before = (await auditOf(qa.id)).length;
    await setUserActive(db(), admin.id, qa.id, true);
    expect(await auditOf(qa.id)).toHaveLength(before);
  });

  it("does not let an admin deactivate their own account", async () => {
    const admin = await seedUser("admin");
    const error = await refusal(setUserActive(db(), admin.id, admin.id, false));
    expect(error.status).toBe(422);
    expect((await getUser(db(), admin.id))?.active).toBe(true);
  });
});
