/**
 * The report rows migration on a database that already holds evaluations (issue 14 §1): every
 * submitted review's current revision gets its per-question results and report rows, and the
 * roll-ups are built from them; a void review, a self evaluation and a draft count for nothing.
 * Rows are written with SQL against the schema as it was before the migration.
 */
import { Migrator, sql, type Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { questionKey } from "../app/modules/reports/question-results";
import type { ScoringQuestion } from "../app/modules/scorecards/scorecard-definition.schema";
import { migrationProvider } from "../migrations/index";
import { createDb } from "./client";
import { createDatabase, dropDatabase, uniqueDatabaseName } from "./scratch-database";

const BEFORE = "20261213T100000-acknowledgements";
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

// "why" is shown only when "solved" is no; "tone" is a 1–4 scale that allows N/A.
const definition = {
  passMark: 80,
  sections: [
    {
      id: "s",
      title: "S",
      weight: 1,
      questions: [
        { id: "solved", kind: "binary", prompt: "Solved", weight: 2, allowNa: false, critical: "all" },
        { id: "why", kind: "binary", prompt: "Explained why not", weight: 1, allowNa: false, critical: null, showIf: { questionId: "solved", equals: [false] } },
        { id: "tone", kind: "scale", prompt: "Tone", min: 1, max: 4, weight: 1, allowNa: true, critical: null },
        { id: "note", kind: "text", prompt: "Note" },
      ],
    },
  ],
};

async function insert(table: string, values: Record<string, unknown>): Promise<string> {
  const row: { id: string } = await db.insertInto(table).values(values).returning("id").executeTakeFirstOrThrow();
  return row.id;
}

describe("migration 20261214T120000-report-rows-and-rollups", () => {
  it("backfills the question results of current revisions and builds the roll-ups from them", async () => {
    const user = (role: string, label: string) => insert("users", { email: `${label}@example.test`, name: label, role, password_hash: "x" });
    const agent = await user("agent", "agent");
    const reviewer = await user("qa", "reviewer");
    const interaction = await insert("interactions", { channel: "call", source: "t", external_id: "e1", agent_id: agent, started_at: new Date("2026-12-01T08:00:00Z"), duration_ms: 1000 });
    const scorecard = await insert("scorecards", { name: "Old card" });
    const version = await insert("scorecard_versions", { scorecard_id: scorecard, version: 1, status: "published", definition: JSON.stringify(definition), published_at: new Date() });
    const submittedAt = new Date("2026-12-02T09:30:00Z");
    async function submitted(answers: object, score: number, extra: Record<string, unknown> = {}): Promise<string> {
      const id = await insert("evaluations", { interaction_id: interaction, scorecard_id: scorecard, scorecard_version_id: version, reviewer_id: reviewer, answers: JSON.stringify(answers) });
      const revision = await insert("evaluation_revisions", {
        evaluation_id: id,
        sequence: 1,
        cause: "submit",
        answers: JSON.stringify(answers),
        score,
        passed: score >= 80,
        auto_failed: false,
        scorecard_version_id: version,
        actor_id: reviewer,
      });
      await db.updateTable("evaluations").set({ status: "submitted", submitted_at: submittedAt, score, passed: score >= 80, current_revision_id: revision, ...extra }).where("id", "=", id).execute();
      return id;
    }
    // solved yes (why hidden, its stale answer ignored), tone 3 of 1–4 → 2/3 → 0.666667.
    const counted = await submitted({ solved: { value: true }, why: { value: true }, tone: { value: 3 }, note: { value: "ok" } }, 91.7);
    // tone N/A.
    const second = await submitted({ solved: { value: true }, tone: { na: true } }, 100, { released_at: submittedAt });
    const voided = await submitted({ solved: { value: true }, tone: { value: 1 } }, 66.7, { status: "void", voided_at: submittedAt, voided_by: reviewer, void_reason: "wrong call" });
    const self = await submitted({ solved: { value: true }, tone: { value: 4 } }, 100, { kind: "self" });

    const { error } = await new Migrator({ db, provider: migrationProvider }).migrateToLatest();
    expect(error).toBeUndefined();

    const results = await sql<{ evaluation_id: string; question_id: string; q: string | null; na: boolean }>`
      SELECT evaluation_id, question_id, q::text, na FROM report_question_results ORDER BY evaluation_id = ${counted} DESC, question_id`.execute(db);
    expect(results.rows).toEqual([
      { evaluation_id: counted, question_id: "solved", q: "1.000000", na: false },
      { evaluation_id: counted, question_id: "tone", q: "0.666667", na: false },
      { evaluation_id: second, question_id: "solved", q: "1.000000", na: false },
      { evaluation_id: second, question_id: "tone", q: null, na: true },
    ]);
    // The void and the self evaluation keep their revision results but count nowhere.
    const kept = await sql<{ n: number }>`SELECT count(*)::int AS n FROM revision_question_results x JOIN evaluations e ON e.current_revision_id = x.revision_id WHERE e.id IN (${voided}, ${self})`.execute(db);
    expect(kept.rows).toEqual([{ n: 4 }]);
    const daily = await sql`SELECT conversation_day::text AS day, released, n, sum_score::text AS sum FROM rollup_daily ORDER BY released`.execute(db);
    expect(daily.rows).toEqual([
      { day: "2026-12-01", released: false, n: 1, sum: "91.7" },
      { day: "2026-12-01", released: true, n: 1, sum: "100.0" },
    ]);
    // The same key as appendRevision writes from now on: the migration's frozen copy agrees.
    const toneKey = questionKey({ id: "tone", kind: "scale", prompt: "Tone", min: 1, max: 4, weight: 1, allowNa: true, critical: null } as ScoringQuestion);
    const tone = await sql`SELECT sum(n)::int AS n, sum(na)::int AS na, sum(sum_q)::text AS sum FROM rollup_monthly_questions WHERE question_key = ${toneKey}`.execute(db);
    expect(tone.rows).toEqual([{ n: 2, na: 1, sum: "0.666667" }]);
  });
});
