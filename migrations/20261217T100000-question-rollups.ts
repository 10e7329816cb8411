import { sql, type Kysely } from "kysely";

// Question roll-ups for the Criteria report at a million evaluations (docs/decisions/0036).
//
// Organisation-wide the report read the question rows (report_evaluations ⨝ 20 M
// revision_question_results): up to a minute at full scale. New roll-ups, the measures and
// scales of rollup_monthly_questions:
// - organisation level, keyed (period, scorecard_id, released, question_key), by day, week
//   (Monday, as date_trunc) and month, by conversation day and twins by review day: for readers
//   who see everything with no team, agent, channel or queue filter;
// - team level by week (conversation and review day) and month (review day; rollup_monthly_questions
//   has it by conversation day), keyed team first: a team filter or a supervisor's teams read
//   one team's rows through the key.
//
// Kept by STATEMENT-level triggers on report_evaluations with transition tables, not by
// report_refresh()/report_rebuild() (landed, and another roll-up's triggers sit on the same
// table): report_refresh's DELETE then INSERT of an evaluation's row subtracts its old question
// results and adds its new ones; report_rebuild's TRUNCATE empties these tables and its one
// 1 M-row INSERT refills them in one pass over the 20 M-row join (grouping sets at the finest
// grain each needs, the coarser organisation grains folded from the daily set).

type Column = "conversation_day" | "review_day" | "team_id" | "week_c" | "week_r" | "month_r";
/** The columns of the grouped delta, in GROUPING()'s argument order. */
const grouped: Column[] = ["conversation_day", "review_day", "team_id", "week_c", "week_r", "month_r"];

interface QuestionRollup {
  table: string;
  /** Key columns before scorecard_id, released, question_key. */
  key: string[];
  /** The grouping set of the delta it reads (beside scorecard_id, released, question_key). */
  set: Column[];
  /** How each of `key` is written over that set's rows. */
  select: string[];
}

const trunc = (grain: "week" | "month", column: string) => `date_trunc('${grain}', ${column})::date`;

export const questionRollups: QuestionRollup[] = [
  { table: "rollup_org_daily_questions", key: ["conversation_day"], set: ["conversation_day"], select: ["conversation_day"] },
  { table: "rollup_org_weekly_questions", key: ["week"], set: ["conversation_day"], select: [trunc("week", "conversation_day")] },
  { table: "rollup_org_monthly_questions", key: ["month"], set: ["conversation_day"], select: [trunc("month", "conversation_day")] },
  { table: "rollup_review_org_daily_questions", key: ["review_day"], set: ["review_day"], select: ["review_day"] },
  { table: "rollup_review_org_weekly_questions", key: ["week"], set: ["review_day"], select: [trunc("week", "review_day")] },
  { table: "rollup_review_org_monthly_questions", key: ["month"], set: ["review_day"], select: [trunc("month", "review_day")] },
  { table: "rollup_team_weekly_questions", key: ["team_id", "week"], set: ["team_id", "week_c"], select: ["team_id", "week_c"] },
  { table: "rollup_review_team_weekly_questions", key: ["team_id", "week"], set: ["team_id", "week_r"], select: ["team_id", "week_r"] },
  { table: "rollup_review_team_monthly_questions", key: ["team_id", "month"], set: ["team_id", "month_r"], select: ["team_id", "month_r"] },
];

const sets: Column[][] = [["conversation_day"], ["review_day"], ["team_id", "week_c"], ["team_id", "week_r"], ["team_id", "month_r"]];
/** GROUPING()'s value for a set: a bit per argument not grouped, the first argument highest. */
const groupingOf = (set: Column[]) => grouped.reduce((mask, column, k) => (set.includes(column) ? mask : mask | (1 << (grouped.length - 1 - k))), 0);

const measures = ["n", "na", "sum_q", "sum_q_sq", "passes", "critical_fails"];
const fullKey = (rollup: QuestionRollup) => [...rollup.key, "scorecard_id", "released", "question_key"];

function createTable(rollup: QuestionRollup): string {
  const types: Record<string, string> = { team_id: "uuid", scorecard_id: "uuid NOT NULL", released: "boolean NOT NULL", question_key: "text NOT NULL" };
  // The scales of rollup_monthly_questions (20261214T120000): a sum is the same digits however reached.
  const measureTypes: Record<string, string> = { sum_q: "numeric(20, 6)", sum_q_sq: "numeric(24, 12)" };
  const columns = [...fullKey(rollup).map((c) => `${c} ${types[c] ?? "date NOT NULL"}`), ...measures.map((m) => `${m} ${measureTypes[m] ?? "integer"} NOT NULL`)];
  return `CREATE TABLE ${rollup.table} (${columns.join(", ")},
    CONSTRAINT ${rollup.table}_key UNIQUE NULLS NOT DISTINCT (${fullKey(rollup).join(", ")}))`;
}

// q is numeric(7, 6): the delta sums it in millionths as integers (sum over bigint is an exact
// 128-bit sum, many times faster than numeric over 20 M rows × 5 grouping sets), scaled back to
// the roll-ups' numeric(20, 6) and numeric(24, 12) exactly. A group's Σq² in 10⁻¹² stays below
// 2⁶³ up to 9 M answers.
const measureSums = "sum(n), sum(na), sum(sum_q_micro) * 0.000001, sum(sum_q_sq_pico) * 0.000000000001, sum(passes), sum(critical_fails)";

/**
 * The signed delta of `rows` (report_evaluations rows: a transition table or the table itself)
 * grouped once by every set, then upserted into each roll-up in key order (no deadlocks between
 * concurrent submits), adding the measures.
 */
export function upsertStatement(rows: string, sign: 1 | -1): string {
  const s = sign === 1 ? "" : "-";
  const delta = `
    g AS MATERIALIZED (
      SELECT GROUPING(${grouped.join(", ")}) AS grouping_set, ${grouped.join(", ")}, scorecard_id, released, question_key,
        ${s}count(*) AS n, ${s}count(*) FILTER (WHERE na) AS na, ${s}coalesce(sum(q_micro), 0) AS sum_q_micro, ${s}coalesce(sum(q_micro * q_micro), 0) AS sum_q_sq_pico,
        ${s}count(*) FILTER (WHERE q_micro >= 500000) AS passes, ${s}count(*) FILTER (WHERE critical_failed) AS critical_fails
      FROM (
        SELECT e.conversation_day, e.review_day, e.team_id, ${trunc("week", "e.conversation_day")} AS week_c, ${trunc("week", "e.review_day")} AS week_r,
          ${trunc("month", "e.review_day")} AS month_r, e.scorecard_id, e.released, x.question_key, (x.q * 1000000)::bigint AS q_micro, x.na, x.critical_failed
        FROM ${rows} e JOIN revision_question_results x ON x.revision_id = e.revision_id
      ) r
      GROUP BY scorecard_id, released, question_key, GROUPING SETS (${sets.map((set) => `(${set.join(", ")})`).join(", ")})
    )`;
  const upserts = questionRollups.map((rollup) => {
    const keys = fullKey(rollup);
    const select = [...rollup.select, "scorecard_id", "released", "question_key"];
    const positions = keys.map((_, k) => k + 1).join(", ");
    return `INSERT INTO ${rollup.table} (${[...keys, ...measures].join(", ")})
      SELECT ${select.map((expression, k) => `${expression} AS ${keys[k]}`).join(", ")}, ${measureSums}
      FROM g WHERE grouping_set = ${groupingOf(rollup.set)}
      GROUP BY ${positions} ORDER BY ${positions}
      ON CONFLICT ON CONSTRAINT ${rollup.table}_key DO UPDATE SET ${measures.map((m) => `${m} = ${rollup.table}.${m} + excluded.${m}`).join(", ")}`;
  });
  // Data-modifying CTEs run to completion whether referenced or not; the last upsert is the statement.
  const ctes = upserts.slice(0, -1).map((upsert, k) => `u${k} AS (${upsert})`);
  return `WITH ${[delta, ...ctes].join(",\n    ")}\n    ${upserts.at(-1)}`;
}

/** After subtracting `rows`: the keys they fed whose count fell to zero go (a rebuild has none). */
export function emptiedKeysStatement(rows: string): string {
  const old = `old AS MATERIALIZED (
      SELECT DISTINCT e.conversation_day, e.review_day, e.team_id, e.scorecard_id, e.released, x.question_key
      FROM ${rows} e JOIN revision_question_results x ON x.revision_id = e.revision_id
    )`;
  const columnOver: Record<string, string> = { week_c: trunc("week", "conversation_day"), week_r: trunc("week", "review_day"), month_r: trunc("month", "review_day") };
  // Matched through the key index: `IS NOT DISTINCT FROM` on team_id cannot use it (a scan of
  // the 300,000-row team roll-ups per void, measured), so a known team and no team are two deletes.
  const deletes = questionRollups.flatMap((rollup) => {
    const keys = fullKey(rollup);
    const select = [...rollup.select.map((expression) => columnOver[expression] ?? expression), "scorecard_id", "released", "question_key"];
    const from = `DELETE FROM ${rollup.table} r USING (SELECT DISTINCT ${select.map((expression, k) => `${expression} AS ${keys[k]}`).join(", ")} FROM old) k`;
    const match = (team: string) => keys.map((column) => (column === "team_id" ? team : `r.${column} = k.${column}`)).join(" AND ");
    if (!keys.includes("team_id")) return [`${from} WHERE r.n = 0 AND ${match("")}`];
    return [`${from} WHERE r.n = 0 AND ${match("r.team_id = k.team_id")}`, `${from} WHERE r.n = 0 AND ${match("r.team_id IS NULL AND k.team_id IS NULL")}`];
  });
  const ctes = deletes.slice(0, -1).map((statement, k) => `d${k} AS (${statement})`);
  return `WITH ${[old, ...ctes].join(",\n    ")}\n    ${deletes.at(-1)}`;
}

// A large INSERT (the rebuild's 1 M rows) is planned afresh (EXECUTE) rather than with the plan
// cached for a submit's one row: it wants a hash join over the 20 M results, not 1 M index probes.
const BULK_ROWS = 1000;
// Memory for that pass: the planner overestimates the grouping sets' groups (12 M estimated,
// 0.9 M real at full scale) and, unless the hash tables seem to fit, sorts the 20 M joined rows
// on disk instead (358 s against about 100 s measured). Real use is a few hundred MB, once, in a rebuild.
const bulkSettings = "SET work_mem = '256MB' SET hash_mem_multiplier = 16";

export const triggerFunctions = [
  `CREATE FUNCTION report_question_rollups_add() RETURNS trigger LANGUAGE plpgsql ${bulkSettings} AS $$
  DECLARE
    added bigint := (SELECT count(*) FROM new_rows);
  BEGIN
    IF added = 0 THEN
      RETURN NULL;
    ELSIF added > ${BULK_ROWS} THEN
      EXECUTE $sql$ ${upsertStatement("new_rows", 1)} $sql$;
    ELSE
      ${upsertStatement("new_rows", 1)};
    END IF;
    RETURN NULL;
  END $$`,
  `CREATE FUNCTION report_question_rollups_subtract() RETURNS trigger LANGUAGE plpgsql ${bulkSettings} AS $$
  DECLARE
    removed bigint := (SELECT count(*) FROM old_rows);
  BEGIN
    IF removed = 0 THEN
      RETURN NULL;
    ELSIF removed > ${BULK_ROWS} THEN
      EXECUTE $sql$ ${upsertStatement("old_rows", -1)} $sql$;
      EXECUTE $sql$ ${emptiedKeysStatement("old_rows")} $sql$;
    ELSE
      ${upsertStatement("old_rows", -1)};
      ${emptiedKeysStatement("old_rows")};
    END IF;
    RETURN NULL;
  END $$`,
  `CREATE FUNCTION report_question_rollups_truncate() RETURNS trigger LANGUAGE plpgsql AS $$
  BEGIN
    TRUNCATE ${questionRollups.map((r) => r.table).join(", ")};
    RETURN NULL;
  END $$`,
];

const triggers = [
  `CREATE TRIGGER report_question_rollups_add AFTER INSERT ON report_evaluations
    REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION report_question_rollups_add()`,
  `CREATE TRIGGER report_question_rollups_subtract AFTER DELETE ON report_evaluations
    REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION report_question_rollups_subtract()`,
  `CREATE TRIGGER report_question_rollups_truncate AFTER TRUNCATE ON report_evaluations
    FOR EACH STATEMENT EXECUTE FUNCTION report_question_rollups_truncate()`,
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const rollup of questionRollups) await sql.raw(createTable(rollup)).execute(db);
  // Backfill from the rows as they are (the same statement the rebuild's INSERT runs).
  await sql`SET LOCAL work_mem = '256MB'`.execute(db);
  await sql`SET LOCAL hash_mem_multiplier = 16`.execute(db);
  await sql.raw(upsertStatement("report_evaluations", 1)).execute(db);
  for (const statement of [...triggerFunctions, ...triggers]) await sql.raw(statement).execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER report_question_rollups_add ON report_evaluations`.execute(db);
  await sql`DROP TRIGGER report_question_rollups_subtract ON report_evaluations`.execute(db);
  await sql`DROP TRIGGER report_question_rollups_truncate ON report_evaluations`.execute(db);
  await sql`DROP FUNCTION report_question_rollups_add(), report_question_rollups_subtract(), report_question_rollups_truncate()`.execute(db);
  await sql.raw(`DROP TABLE ${questionRollups.map((r) => r.table).join(", ")}`).execute(db);
}
