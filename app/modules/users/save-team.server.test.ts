import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { DomainError } from "../../lib/errors";
import { refusal } from "../../../test/refusal";
import { db } from "../../lib/db.server";
import { countRows, seedUser } from "../../../test/factories";
import { createTeam, renameTeam } from "./save-team.server";

const teamName = () => `Team ${randomBytes(4).toString("hex")}`;


const nameOf = async (id: string) => (await db().selectFrom("teams").select("name").where("id", "=", id).executeTakeFirstOrThrow()).name;

describe("createTeam", () => {
  it("creates a team and audits it", async () => {
    const admin = await seedUser("admin");
    const name = teamName();
    const { id } = await createTeam(db(), admin, name);
    expect(await nameOf(id)).toBe(name);
    const audit = await db().selectFrom("audit_log").select(["actor_id", "action", "after"]).where("entity_id", "=", id).execute();
    expect(audit).toEqual([{ actor_id: admin.id, action: "team.create", after: { name } }]);
  });

  it("refuses a name already taken, whatever its case, and writes nothing", async () => {
    const admin = await seedUser("admin");
    const name = teamName();
    await createTeam(db(), admin, name);
    const [teams, audit] = [await countRows("teams"), await countRows("audit_log")];
    const error = await refusal(createTeam(db(), admin, name.toUpperCase()));
    expect(error).toMatchObject({ status: 422, fieldErrors: { name: "Choose another name" } });
    expect(await countRows("teams")).toBe(teams);
    expect(await countRows("audit_log")).toBe(audit);
  });
});

describe("renameTeam", () => {
  it("renames a team and audits the old and new name", async () => {
    const admin = await seedUser("admin");
    const [from, to] = [teamName(), teamName()];
    const { id } = await createTeam(db(), admin, from);
    await renameTeam(db(), admin, id, to);
    expect(await nameOf(id)).toBe(to);
    const audit = await db()
      .selectFrom("audit_log")
      .select(["action", "before", "after"])
      .where("entity_id", "=", id)
      .where("action", "=", "team.rename")
      .execute();
    expect(audit).toEqual([{ action: "team.rename", before: { name: from }, after: { name: to } }]);
  });

  it("lets a team change the case of its own name", async () => {
    const admin = await seedUser("admin");
    const name = teamName();
    const { id } = await createTeam(db(), admin, name);
    await renameTeam(db(), admin, id, name.toLowerCase());
    expect(await nameOf(id)).toBe(name.toLowerCase());
  });

  it("refuses the name of another team", async () => {
    const admin = await seedUser("admin");
    const [a, b] = [teamName(), teamName()];
    await createTeam(db(), admin, a);
    const { id } = await createTeam(db(), admin, b);
    const error = await refusal(renameTeam(db(), admin, id, a));
    expect(error.fieldErrors).toEqual({ name: "Choose another name" });
    expect(await nameOf(id)).toBe(b);
  });

  it("answers 404 for a team that does not exist", async () => {
    const admin = await seedUser("admin");
    const error = await refusal(renameTeam(db(), admin, "00000000-0000-4000-8000-000000000000", teamName()));
    expect(error.status).toBe(404);
  });
});

describe("createTeam under concurrency", () => {
  it("answers the same field message to the loser of two simultaneous creates of one name", async () => {
    const admin = await seedUser("admin");
    const name = teamName();
    const results = await Promise.allSettled([createTeam(db(), admin, name), createTeam(db(), admin, name.toUpperCase())]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    const loser = results.find((r) => r.status === "rejected");
    expect(loser?.status === "rejected" && loser.reason instanceof DomainError && loser.reason.fieldErrors.name).toBe(
      "Choose another name",
    );
  });
});
