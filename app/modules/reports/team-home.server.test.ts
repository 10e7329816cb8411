/** The homes' report parts against the team page's fixture (test/team-report-fixtures.ts). */
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { teamReportWorld } from "../../../test/team-report-fixtures";
import { loadTeamHome } from "./team-home.server";

// The default range (the last 12 weeks to this day) covers November 2026.
const clock = { now: new Date("2026-12-01T09:00:00Z"), timeZone: "UTC" };

describe("the homes' report parts", () => {
  it("gives a supervisor their team's headline and an agent their own released figures", async () => {
    const f = await teamReportWorld();
    const supervisor = await loadTeamHome(db(), f.supervisorA, clock);
    expect(supervisor).toMatchObject({ kind: "supervisor", team: { id: f.teamA.id }, n: 10, agents: 4, unranked: 1 });
    expect(supervisor?.mean).toBeCloseTo(64.69, 4);
    expect(supervisor?.kind === "supervisor" ? supervisor.high : null).toBeCloseTo(86.9708, 4);

    const agent = await loadTeamHome(db(), f.a1, clock);
    expect(agent).toMatchObject({ kind: "agent", n: 2, weakest: null });
    expect(agent?.mean).toBeCloseTo(93.75, 4);
    expect(agent?.kind === "agent" ? agent.teamMean : null).toBeCloseTo(66.88, 4);
    expect(await loadTeamHome(db(), f.qa, clock)).toBeNull();
  });
});
