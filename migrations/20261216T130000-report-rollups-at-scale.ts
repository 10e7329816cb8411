import { sql, type Kysely } from "kysely";

// Report roll-ups at a million evaluations (docs/decisions/0035, the full-scale run of
// `npm run bench:reports` in docs/benchmarks.md). Replaces report_refresh() and report_rebuild()
// of 20261214T120000 (which stays as it landed); the rows and the other roll-ups are unchanged.
//
// - rollup_daily_questions becomes a view over report_question_results, one row per question
//   result with its measures (n = 1). As a table it folded nothing — about one evaluation per
//   agent and day, so 20 M keys for 20 M rows — and cost the rebuild a second 20 M-row write
//   and every submit 20 upserts into a 20 M-row index. Its readers sum, so they read the same
//   figures; report_question_results gains the agent and team indexes they filter by.
// - Whole-period roll-ups for the ranges the monthly one cannot answer: rollup_team_weekly
//   (conversation week × scorecard × team × released), and for the review-date toggle
//   rollup_review_team_daily, rollup_review_team_weekly and rollup_review_monthly (the same
//   keyed by the review day). A report reads the whole weeks or months inside its range from
//   them and only the partial ends from a daily one.
// - The rebuild writes the 20 M question rows once, with their primary key and indexes built
//   after loading (one sort each rather than 20 M random index insertions), and derives the
//   coarser roll-ups from the finer ones (exact: numeric sums of numeric sums).

const dailyKey = ["conversation_day", "scorecard_id", "team_id", "channel", "queue", "agent_id", "released"];
const teamKey = ["scorecard_id", "team_id", "released"];

export interface Rollup {
  table: string;
  rows: "report_evaluations" | "report_question_results";
  key: string[];
  /** How each key column is written in a SELECT over the rows. */
  keySelect: string[];
  /** For the rebuild: the finer roll-up it folds (same measures), else the rows. */
  from?: string;
  /** How each key column is written over `from`. */
  fromSelect?: string[];
}

const trunc = (grain: "week" | "month", column: string) => `date_trunc('${grain}', ${column})::date`;

// In dependency order: a roll-up folds one listed before it.
export const rollups: Rollup[] = [
  { table: "rollup_daily", rows: "report_evaluations", key: dailyKey, keySelect: dailyKey },
  { table: "rollup_team_daily", rows: "report_evaluations", key: ["conversation_day", ...teamKey], keySelect: ["conversation_day", ...teamKey], from: "rollup_daily", fromSelect: ["conversation_day", ...teamKey] },
  { table: "rollup_monthly", rows: "report_evaluations", key: ["month", ...teamKey], keySelect: [trunc("month", "conversation_day"), ...teamKey], from: "rollup_team_daily", fromSelect: [trunc("month", "conversation_day"), ...teamKey] },
  { table: "rollup_team_weekly", rows: "report_evaluations", key: ["week", ...teamKey], keySelect: [trunc("week", "conversation_day"), ...teamKey], from: "rollup_team_daily", fromSelect: [trunc("week", "conversation_day"), ...teamKey] },
  { table: "rollup_review_team_daily", rows: "report_evaluations", key: ["review_day", ...teamKey], keySelect: ["review_day", ...teamKey] },
  { table: "rollup_review_team_weekly", rows: "report_evaluations", key: ["week", ...teamKey], keySelect: [trunc("week", "review_day"), ...teamKey], from: "rollup_review_team_daily", fromSelect: [trunc("week", "review_day"), ...teamKey] },
  { table: "rollup_review_monthly", rows: "report_evaluations", key: ["month", ...teamKey], keySelect: [trunc("month", "review_day"), ...teamKey], from: "rollup_review_team_daily", fromSelect: [trunc("month", "review_day"), ...teamKey] },
  {
    table: "rollup_monthly_questions",
    rows: "report_question_results",
    key: ["month", ...teamKey, "question_key"],
    keySelect: [trunc("month", "conversation_day"), ...teamKey, "question_key"],
  },
];
const newRollups = ["rollup_team_weekly", "rollup_review_team_daily", "rollup_review_team_weekly", "rollup_review_monthly"];

/** The measures of a roll-up, each a sum over signed rows (sign = +1 added, −1 taken away). */
function measures(rows: Rollup["rows"]): [string, string][] {
  const list: [string, string][] =
    rows === "report_evaluations"
      ? [
          ["n", "sum(sign)"],
          ["na", "sum(sign * (score IS NULL)::int)"],
          ["sum_score", "sum(sign * score)"],
          ["sum_score_sq", "sum(sign * score * score)"],
          ["passes", "sum(sign * passed::int)"],
          ["auto_fails", "sum(sign * auto_failed::int)"],
        ]
      : [
          ["n", "sum(sign)"],
          ["na", "sum(sign * na::int)"],
          ["sum_q", "sum(sign * q)"],
          ["sum_q_sq", "sum(sign * q * q)"],
          ["passes", "sum(sign * (q >= 0.5)::int)"],
          ["critical_fails", "sum(sign * critical_failed::int)"],
        ];
  return list.map(([name, expression]) => [name, `coalesce(${expression}, 0)`]);
}

const keyAs = (expressions: string[], key: string[]) => expressions.map((expression, k) => `${expression} AS ${key[k]}`).join(", ");
const positions = (key: string[]) => key.map((_, k) => k + 1).join(", ");

function createRollup(rollup: Rollup): string {
  const types: Record<string, string> = { conversation_day: "date NOT NULL", review_day: "date NOT NULL", week: "date NOT NULL", month: "date NOT NULL", team_id: "uuid", released: "boolean NOT NULL" };
  const keyColumns = rollup.key.map((column) => `${column} ${types[column] ?? "uuid NOT NULL"}`);
  // The fixed scales of 20261214T120000: a sum is the same digits however it was reached.
  const scales: Record<string, string> = { sum_score: "numeric(20, 1)", sum_score_sq: "numeric(24, 2)" };
  const measureColumns = measures(rollup.rows).map(([name]) => `${name} ${scales[name] ?? "integer"} NOT NULL`);
  return `CREATE TABLE ${rollup.table} (${[...keyColumns, ...measureColumns].join(", ")},
    CONSTRAINT ${rollup.table}_key UNIQUE NULLS NOT DISTINCT (${rollup.key.join(", ")}))`;
}

/** One evaluation's net delta per key, upserted in key order (decision 0023: no deadlocks, no lost counts). */
export function upkeepStatement(rollup: Rollup): string {
  // The evaluation's old rows (−1) and its new ones (+1): a few index probes, read per statement.
  const source = rollup.rows === "report_evaluations" ? "report_evaluation_source" : "report_question_source";
  const signed = `(SELECT -1 AS sign, * FROM ${rollup.rows} WHERE evaluation_id = target UNION ALL SELECT 1, * FROM ${source}(target))`;
  const measureList = measures(rollup.rows);
  return `
    INSERT INTO ${rollup.table} (${rollup.key.join(", ")}, ${measureList.map(([name]) => name).join(", ")})
    SELECT * FROM (
      SELECT ${keyAs(rollup.keySelect, rollup.key)}, ${measureList.map(([name, expression]) => `${expression} AS ${name}`).join(", ")}
      FROM ${signed} signed
      GROUP BY ${positions(rollup.key)}
    ) delta
    WHERE ${measureList.map(([name]) => `${name} <> 0`).join(" OR ")}
    ORDER BY ${positions(rollup.key)}
    ON CONFLICT ON CONSTRAINT ${rollup.table}_key DO UPDATE SET
      ${measureList.map(([name]) => `${name} = ${rollup.table}.${name} + excluded.${name}`).join(", ")};`;
}

/** After the upserts: the keys the evaluation's old rows fed whose count fell to zero go. */
export function emptiedKeysStatement(rollup: Rollup): string {
  const matchKey = rollup.key.map((column) => (column === "team_id" || column === "queue" ? `r.${column} IS NOT DISTINCT FROM old.${column}` : `r.${column} = old.${column}`)).join(" AND ");
  return `
    DELETE FROM ${rollup.table} r
    USING (SELECT DISTINCT ${keyAs(rollup.keySelect, rollup.key)} FROM ${rollup.rows} WHERE evaluation_id = target) old
    WHERE r.n = 0 AND ${matchKey};`;
}

export function rebuildStatement(rollup: Rollup): string {
  const measureList = measures(rollup.rows);
  const columns = `${rollup.key.join(", ")}, ${measureList.map(([name]) => name).join(", ")}`;
  if (rollup.from && rollup.fromSelect) {
    return `
    INSERT INTO ${rollup.table} (${columns})
    SELECT ${keyAs(rollup.fromSelect, rollup.key)}, ${measureList.map(([name]) => `sum(${name})`).join(", ")}
    FROM ${rollup.from} GROUP BY ${positions(rollup.key)};`;
  }
  return `
    INSERT INTO ${rollup.table} (${columns})
    SELECT ${keyAs(rollup.keySelect, rollup.key)}, ${measureList.map(([, expression]) => expression).join(", ")}
    FROM (SELECT 1 AS sign, * FROM ${rollup.rows}) signed
    GROUP BY ${positions(rollup.key)};`;
}

/** Indexes the rebuild drops and builds again after loading: one sort each. */
const loadIndexes = [
  "CREATE INDEX report_evaluations_review_day ON report_evaluations (review_day)",
  "CREATE INDEX report_evaluations_agent ON report_evaluations (agent_id, conversation_day)",
  "CREATE INDEX report_evaluations_team ON report_evaluations (team_id, conversation_day)",
  "CREATE INDEX report_question_results_question ON report_question_results (scorecard_id, question_key, conversation_day)",
  "CREATE INDEX report_question_results_agent ON report_question_results (agent_id, conversation_day)",
  "CREATE INDEX report_question_results_team ON report_question_results (team_id, conversation_day)",
  "CREATE INDEX rollup_daily_agent ON rollup_daily (agent_id, conversation_day)",
];
const loadIndexNames = loadIndexes.map((statement) => statement.split(" ")[2]);

/** What both row tables copy in, from e (evaluations), i (interactions), o (organisation) — as 20261214T120000. */
export const dimsSelect = `
  e.scorecard_id, e.scorecard_version_id, i.agent_id, i.team_id, i.channel, i.queue,
  i.started_at, (i.started_at AT TIME ZONE coalesce(o.time_zone, 'UTC'))::date,
  e.submitted_at, (e.submitted_at AT TIME ZONE coalesce(o.time_zone, 'UTC'))::date,
  e.released_at IS NOT NULL`;

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
    DELETE FROM report_question_results WHERE evaluation_id = target;
    DELETE FROM report_evaluations WHERE evaluation_id = target;
    INSERT INTO report_evaluations SELECT * FROM report_evaluation_source(target);
    INSERT INTO report_question_results SELECT * FROM report_question_source(target);
  END $$`;

const rebuildFunction = `
  CREATE OR REPLACE FUNCTION report_rebuild() RETURNS void LANGUAGE plpgsql AS $$
  BEGIN
    -- One rebuild at a time, and no upkeep in between: the roll-ups are locked whole.
    LOCK TABLE report_evaluations, report_question_results, ${rollups.map((r) => r.table).join(", ")} IN EXCLUSIVE MODE;
    TRUNCATE report_question_results, report_evaluations, ${rollups.map((r) => r.table).join(", ")};
    SET LOCAL work_mem = '256MB';
    SET LOCAL maintenance_work_mem = '512MB';
    DROP INDEX ${loadIndexNames.join(", ")};
    ALTER TABLE report_question_results DROP CONSTRAINT report_question_results_pkey;
    INSERT INTO report_evaluations
      SELECT e.id, e.current_revision_id, ${dimsSelect}, r.score, r.passed, r.auto_failed
      FROM evaluations e
      JOIN evaluation_revisions r ON r.id = e.current_revision_id
      JOIN interactions i ON i.id = e.interaction_id
      LEFT JOIN organisation o ON true
      WHERE e.kind = 'review' AND e.status = 'submitted';
    -- The 20 M-row write: joined to the evaluations already copied in (their dimensions),
    -- so the wide join runs over 1 M rows, not 20 M.
    INSERT INTO report_question_results
      SELECT e.evaluation_id, x.question_id, x.question_key, e.revision_id, e.scorecard_id, e.scorecard_version_id, e.agent_id, e.team_id,
        e.channel, e.queue, e.conversation_at, e.conversation_day, e.reviewed_at, e.review_day, e.released,
        x.section_id, x.q, x.weight, x.na, x.critical_failed
      FROM report_evaluations e
      JOIN revision_question_results x ON x.revision_id = e.revision_id;
    ALTER TABLE report_question_results ADD CONSTRAINT report_question_results_pkey PRIMARY KEY (evaluation_id, question_id);
    ${rollups.map(rebuildStatement).join("\n")}
    ${loadIndexes.join(";\n    ")};
  END $$`;

export async function up(db: Kysely<any>): Promise<void> {
  await sql`DROP TABLE rollup_daily_questions`.execute(db);
  // One row per question result, its measures typed as the roll-up's were (same digits when summed).
  await sql`
    CREATE VIEW rollup_daily_questions AS
    SELECT conversation_day, scorecard_id, team_id, channel, queue, agent_id, released, question_key,
      1 AS n, na::int AS na, coalesce(q, 0)::numeric(20, 6) AS sum_q, coalesce(q * q, 0)::numeric(24, 12) AS sum_q_sq,
      coalesce((q >= 0.5)::int, 0) AS passes, critical_failed::int AS critical_fails
    FROM report_question_results`.execute(db);
  await sql`CREATE INDEX report_question_results_agent ON report_question_results (agent_id, conversation_day)`.execute(db);
  await sql`CREATE INDEX report_question_results_team ON report_question_results (team_id, conversation_day)`.execute(db);
  for (const rollup of rollups.filter((r) => newRollups.includes(r.table))) {
    await sql.raw(createRollup(rollup)).execute(db);
    await sql.raw(rebuildStatement(rollup)).execute(db);
  }
  await sql.raw(refreshFunction).execute(db);
  await sql.raw(rebuildFunction).execute(db);
}

// Going back would need the old functions' text and the 20 M-row table rebuilt; restore a backup instead.
export function down(): Promise<void> {
  return Promise.reject(new Error("20261216T130000-report-rollups-at-scale cannot be undone: restore a backup"));
}
