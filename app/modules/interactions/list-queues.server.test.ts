/**
 * The queue choices of the sampling rule form on real PostgreSQL: every distinct queue, from
 * teams and from agents without a team, read by probing interactions_team_queue_idx rather
 * than by reading every interaction (at ten million rows a DISTINCT over the table takes
 * seconds on each load of the form).
 */
import { CompiledQuery, sql } from "kysely";
import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { insertInteractionRows, seedTeam, seedUser } from "../../../test/factories";
import { loadRuleFormOptions } from "../sampling/rule-form-options.server";
import { listAllQueues, looseQueueScan } from "./list-queues.server";
import { seedData } from "../access/actor";

interface PlanNode {
  "Node Type"?: string;
  "Relation Name"?: string;
  "Index Name"?: string;
  Plans?: PlanNode[];
  Plan?: PlanNode;
}

/** How the plan reads `interactions`: index names, or "seq scan" for the table itself. */
function interactionReads(plan: unknown): string[] {
  const found: string[] = [];
  const visit = (node: PlanNode) => {
    if (node["Relation Name"] === "interactions") found.push(node["Node Type"] === "Seq Scan" ? "seq scan" : (node["Index Name"] ?? node["Node Type"] ?? ""));
    if (node.Plan) visit(node.Plan);
    node.Plans?.forEach(visit);
  };
  (Array.isArray(plan) ? (plan as PlanNode[]) : []).forEach(visit);
  return found;
}

describe("listAllQueues", () => {
  it("returns each queue once, in order, from every team and from agents without a team", async () => {
    expect(await listAllQueues(db())).toEqual([]);
    const [north, south] = [await seedTeam(), await seedTeam()];
    const [ada, cy, solo] = [await seedUser("agent", [north.id]), await seedUser("agent", [south.id]), await seedUser("agent")];
    const at = new Date("2026-11-10T10:00:00.000Z");
    await insertInteractionRows([
      { agentId: ada.id, teamId: north.id, startedAt: at, queue: "billing" },
      { agentId: ada.id, teamId: north.id, startedAt: at, queue: "billing" },
      { agentId: ada.id, teamId: north.id, startedAt: at, queue: "retention" },
      { agentId: ada.id, teamId: north.id, startedAt: at, queue: null },
      { agentId: cy.id, teamId: south.id, startedAt: at, queue: "billing" },
      { agentId: cy.id, teamId: south.id, startedAt: at, queue: "Accounts" },
      { agentId: solo.id, startedAt: at, queue: "walk-in" },
      { agentId: solo.id, startedAt: at, queue: null },
    ]);

    const queues = await listAllQueues(db());
    expect([...queues].sort()).toEqual(["Accounts", "billing", "retention", "walk-in"]);
    // Ordered as PostgreSQL orders text (its collation), the way the old DISTINCT … ORDER BY did.
    const { rows } = await sql<{ queue: string }>`select distinct queue from interactions where queue is not null order by queue`.execute(db());
    expect(queues).toEqual(rows.map((row) => row.queue));
    expect((await loadRuleFormOptions(db(), seedData)).queues).toEqual(queues);
  });

  it("reads interactions through index probes, never the table", async () => {
    const compiled = looseQueueScan(null).compile(db());
    const reads = await db()
      .transaction()
      .execute(async (trx) => {
        await sql`set local enable_seqscan = off`.execute(trx);
        const result = await trx.executeQuery<{ "QUERY PLAN": unknown }>(CompiledQuery.raw(`explain (format json) ${compiled.sql}`, [...compiled.parameters]));
        return interactionReads(result.rows[0]?.["QUERY PLAN"]);
      });
    expect(reads, JSON.stringify(reads)).toContain("interactions_team_queue_idx");
    // On a tiny table the probe for agents without a team may pick the other index on team_id.
    expect(reads.every((read) => /^interactions_team_(queue|started)_idx$/.test(read)), JSON.stringify(reads)).toBe(true);
  });
});
