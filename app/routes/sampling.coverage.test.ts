/**
 * The coverage page on real PostgreSQL: per agent for a rule and a day, least covered first;
 * the first rule and today by default; 400 for a bad date and 404 for an unknown rule.
 */
import { describe, expect, it } from "vitest";
import { db } from "../lib/db.server";
import { getOrganisation } from "../modules/users/get-organisation.server";
import { formatLocalDate, localDateOf } from "../lib/time";
import { getRequest, postRequest, thrown } from "../../test/route-requests";
import { recentWorld, UNKNOWN_ID } from "../../test/sampling-fixtures";
import { action as editAction } from "./sampling.$ruleId";
import { loader as coverageLoader } from "./sampling.coverage";

describe("coverage", () => {
  it("reports per agent for a rule and a day, least covered first", async () => {
    const world = await recentWorld({ agents: 2, perAgent: 5 });
    const rule = await world.recentRule();
    const { timeZone } = await getOrganisation(db());
    const today = formatLocalDate(localDateOf(new Date(), timeZone));
    const path = `/sampling/coverage?rule=${rule.id}&asOf=${today}`;

    const before = await coverageLoader({ request: await getRequest(world.lead, path), params: {}, context: {} });
    expect(before).toMatchObject({ ruleId: rule.id, asOf: today });
    expect(before.report?.totals).toEqual({ matched: 10, reviewed: 0, open: 0, wanted: 4, underSampled: 2 });
    expect(before.report?.agents.every((agent) => agent.underSampled && agent.coverageText === "0%")).toBe(true);

    await thrown(async () =>
      editAction({ request: await postRequest(world.lead, `/sampling/${rule.id}`, { intent: "run" }), params: { ruleId: rule.id }, context: {} }),
    );
    const after = await coverageLoader({ request: await getRequest(world.lead, path), params: {}, context: {} });
    expect(after.report?.totals).toMatchObject({ open: 4, reviewed: 0, underSampled: 2 });
  });

  it("defaults to the first rule and today, and answers 400 for a bad date and 404 for an unknown rule", async () => {
    const world = await recentWorld({ agents: 1, perAgent: 1 });
    await world.recentRule();
    const lead = world.lead;
    const plain = await coverageLoader({ request: await getRequest(lead, "/sampling/coverage"), params: {}, context: {} });
    expect(plain.ruleId).toBe(plain.rules[0]?.id);
    expect(plain.report).not.toBeNull();

    const bad = await thrown(async () => coverageLoader({ request: await getRequest(lead, "/sampling/coverage?asOf=2026-02-30"), params: {}, context: {} }));
    expect(bad).toMatchObject({ status: 400, message: "As of: use a real date like 2026-11-24" });
    const unknown = await thrown(async () => coverageLoader({ request: await getRequest(lead, `/sampling/coverage?rule=${UNKNOWN_ID}`), params: {}, context: {} }));
    expect(unknown.status).toBe(404);
  });
});
