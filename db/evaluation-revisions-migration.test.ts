/**
 * The revisions migration on a database that already holds evaluations (issue 13 §1): every
 * evaluation submitted before it gets its `submit` revision — the row's answers and score, the
 * submitter from its audit entry (else the reviewer), the submit time — and becomes current;
 * drafts get none. Rows are written with SQL against the schema as it was before the migration.
 */
import { Migrator, sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { migrationProvider } from "../migrations/index";
import { createDb } from "./client";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "./scratch-database";

const BEFORE = "20261212T050000-audit-system-actor";
const serverUrl = inject("pgServerUrl");
const name = uniqueDatabaseName("parley_mig");
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the schema of an earlier migration, not of db/types.generated.ts
let db: Kysely<any>;

beforeAll(async () => {
  db = createDb({ connectionString: await createDatabase(serverUrl, name), max: 2 });
  const { error } = await new Migrator({ db, provider: migrationProvider }).migrateTo(BEFORE);
  if (error) throw error as Error;
});

afterAll(async () => {
  await db.destroy();
  await dropDatabase(serverUrl, name);
});

const definition = {
  passMark: 80,
  sections: [{ id: "s", title: "S", weight: 1, questions: [{ id: "q", kind: "binary", prompt: "Greeted", weight: 1, allowNa: false, critical: null }] }],
};

async function insert(table: string, values: Record<string, unknown>): Promise<string> {
  const row: { id: string } = await db.insertInto(table).values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

describe("migration 20261213T090000-evaluation-revisions", () => {
  it("gives each evaluation submitted before it one `submit` revision, current, and drafts none", async () => {
    const user = (role: string, label: string) => insert("users", { email: `${label}@example.test`, name: label, role, password_hash: "x" });
    const agent = await user("agent", "agent");
    const reviewer = await user("qa", "reviewer");
    const lead = await user("qa_lead", "lead");
    const interaction = await insert("interactions", { channel: "chat", source: "t", external_id: "e1", agent_id: agent, started_at: new Date(), duration_ms: 1000 });
    const scorecard = await insert("scorecards", { name: "Old card" });
    const version = await insert("scorecard_versions", { scorecard_id: scorecard, version: 1, status: "published", definition: JSON.stringify(definition), published_at: new Date() });
    const base = { interaction_id: interaction, scorecard_id: scorecard, scorecard_version_id: version, reviewer_id: reviewer };
    const submittedAt = new Date("2026-12-01T09:30:00Z");
    // Submitted by the lead (as the audit entry says), a second one without any audit entry, and a draft.
    const audited = await insert("evaluations", { ...base, status: "submitted", answers: JSON.stringify({ q: { value: true } }), score: 100, passed: true, submitted_at: submittedAt });
    const unaudited = await insert("evaluations", { ...base, status: "submitted", answers: JSON.stringify({ q: { value: false } }), score: 0, passed: false, auto_failed: false, submitted_at: submittedAt });
    const draft = await insert("evaluations", { ...base, reviewer_id: lead, answers: JSON.stringify({ q: { value: true } }) });
    await db.insertInto("audit_log").values({ actor_id: lead, action: "evaluation.submit", entity_type: "evaluation", entity_id: audited }).execute();

    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    expect(error).toBeUndefined();

    const revisions = await db
      .selectFrom("evaluation_revisions")
      .select(["id", "evaluation_id", "sequence", "cause", "answers", "score", "passed", "auto_failed", "scorecard_version_id", "actor_id", "reason", "created_at"])
      .orderBy("score", "desc")
      .execute();
    expect(revisions).toEqual([
      expect.objectContaining({ evaluation_id: audited, sequence: 1, cause: "submit", answers: { q: { value: true } }, score: 100, passed: true, auto_failed: false, scorecard_version_id: version, actor_id: lead, reason: null, created_at: submittedAt }),
      expect.objectContaining({ evaluation_id: unaudited, sequence: 1, cause: "submit", answers: { q: { value: false } }, score: 0, passed: false, actor_id: reviewer, created_at: submittedAt }),
    ]);
    const current = await db.selectFrom("evaluations").select(["id", "current_revision_id"]).orderBy("submitted_at").orderBy("id").execute();
    const byId = new Map(current.map((row: { id: string; current_revision_id: string | null }) => [row.id, row.current_revision_id]));
    expect(byId.get(audited)).toBe(revisions[0]?.id);
    expect(byId.get(unaudited)).toBe(revisions[1]?.id);
    expect(byId.get(draft)).toBeNull();

    // From now on the database refuses a submitted evaluation without a revision, and any rewrite of one.
    await expect(sql`UPDATE evaluations SET current_revision_id = NULL WHERE id = ${audited}`.execute(db)).rejects.toThrow("evaluations_current_revision_check");
    await expect(sql`UPDATE evaluation_revisions SET score = 50`.execute(db)).rejects.toThrow("evaluation revisions are immutable");
    await expect(sql`DELETE FROM evaluation_revisions`.execute(db)).rejects.toThrow("evaluation revisions are immutable");
  });
});
