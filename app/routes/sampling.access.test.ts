/**
 * Who may open the sampling pages, as Remix calls their loaders and actions with a real
 * session and CSRF token on real PostgreSQL: QA leads and admins; everybody else gets 403.
 */
import { describe, expect, it } from "vitest";
import { seedUser } from "../../test/factories";
import { getRequest, postRequest, thrown } from "../../test/route-requests";
import { assignmentsOfScorecard, recentWorld, ruleFields } from "../../test/sampling-fixtures";
import { action as editAction, loader as editLoader } from "./sampling.$ruleId";
import { loader as coverageLoader } from "./sampling.coverage";
import { loader as listLoader } from "./sampling._index";
import { action as newAction, loader as newLoader } from "./sampling.new";

describe("access to the sampling pages", () => {
  it("answers 403 to QA specialists, supervisors and agents, on every page and action", async () => {
    const world = await recentWorld({ agents: 1, perAgent: 1 });
    const rule = await world.recentRule();
    for (const role of ["qa", "supervisor", "agent"] as const) {
      const user = await seedUser(role);
      const pages = [
        async () => listLoader({ request: await getRequest(user, "/sampling"), params: {}, context: {} }),
        async () => newLoader({ request: await getRequest(user, "/sampling/new"), params: {}, context: {} }),
        async () => editLoader({ request: await getRequest(user, `/sampling/${rule.id}`), params: { ruleId: rule.id }, context: {} }),
        async () => coverageLoader({ request: await getRequest(user, "/sampling/coverage"), params: {}, context: {} }),
        async () => newAction({ request: await postRequest(user, "/sampling/new", ruleFields(world)), params: {}, context: {} }),
        async () =>
          editAction({ request: await postRequest(user, `/sampling/${rule.id}`, { intent: "run" }), params: { ruleId: rule.id }, context: {} }),
      ];
      for (const page of pages) expect((await thrown(page)).status).toBe(403);
    }
    expect(await assignmentsOfScorecard(world.scorecard.id)).toEqual([]);
  });

  it("lets a QA lead and an admin in", async () => {
    await recentWorld({ agents: 1, perAgent: 0 });
    for (const role of ["qa_lead", "admin"] as const) {
      const user = await seedUser(role);
      const data = await newLoader({ request: await getRequest(user, "/sampling/new"), params: {}, context: {} });
      expect(data.choices.scorecards.length).toBeGreaterThan(0);
    }
  });
});
