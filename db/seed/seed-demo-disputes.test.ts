/**
 * The demo's disputes, comment threads and self-evaluations (issue 13 point 11), as the QA lead,
 * the supervisors and the agents find them.
 */
import { describe, expect, it } from "vitest";
import { db } from "../../app/lib/db.server";
import { listDisputes } from "../../app/modules/disputes/list-disputes.server";
import type { Viewer } from "../../app/modules/users/roles";
import { UPHELD_SLUG } from "./demo-disputes";
import { loadDemoViewers, SELF_EVALUATING_TEAM_AGENTS } from "./demo-evaluations";
import { NOW, seedDemoBeforeAll } from "./demo-seed-fixture";
import { demoThreads } from "./demo-threads";

seedDemoBeforeAll();

const SELF_EVALUATIONS = 20;

describe("the demo's disputes, threads and self-evaluations", () => {
  it("gives the QA lead's dispute queue three active disputes (one overdue, one in review) and two decided, the upheld one with its revision", async () => {
    const viewers = await loadDemoViewers(db());
    const lead = viewers.get("leah.morgan") as Viewer;
    const { items } = await listDisputes(db(), lead, { status: "all", overdueOnly: false, limit: 50, now: NOW });
    expect(items.map((item) => [item.agentName, item.state, item.overdue]).sort()).toEqual([
      ["Diego Alvarez", "upheld", false],
      ["Jamal Wright", "rejected", false],
      ["Marcus Chen", "open", false],
      ["Sofia Rossi", "open", true],
      ["Tom Becker", "in_review", false],
    ]);
    const marcus = items.find((item) => item.agentName === "Marcus Chen");
    expect(marcus?.raisedByName).toBe("Sam Patel");
    const upheld = await db()
      .selectFrom("evaluation_revisions")
      .innerJoin("evaluations", "evaluations.id", "evaluation_revisions.evaluation_id")
      .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
      .select(["evaluation_revisions.sequence", "evaluation_revisions.cause", "evaluation_revisions.score", "evaluations.current_revision_id", "evaluation_revisions.id"])
      .where("interactions.external_id", "=", UPHELD_SLUG)
      .orderBy("evaluation_revisions.sequence")
      .execute();
    expect(upheld.map((r) => [r.sequence, r.cause])).toEqual([
      [1, "submit"],
      [2, "dispute"],
    ]);
    expect(upheld[1]?.score as number).toBeGreaterThan(upheld[0]?.score as number);
    expect(upheld[1]?.current_revision_id).toBe(upheld[1]?.id);
    // Sam Patel sees his teams' disputes only: Billing and Retention, not Sofia's (Technical Support).
    const sam = await listDisputes(db(), viewers.get("sam.patel") as Viewer, { status: "all", overdueOnly: false, limit: 50, now: NOW });
    expect(sam.items.map((item) => item.agentName).sort()).toEqual(["Diego Alvarez", "Jamal Wright", "Marcus Chen", "Tom Becker"]);
  });

  it("puts comment threads on six reviews: the agent asks, the reviewer answers, a supervisor or the lead joins in", async () => {
    const threads = await db()
      .selectFrom("evaluation_comments")
      .innerJoin("evaluations", "evaluations.id", "evaluation_comments.evaluation_id")
      .innerJoin("interactions", "interactions.id", "evaluations.interaction_id")
      .select(["interactions.external_id", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("interactions.external_id")
      .execute();
    expect(Object.fromEntries(threads.map((t) => [t.external_id, Number(t.n)]))).toEqual(
      Object.fromEntries(demoThreads.map((thread) => [thread.slug, thread.comments.length])),
    );
    expect(threads).toHaveLength(6);
    // Tom's question reached his reviewer; Sam's reply reached Tom.
    const viewers = await loadDemoViewers(db());
    const told = await db()
      .selectFrom("notifications")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("recipient_id", "=", (viewers.get("tom.becker") as Viewer).id)
      .where("kind", "=", "comment_added")
      .executeTakeFirstOrThrow();
    expect(Number(told.n)).toBe(2);
  });

  it("has Technical Support's agents self-evaluate every call of the last six weeks before it was reviewed, a step kinder than their reviewers", async () => {
    const rows = await db()
      .selectFrom("evaluations as self")
      .innerJoin("interactions", "interactions.id", "self.interaction_id")
      .innerJoin("users", "users.id", "interactions.agent_id")
      .innerJoin("evaluations as review", (join) => join.onRef("review.interaction_id", "=", "self.interaction_id").on("review.kind", "=", "review"))
      .select(["users.email", "self.score as selfScore", "review.score as reviewScore", "self.submitted_at as selfAt", "review.submitted_at as reviewAt", "self.released_at"])
      .where("self.kind", "=", "self")
      .execute();
    expect(rows.length).toBe(SELF_EVALUATIONS);
    expect(new Set(rows.map((row) => row.email.split("@")[0])).size).toBeLessThanOrEqual(4);
    for (const row of rows) {
      expect(SELF_EVALUATING_TEAM_AGENTS).toContain(row.email.split("@")[0]);
      expect((row.selfAt as Date) < (row.reviewAt as Date)).toBe(true);
      expect(row.released_at).toBeNull();
      expect(row.selfScore as number).toBeGreaterThanOrEqual(row.reviewScore as number);
    }
  });
});
