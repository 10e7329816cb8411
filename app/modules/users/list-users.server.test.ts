import { randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { seedTeam, seedUser } from "../../../test/factories";
import { createUser } from "./create-user.server";
import { listUsers, type UserListQuery } from "./list-users.server";
import type { Role, Viewer } from "./roles";
import { setUserActive } from "./update-user.server";
import { seedData } from "../access/actor";

/** Users whose names share a marker no other test uses, so searches see only them. */
async function cohort(people: Array<{ name: string; role?: Role; active?: boolean; email?: string }>) {
  const marker = randomBytes(4).toString("hex");
  const admin = await seedUser("admin");
  const users: Array<{ id: string; name: string }> = [];
  for (const [index, person] of people.entries()) {
    const name = `${person.name} ${marker}`;
    const { id } = await createUser(db(), seedData, {
      name,
      email: person.email ?? `${marker}.${index}@example.test`,
      role: person.role ?? "qa",
      teamIds: [],
      password: "correct horse battery",
    });
    if (person.active === false) await setUserActive(db(), admin, id, false);
    users.push({ id, name });
  }
  return { marker, users };
}

/** The admin list reads every account; what a QA lead's narrower list gets is in the access table. */
let reader: Viewer;
beforeAll(async () => {
  reader = await seedUser("admin");
});

const namesOf = async (query: UserListQuery) => (await listUsers(db(), reader, query)).users.map((user) => user.name);

describe("listUsers", () => {
  it("finds users by part of their name or email, ignoring case", async () => {
    const { marker } = await cohort([{ name: "Dana Reyes" }, { name: "Marcus Chen", email: "mchen.billing@example.test" }, { name: "Priya N" }]);
    expect(await namesOf({ search: `REYES ${marker}`, status: "all", limit: 10 })).toEqual([`Dana Reyes ${marker}`]);
    expect(await namesOf({ search: "MCHEN.BILLING", status: "all", limit: 10 })).toEqual([`Marcus Chen ${marker}`]);
  });

  it("treats % and _ in a search as plain characters", async () => {
    const { marker } = await cohort([{ name: "Ann 100%" }, { name: "Ann 1000" }, { name: "Bo_b" }, { name: "Boxb" }]);
    expect(await namesOf({ search: `100% ${marker}`, status: "all", limit: 10 })).toEqual([`Ann 100% ${marker}`]);
    expect(await namesOf({ search: `Bo_b ${marker}`, status: "all", limit: 10 })).toEqual([`Bo_b ${marker}`]);
  });

  it("filters by role and by active or inactive status", async () => {
    const { marker } = await cohort([
      { name: "A Agent", role: "agent" },
      { name: "B Agent", role: "agent", active: false },
      { name: "C Qa", role: "qa" },
    ]);
    expect(await namesOf({ search: marker, role: "agent", status: "all", limit: 10 })).toEqual([`A Agent ${marker}`, `B Agent ${marker}`]);
    expect(await namesOf({ search: marker, role: "agent", status: "active", limit: 10 })).toEqual([`A Agent ${marker}`]);
    expect(await namesOf({ search: marker, status: "inactive", limit: 10 })).toEqual([`B Agent ${marker}`]);
    expect(await namesOf({ search: marker, status: "active", limit: 10 })).toEqual([`A Agent ${marker}`, `C Qa ${marker}`]);
  });

  it("pages by name through every user exactly once, even when names repeat", async () => {
    const { marker, users } = await cohort([
      { name: "Sam" },
      { name: "Alex" },
      { name: "Sam" },
      { name: "Kim" },
      { name: "Sam" },
      { name: "Alex" },
      { name: "Bea" },
    ]);
    const expected = [...users].sort((a, b) => (a.name === b.name ? (a.id < b.id ? -1 : 1) : a.name < b.name ? -1 : 1)).map((u) => u.id);

    const seen: string[] = [];
    let after: UserListQuery["after"];
    for (let page = 0; page < 10; page++) {
      const result = await listUsers(db(), reader, { search: marker, status: "all", limit: 2, after });
      seen.push(...result.users.map((user) => user.id));
      const last = result.users.at(-1);
      if (!result.hasMore || !last) break;
      after = { name: last.name, id: last.id };
    }
    expect(seen).toEqual(expected);
  });

  it("says there are no more when the page is exactly full", async () => {
    const { marker } = await cohort([{ name: "One" }, { name: "Two" }]);
    expect((await listUsers(db(), reader, { search: marker, status: "all", limit: 2 })).hasMore).toBe(false);
    expect((await listUsers(db(), reader, { search: marker, status: "all", limit: 1 })).hasMore).toBe(true);
  });

  it("shows each user's teams with how they belong", async () => {
    const team = await seedTeam();
    const supervisor = await seedUser("supervisor", [team.id]);
    const { users } = await listUsers(db(), reader, { search: supervisor.email, status: "all", limit: 5 });
    expect(users).toEqual([
      {
        id: supervisor.id,
        name: supervisor.name,
        email: supervisor.email,
        role: "supervisor",
        active: true,
        teams: [{ id: team.id, name: team.name, kind: "supervisor" }],
      },
    ]);
  });
});
