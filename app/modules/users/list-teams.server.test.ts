import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { seedTeam, seedUser } from "../../../test/factories";
import { createUser } from "./create-user.server";
import { listTeams } from "./list-teams.server";
import { setUserActive } from "./update-user.server";
import { seedData } from "../access/actor";

describe("listTeams", () => {
  it("counts each team's active agents and names its supervisors alphabetically", async () => {
    const admin = await seedUser("admin");
    const billing = await seedTeam("Billing");
    const support = await seedTeam("Support");
    const empty = await seedTeam("Empty");
    await seedUser("agent", [billing.id]);
    await seedUser("agent", [billing.id]);
    const leaver = await seedUser("agent", [billing.id]);
    await setUserActive(db(), admin, leaver.id, false);
    await seedUser("agent", [support.id]);
    const password = "correct horse battery";
    await createUser(db(), seedData, { name: "Zoe Lead", email: "zoe@example.test", role: "supervisor", teamIds: [billing.id, support.id], password });
    await createUser(db(), seedData, { name: "Adam Lead", email: "adam@example.test", role: "supervisor", teamIds: [billing.id], password });

    expect(await listTeams(db(), admin)).toEqual([
      { id: billing.id, name: "Billing", agentCount: 2, supervisors: ["Adam Lead", "Zoe Lead"] },
      { id: empty.id, name: "Empty", agentCount: 0, supervisors: [] },
      { id: support.id, name: "Support", agentCount: 1, supervisors: ["Zoe Lead"] },
    ]);
  });
});
