import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { refusal } from "../../../test/refusal";
import { db } from "../../lib/db.server";
import { countRows, seedTeam, seedUser } from "../../../test/factories";
import { createUser } from "./create-user.server";
import { getUser } from "./list-users.server";
import type { CreateUserInput } from "./user.schema";
import { seedData } from "../access/actor";

const unique = () => randomBytes(4).toString("hex");
const newUser = (overrides: Partial<CreateUserInput> = {}): CreateUserInput => ({
  name: `Person ${unique()}`,
  email: `person.${unique()}@example.test`,
  role: "qa",
  teamIds: [],
  password: "correct horse battery",
  ...overrides,
});

async function footprint() {
  return { users: await countRows("users"), links: await countRows("team_members"), audit: await countRows("audit_log") };
}


describe("createUser", () => {
  it("creates an agent in their team and records who did it", async () => {
    const admin = await seedUser("admin");
    const team = await seedTeam();
    const input = newUser({ role: "agent", teamIds: [team.id] });
    const { id } = await createUser(db(), admin, input);

    expect(await getUser(db(), admin, id)).toEqual({
      id,
      name: input.name,
      email: input.email,
      role: "agent",
      active: true,
      teams: [{ id: team.id, name: team.name, kind: "agent" }],
    });
    const audit = await db().selectFrom("audit_log").selectAll().where("entity_id", "=", id).execute();
    expect(audit).toEqual([
      expect.objectContaining({
        actor_id: admin.id,
        action: "user.create",
        entity_type: "user",
        before: null,
        after: { name: input.name, email: input.email, role: "agent", teamIds: [team.id] },
      }),
    ]);
    expect(JSON.stringify(audit)).not.toContain(input.password);
  });

  it("links a supervisor as the lead of every team given", async () => {
    const admin = await seedUser("admin");
    const [a, b] = [await seedTeam(), await seedTeam()];
    const { id } = await createUser(db(), seedData, newUser({ role: "supervisor", teamIds: [a.id, b.id] }));
    const user = await getUser(db(), admin, id);
    expect(user?.teams.map((team) => [team.id, team.kind]).sort()).toEqual(
      [
        [a.id, "supervisor"],
        [b.id, "supervisor"],
      ].sort(),
    );
  });

  it("refuses an email already in use, whatever its case, and writes nothing", async () => {
    const existing = await seedUser("qa");
    const before = await footprint();
    const error = await refusal(createUser(db(), seedData, newUser({ email: existing.email.toUpperCase() })));
    expect(error).toMatchObject({ status: 422, fieldErrors: { email: "Another user has this email" } });
    expect(await footprint()).toEqual(before);
  });

  it("refuses an agent in two teams and writes nothing", async () => {
    const [a, b] = [await seedTeam(), await seedTeam()];
    const before = await footprint();
    const error = await refusal(createUser(db(), seedData, newUser({ role: "agent", teamIds: [a.id, b.id] })));
    expect(error.fieldErrors).toEqual({ teamIds: "An agent belongs to one team; choose only one." });
    expect(await footprint()).toEqual(before);
  });

  it("refuses team links for a QA specialist", async () => {
    const team = await seedTeam();
    const error = await refusal(createUser(db(), seedData, newUser({ role: "qa", teamIds: [team.id] })));
    expect(error.fieldErrors).toEqual({ teamIds: "Only agents and supervisors belong to teams." });
  });

  it("rolls the whole user back when a chosen team was deleted meanwhile", async () => {
    const input = newUser({ role: "agent", teamIds: ["00000000-0000-4000-8000-000000000000"] });
    const before = await footprint();
    const error = await refusal(createUser(db(), seedData, input));
    expect(error.fieldErrors).toEqual({ teamIds: "Unknown team" });
    expect(await footprint()).toEqual(before);
    const row = await db().selectFrom("users").select("id").where("email", "=", input.email).executeTakeFirst();
    expect(row).toBeUndefined();
  });
});
