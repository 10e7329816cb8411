import { sql, type Kysely } from "kysely";
import { dimsSelect, emptiedKeysStatement, rebuildStatement, rollups, upkeepStatement } from "./20261216T130000-report-rollups-at-scale";

// report_question_results becomes a view: each counting evaluation's row (report_evaluations,
// which carries every dimension) joined to its current revision's question results
// (revision_question_results, immutable, keyed by revision). The table copied the same eleven
// dimensions into 20 M rows: the full-scale rebuild spent most of its 10 minutes writing them
// and their four indexes (docs/benchmarks.md, decision 0035), and every submit wrote 20 rows into
// them. The view holds exactly what the table held at every moment — report_evaluations is kept
// in the same transaction — so readers and the roll-ups built from it are unchanged.
// Also: rollup_daily gains a team index (a team's report by agent read it by day range alone).
// Shares 20261216T130000's roll-up generators (both frozen once landed).

const loadIndexes = [
  "CREATE INDEX report_evaluations_review_day ON report_evaluations (review_day)",
  "CREATE INDEX report_evaluations_agent ON report_evaluations (agent_id, conversation_day)",
  "CREATE INDEX report_evaluations_team ON report_evaluations (team_id, conversation_day)",
  "CREATE INDEX report_evaluations_scorecard ON report_evaluations (scorecard_id, conversation_day)",
  "CREATE INDEX rollup_daily_agent ON rollup_daily (agent_id, conversation_day)",
  "CREATE INDEX rollup_daily_team ON rollup_daily (team_id, conversation_day)",
];
const loadIndexNames = loadIndexes.map((statement) => statement.split(" ")[2]);

const refreshFunction = `
  CREATE OR REPLACE FUNCTION report_refresh(target uuid) RETURNS void LANGUAGE plpgsql AS $$
  DECLARE
    counted_before boolean := EXISTS (SELECT 1 FROM report_evaluations WHERE evaluation_id = target);
  BEGIN
    ${rollups.map(upkeepStatement).join("\n")}
    -- Only an evaluation that counted before can empty a key (a first submit cannot).
    IF counted_before THEN
      ${rollups.map(emptiedKeysStatement).join("\n")}
    END IF;
    -- The question rows follow (a view over this row and the revision's results).
    DELETE FROM report_evaluations WHERE evaluation_id = target;
    INSERT INTO report_evaluations SELECT * FROM report_evaluation_source(target);
  END $$`;

const rebuildFunction = `
  CREATE OR REPLACE FUNCTION report_rebuild() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    -- One rebuild at a time, and no upkeep in between: the roll-ups are locked whole.
    LOCK TABLE report_evaluations, ${rollups.map((r) => r.table).join(", ")} IN EXCLUSIVE MODE;
    TRUNCATE report_evaluations, ${rollups.map((r) => r.table).join(", ")};
    SET LOCAL work_mem = '256MB';
    SET LOCAL maintenance_work_mem = '512MB';
    DROP INDEX ${loadIndexNames.join(", ")};
    INSERT INTO report_evaluations
      SELECT e.id, e.current_revision_id, ${dimsSelect}, r.score, r.passed, r.auto_failed
      FROM evaluations e
      JOIN evaluation_revisions r ON r.id = e.current_revision_id
      JOIN interactions i ON i.id = e.interaction_id
      LEFT JOIN organisation o ON true
      WHERE e.kind = 'review' AND e.status = 'submitted';
    ANALYZE report_evaluations;
    ${rollups.map(rebuildStatement).join("\n")}
    ${loadIndexes.join(";\n    ")};
  END $$`;

const questionRowsView = `
  CREATE VIEW report_question_results AS
  SELECT e.evaluation_id, x.question_id, x.question_key, e.revision_id, e.scorecard_id, e.scorecard_version_id, e.agent_id, e.team_id,
    e.channel, e.queue, e.conversation_at, e.conversation_day, e.reviewed_at, e.review_day, e.released,
    x.section_id, x.q, x.weight, x.na, x.critical_failed
  FROM report_evaluations e
  JOIN revision_question_results x ON x.revision_id = e.revision_id`;

// As 20261216T130000 made it: one row per question result, its measures typed as the roll-up's were.
const dailyQuestionsView = `
  CREATE VIEW rollup_daily_questions AS
  SELECT conversation_day, scorecard_id, team_id, channel, queue, agent_id, released, question_key,
    1 AS n, na::int AS na, coalesce(q, 0)::numeric(20, 6) AS sum_q, coalesce(q * q, 0)::numeric(24, 12) AS sum_q_sq,
    coalesce((q >= 0.5)::int, 0) AS passes, critical_failed::int AS critical_fails
  FROM report_question_results`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP VIEW rollup_daily_questions`.execute(db);
  // report_question_source(target) returns rows of the table's type: keep that type as the view's.
  await sql`DROP FUNCTION report_question_source(uuid)`.execute(db);
  await sql`DROP TABLE report_question_results`.execute(db);
  await sql.raw(questionRowsView).execute(db);
  await sql.raw(dailyQuestionsView).execute(db);
  await sql
    .raw(
      `CREATE FUNCTION report_question_source(target uuid) RETURNS SETOF report_question_results LANGUAGE sql STABLE AS $$
        SELECT e.id, x.question_id, x.question_key, e.current_revision_id, ${dimsSelect}, x.section_id, x.q, x.weight, x.na, x.critical_failed
        FROM evaluations e
        JOIN revision_question_results x ON x.revision_id = e.current_revision_id
        JOIN interactions i ON i.id = e.interaction_id
        LEFT JOIN organisation o ON true
        WHERE e.id = target AND e.kind = 'review' AND e.status = 'submitted'
      $$`,
    )
    .execute(db);
  await sql`CREATE INDEX report_evaluations_scorecard ON report_evaluations (scorecard_id, conversation_day)`.execute(db);
  // A team's report by agent reads the agent-level daily roll-up by team (the team page).
  await sql`CREATE INDEX rollup_daily_team ON rollup_daily (team_id, conversation_day)`.execute(db);
  await sql.raw(refreshFunction).execute(db);
  await sql.raw(rebuildFunction).execute(db);
}

// Going back would need the old functions' text and the 20 M-row table rebuilt; restore a backup instead.
export function down(): Promise<void> {
  return Promise.reject(new Error("20261216T130100-report-question-rows-view cannot be undone: restore a backup"));
}
