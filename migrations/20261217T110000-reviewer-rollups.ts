import { sql, type Kysely } from "kysely";

// Reviewer roll-ups (docs/decisions/0037): the Reviewers report organisation-wide read 1 M report
// rows joined to evaluations four times over (p95 10 s at full scale). One table,
// rollup_reviewer, keyed by date basis (conversation or review day), grain (day, week, month),
// the period's first day, scorecard and reviewer, holding the quality sums of
// rollup_daily (same scales) and the handling times as counts per whole minute — the median
// cannot come from sums, so it comes from this distribution (times rounded to the nearest
// minute, decision 0037).
//
// Kept by statement-level triggers on report_evaluations with transition tables, so neither
// report_refresh() (per submit: DELETE then INSERT of the evaluation's row) nor report_rebuild()
// (TRUNCATE then one INSERT of every row) changes: a submit upserts its six keys (three grains ×
// two date bases) in key order; a delete takes its rows away and drops the keys whose n fell to
// 0, so incremental upkeep and a rebuild agree exactly. The reviewer, opening and first submit
// come from evaluations (they do not move after the first submit). No `released` in the key: the
// report is for viewers who see every row (QA, leads, admins; decision 0028).
//
// With a team, agent, channel or queue filter the report reads rows, and report_evaluations
// joined to evaluations cost a team's two years 13,000 scattered heap pages and 20,000 index
// probes per statement. report_reviewer_evaluations is the report rows' reviewer columns: one
// narrow row per counting evaluation with its reviewer and handling minute, kept by the same
// triggers, read through covering indexes by team (index-only: a few hundred pages) or agent.

/** The handling time of evaluation `e` in whole minutes, rounded to the nearest: the reviewer rows keep it, the roll-up counts it. */
const handlingMinuteSql = "round(extract(epoch FROM e.submitted_at - e.created_at) / 60)::int";

const measures = ["n", "na", "sum_score", "sum_score_sq", "passes", "auto_fails"];
const key = ["basis", "grain", "period_start", "scorecard_id", "reviewer_id"];

/**
 * The CTEs and INSERT of the signed deltas per key (ON CONFLICT to follow), from `counted` (a CTE of reviewer rows with
 * their sign): each row once per date basis at day grain and minute, folded to week and month,
 * then the minutes gathered into one object per key.
 */
function deltaSelect(): string {
  return `
    day_minutes AS (
      SELECT b.basis, b.day, c.scorecard_id, c.reviewer_id, c.handling_minute AS minute,
        sum(c.sign) AS n, sum(c.sign * (c.score IS NULL)::int) AS na,
        coalesce(sum(c.sign * c.score), 0) AS sum_score, coalesce(sum(c.sign * c.score * c.score), 0) AS sum_score_sq,
        sum(c.sign * c.passed::int) AS passes, sum(c.sign * c.auto_failed::int) AS auto_fails
      FROM counted c CROSS JOIN LATERAL (VALUES ('conversation', c.conversation_day), ('review', c.review_day)) b(basis, day)
      GROUP BY 1, 2, 3, 4, 5
    ),
    grain_minutes AS (
      SELECT d.basis, g.grain, g.period_start, d.scorecard_id, d.reviewer_id, d.minute,
        ${measures.map((m) => `sum(d.${m}) AS ${m}`).join(", ")}
      FROM day_minutes d
      CROSS JOIN LATERAL (VALUES ('day', d.day), ('week', date_trunc('week', d.day)::date), ('month', date_trunc('month', d.day)::date)) g(grain, period_start)
      GROUP BY 1, 2, 3, 4, 5, 6
    )
    INSERT INTO rollup_reviewer (${key.join(", ")}, ${measures.join(", ")}, handling_minutes)
    SELECT ${key.join(", ")}, ${measures.map((m) => `sum(${m})`).join(", ")},
      coalesce(jsonb_object_agg(minute::text, n) FILTER (WHERE n <> 0), '{}'::jsonb)
    FROM grain_minutes
    GROUP BY ${key.map((_, k) => k + 1).join(", ")}
    ORDER BY ${key.map((_, k) => k + 1).join(", ")}`;
}

const onConflict = `
    ON CONFLICT ON CONSTRAINT rollup_reviewer_key DO UPDATE SET
      ${measures.map((m) => `${m} = rollup_reviewer.${m} + excluded.${m}`).join(", ")},
      handling_minutes = reviewer_minutes_add(rollup_reviewer.handling_minutes, excluded.handling_minutes);`;

const reviewerRowColumns = [
  "evaluation_id", "reviewer_id", "scorecard_id", "agent_id", "team_id", "channel", "queue", "conversation_day", "review_day", "released",
  "score", "passed", "auto_failed", "handling_minute",
];
/** The report rows in `transition` with their reviewer and handling minute (from evaluations). */
const reviewerRowsSelect = (transition: string) => `
    SELECT t.evaluation_id, e.reviewer_id, t.scorecard_id, t.agent_id, t.team_id, t.channel, t.queue, t.conversation_day, t.review_day, t.released,
      t.score, t.passed, t.auto_failed, ${handlingMinuteSql}
    FROM ${transition} t JOIN evaluations e ON e.id = t.evaluation_id`;
/** What the team indexes carry besides their key, so a team's report reads the index alone. */
const covered = reviewerRowColumns.filter((column) => !["evaluation_id", "team_id", "conversation_day", "review_day"].includes(column));

/** Secondary indexes of the reviewer rows, built after a bulk load (one sort each). */
const reviewerRowIndexes = [
  ...["conversation_day", "review_day"].map(
    (day) => `CREATE INDEX report_reviewer_evaluations_team_${day} ON report_reviewer_evaluations (team_id, ${day}) INCLUDE (${covered.join(", ")})`,
  ),
  "CREATE INDEX report_reviewer_evaluations_agent ON report_reviewer_evaluations (agent_id, conversation_day)",
];
const reviewerRowIndexNames = reviewerRowIndexes.map((statement) => statement.split(" ")[2]);

/** Everything from the rows in `transition`, into empty tables: load, sum, then index. */
const bulkLoad = (transition: string) => `
    INSERT INTO report_reviewer_evaluations (${reviewerRowColumns.join(", ")}) ${reviewerRowsSelect(transition)};
    WITH counted AS (SELECT 1 AS sign, * FROM report_reviewer_evaluations), ${deltaSelect()};
    ALTER TABLE report_reviewer_evaluations ADD PRIMARY KEY (evaluation_id);
    ${reviewerRowIndexes.join(";\n    ")};`;

// One statement each way: the reviewer rows written (or deleted) and, from what that returns,
// the roll-up's keys upserted — evaluations is joined once, and not at all on the way out.
// A rebuild's one INSERT of every row finds both tables empty (its TRUNCATE emptied them) and
// loads them as the rebuild loads its own: indexes dropped and built after (1 M insertions into
// the covering indexes took minutes).
const insertedFunction = `
  CREATE FUNCTION rollup_reviewer_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    IF NOT EXISTS (SELECT 1 FROM report_reviewer_evaluations) AND (SELECT count(*) FROM new_rows) >= 10000 THEN
      DROP INDEX ${reviewerRowIndexNames.join(", ")};
      ALTER TABLE report_reviewer_evaluations DROP CONSTRAINT report_reviewer_evaluations_pkey;
      ${bulkLoad("new_rows")}
      RETURN NULL;
    END IF;
    WITH counted AS (
      INSERT INTO report_reviewer_evaluations (${reviewerRowColumns.join(", ")}) ${reviewerRowsSelect("new_rows")}
      RETURNING 1 AS sign, *
    ),
    ${deltaSelect()}
    ${onConflict}
    RETURN NULL;
  END $$`;

const deletedFunction = `
  CREATE FUNCTION rollup_reviewer_deleted() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    WITH counted AS (
      DELETE FROM report_reviewer_evaluations r USING old_rows t WHERE r.evaluation_id = t.evaluation_id
      RETURNING -1 AS sign, r.*
    ),
    ${deltaSelect()}
    ${onConflict}
    -- The keys the deleted rows fed whose count fell to zero go (a rebuild would not hold them).
    DELETE FROM rollup_reviewer r
    USING (
      SELECT DISTINCT b.basis, g.grain, g.period_start, t.scorecard_id, e.reviewer_id
      FROM old_rows t JOIN evaluations e ON e.id = t.evaluation_id
      CROSS JOIN LATERAL (VALUES ('conversation', t.conversation_day), ('review', t.review_day)) b(basis, day)
      CROSS JOIN LATERAL (VALUES ('day', b.day), ('week', date_trunc('week', b.day)::date), ('month', date_trunc('month', b.day)::date)) g(grain, period_start)
    ) emptied
    WHERE r.n = 0 AND ${key.map((column) => `r.${column} = emptied.${column}`).join(" AND ")};
    RETURN NULL;
  END $$`;

// Minute → count objects added key by key; a count that reaches 0 goes, so an object is the same
// however it was reached (jsonb orders its keys itself).
const minutesAdd = `
  CREATE FUNCTION reviewer_minutes_add(a jsonb, b jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
    SELECT coalesce(jsonb_object_agg(key, total), '{}'::jsonb)
    FROM (
      SELECT key, sum(value::int) AS total FROM (SELECT * FROM jsonb_each_text(a) UNION ALL SELECT * FROM jsonb_each_text(b)) kv GROUP BY key
    ) s
    WHERE total <> 0
  $$`;

const truncatedFunction = `
  CREATE FUNCTION rollup_reviewer_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    TRUNCATE rollup_reviewer, report_reviewer_evaluations;
    RETURN NULL;
  END $$`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE rollup_reviewer (
      basis text NOT NULL CHECK (basis IN ('conversation', 'review')),
      grain text NOT NULL CHECK (grain IN ('day', 'week', 'month')),
      period_start date NOT NULL,
      scorecard_id uuid NOT NULL,
      reviewer_id uuid NOT NULL,
      n integer NOT NULL,
      na integer NOT NULL,
      sum_score numeric(20, 1) NOT NULL,
      sum_score_sq numeric(24, 2) NOT NULL,
      passes integer NOT NULL,
      auto_fails integer NOT NULL,
      handling_minutes jsonb NOT NULL,
      CONSTRAINT rollup_reviewer_key PRIMARY KEY (basis, grain, period_start, scorecard_id, reviewer_id)
    )`.execute(db);
  await sql`
    CREATE TABLE report_reviewer_evaluations (
      evaluation_id uuid PRIMARY KEY,
      reviewer_id uuid NOT NULL,
      scorecard_id uuid NOT NULL,
      agent_id uuid NOT NULL,
      team_id uuid,
      channel text NOT NULL,
      queue text,
      conversation_day date NOT NULL,
      review_day date NOT NULL,
      released boolean NOT NULL,
      score numeric(4, 1),
      passed boolean NOT NULL,
      auto_failed boolean NOT NULL,
      handling_minute integer NOT NULL
    )`.execute(db);
  await sql.raw(minutesAdd).execute(db);
  await sql.raw(insertedFunction).execute(db);
  await sql.raw(deletedFunction).execute(db);
  await sql.raw(truncatedFunction).execute(db);
  await sql`
    CREATE TRIGGER rollup_reviewer_inserted AFTER INSERT ON report_evaluations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_reviewer_inserted()`.execute(db);
  await sql`
    CREATE TRIGGER rollup_reviewer_deleted AFTER DELETE ON report_evaluations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION rollup_reviewer_deleted()`.execute(db);
  await sql`CREATE TRIGGER rollup_reviewer_truncated AFTER TRUNCATE ON report_evaluations FOR EACH STATEMENT EXECUTE FUNCTION rollup_reviewer_truncated()`.execute(db);
  // The rows as they stand, loaded as a rebuild's INSERT loads them.
  await sql`ALTER TABLE report_reviewer_evaluations DROP CONSTRAINT report_reviewer_evaluations_pkey`.execute(db);
  await sql.raw(bulkLoad("report_evaluations")).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER rollup_reviewer_inserted ON report_evaluations`.execute(db);
  await sql`DROP TRIGGER rollup_reviewer_deleted ON report_evaluations`.execute(db);
  await sql`DROP TRIGGER rollup_reviewer_truncated ON report_evaluations`.execute(db);
  await sql`DROP FUNCTION rollup_reviewer_inserted(), rollup_reviewer_deleted(), rollup_reviewer_truncated(), reviewer_minutes_add(jsonb, jsonb)`.execute(db);
  await sql`DROP TABLE rollup_reviewer, report_reviewer_evaluations`.execute(db);
}
