import { sql, type Kysely } from "kysely";

// Per agent and question by month (docs/decisions/0038): the team page's weakest criteria and
// the agent card's criteria sum each agent's question results over the range. From the rows
// (report_evaluations ⨝ revision_question_results, 20 results per evaluation) a team's two
// years were 400,000 rows and 0.7–1 s at a million evaluations; this roll-up folds an agent's
// month (about 40 evaluations over 3 scorecards) into a row per scorecard, released flag and
// question, so whole months are read from it and only the partial ends from the rows.
//
// Kept by statement-level triggers on report_evaluations with transition tables: report_refresh()
// (per submit: DELETE then INSERT of the evaluation's row) and report_rebuild() (TRUNCATE, then
// one INSERT of every row) stay as their migrations wrote them, and the rebuild feeds this
// roll-up from its one INSERT in a single GROUP BY.

const key = ["month", "team_id", "agent_id", "scorecard_id", "released", "question_key"];
const keyList = key.join(", ");

/** The signed measures of question results `x` over report rows `e` (sign: +1 added, −1 taken away). */
const measures = (sign: string) => `
  ${sign} * count(*)::int AS n, ${sign} * count(*) FILTER (WHERE x.na)::int AS na,
  ${sign} * coalesce(sum(x.q), 0) AS sum_q, ${sign} * coalesce(sum(x.q * x.q), 0) AS sum_q_sq,
  ${sign} * count(*) FILTER (WHERE x.q >= 0.5)::int AS passes, ${sign} * count(*) FILTER (WHERE x.critical_failed)::int AS critical_fails`;

const grouped = (rows: string, sign: string) => `
  SELECT date_trunc('month', e.conversation_day)::date AS month, e.team_id, e.agent_id, e.scorecard_id, e.released, x.question_key, ${measures(sign)}
  FROM ${rows} e JOIN revision_question_results x ON x.revision_id = e.revision_id
  GROUP BY 1, 2, 3, 4, 5, 6`;

/** Upserted in key order (decision 0023: concurrent submits lock keys in one order, no deadlock). */
const upsert = (rows: string, sign: string) => `
  INSERT INTO rollup_agent_monthly_questions (${keyList}, n, na, sum_q, sum_q_sq, passes, critical_fails)
  SELECT * FROM (${grouped(rows, sign)}) delta
  ORDER BY ${keyList}
  ON CONFLICT ON CONSTRAINT rollup_agent_monthly_questions_key DO UPDATE SET
    n = rollup_agent_monthly_questions.n + excluded.n, na = rollup_agent_monthly_questions.na + excluded.na,
    sum_q = rollup_agent_monthly_questions.sum_q + excluded.sum_q, sum_q_sq = rollup_agent_monthly_questions.sum_q_sq + excluded.sum_q_sq,
    passes = rollup_agent_monthly_questions.passes + excluded.passes, critical_fails = rollup_agent_monthly_questions.critical_fails + excluded.critical_fails`;

// The rebuild's one INSERT of a million rows is planned afresh (EXECUTE), for a hash join over
// the 20 M results rather than the plan cached for a submit's one row (index probes), and given
// the memory to hash its 1.4 M groups rather than sort 20 M rows on disk (decision 0036 measured
// the same for the question roll-ups).
const BULK_ROWS = 1000;
const bulkSettings = "SET work_mem = '256MB' SET hash_mem_multiplier = 8";

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE rollup_agent_monthly_questions (
      month date NOT NULL, team_id uuid, agent_id uuid NOT NULL, scorecard_id uuid NOT NULL, released boolean NOT NULL, question_key text NOT NULL,
      n integer NOT NULL, na integer NOT NULL, sum_q numeric(20, 6) NOT NULL, sum_q_sq numeric(24, 12) NOT NULL,
      passes integer NOT NULL, critical_fails integer NOT NULL,
      CONSTRAINT rollup_agent_monthly_questions_key UNIQUE NULLS NOT DISTINCT (team_id, month, agent_id, scorecard_id, released, question_key)
    )`.execute(db);
  await sql`SET LOCAL work_mem = '256MB'`.execute(db);
  await sql`SET LOCAL hash_mem_multiplier = 8`.execute(db);
  await sql.raw(`INSERT INTO rollup_agent_monthly_questions (${keyList}, n, na, sum_q, sum_q_sq, passes, critical_fails) ${grouped("report_evaluations", "1")}`).execute(db);
  // The agent card reads one agent's months; the team page a team's (the key's first column).
  await sql`CREATE INDEX rollup_agent_monthly_questions_agent ON rollup_agent_monthly_questions (agent_id, month)`.execute(db);

  await sql
    .raw(
      `CREATE FUNCTION rollup_agent_questions_added() RETURNS trigger LANGUAGE plpgsql ${bulkSettings} AS $$
      BEGIN
        IF (SELECT count(*) FROM added) > ${BULK_ROWS} THEN
          EXECUTE $sql$ ${upsert("added", "1")} $sql$;
        ELSE
          ${upsert("added", "1")};
        END IF;
        RETURN NULL;
      END $$`,
    )
    .execute(db);
  // Keys the removed rows fed whose count fell to zero go, so incremental upkeep and a rebuild
  // hold exactly the same rows.
  await sql
    .raw(
      `CREATE FUNCTION rollup_agent_questions_removed() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        ${upsert("removed", "-1")};
        DELETE FROM rollup_agent_monthly_questions r
        USING (SELECT DISTINCT date_trunc('month', conversation_day)::date AS month, team_id, agent_id FROM removed) gone
        WHERE r.n = 0 AND r.team_id IS NOT DISTINCT FROM gone.team_id AND r.month = gone.month AND r.agent_id = gone.agent_id;
        RETURN NULL;
      END $$`,
    )
    .execute(db);
  await sql`
    CREATE FUNCTION rollup_agent_questions_truncated() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      TRUNCATE rollup_agent_monthly_questions;
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER rollup_agent_questions_added AFTER INSERT ON report_evaluations
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION rollup_agent_questions_added()`.execute(db);
  await sql`
    CREATE TRIGGER rollup_agent_questions_removed AFTER DELETE ON report_evaluations
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION rollup_agent_questions_removed()`.execute(db);
  await sql`
    CREATE TRIGGER rollup_agent_questions_truncated AFTER TRUNCATE ON report_evaluations
    FOR EACH STATEMENT EXECUTE FUNCTION rollup_agent_questions_truncated()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER rollup_agent_questions_truncated ON report_evaluations`.execute(db);
  await sql`DROP TRIGGER rollup_agent_questions_removed ON report_evaluations`.execute(db);
  await sql`DROP TRIGGER rollup_agent_questions_added ON report_evaluations`.execute(db);
  await sql`DROP FUNCTION rollup_agent_questions_truncated(), rollup_agent_questions_removed(), rollup_agent_questions_added()`.execute(db);
  await sql`DROP TABLE rollup_agent_monthly_questions`.execute(db);
}
