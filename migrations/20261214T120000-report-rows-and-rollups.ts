import { sql, type Kysely } from "kysely";

// Report rows and roll-ups (DESIGN.md "Reports and roll-ups", docs/decisions/0023).
//
// - revision_question_results: each revision's per-question results (q exact to 6 decimals,
//   weight, N/A, critical failed, section, and the key reports group the question by across
//   versions: its id plus a fingerprint of kind, scale range and option points), written with the revision by appendRevision and
//   immutable like it. Only visible scoring questions that were answered (a value or N/A).
// - report_evaluations / report_question_results: one row per counting evaluation (kind
//   `review`, status `submitted`) and per question of its current revision, with agent, team,
//   scorecard, channel, queue, conversation day and review day (organisation's zone) and
//   released copied in, so SQL aggregates without reading JSON.
// - rollup_daily(_questions), rollup_monthly(_questions): count, N/A, exact sums and sums of
//   squares, passes, auto-fails (for a question: q ≥ 0.5 and critical failures) per key.
// - report_refresh(evaluation): the one upkeep routine. A trigger on evaluations runs it
//   whenever what counts changes (current revision, status, release, kind, review date), so
//   every path — submit, correction, void, release, a dispute decision — keeps reports right
//   in its own transaction. report_rebuild() recomputes everything from the sources.
// - Evaluations submitted before this migration get their revision results computed here,
//   with a frozen copy of the score rules of this date (migrations never import app code),
//   then everything is rebuilt.

const dims = `
  scorecard_id uuid NOT NULL,
  scorecard_version_id uuid NOT NULL,
  agent_id uuid NOT NULL,
  team_id uuid,
  channel text NOT NULL,
  queue text,
  conversation_at timestamptz NOT NULL,
  conversation_day date NOT NULL,
  reviewed_at timestamptz NOT NULL,
  review_day date NOT NULL,
  released boolean NOT NULL`;

/** The columns both row tables copy in, from e (evaluations), i (interactions), o (organisation). */
const dimsSelect = `
  e.scorecard_id, e.scorecard_version_id, i.agent_id, i.team_id, i.channel, i.queue,
  i.started_at, (i.started_at AT TIME ZONE coalesce(o.time_zone, 'UTC'))::date,
  e.submitted_at, (e.submitted_at AT TIME ZONE coalesce(o.time_zone, 'UTC'))::date,
  e.released_at IS NOT NULL`;

const dailyKey = ["conversation_day", "scorecard_id", "team_id", "channel", "queue", "agent_id", "released"];
const monthlyKey = ["month", "scorecard_id", "team_id", "released"];
const teamDailyKey = ["conversation_day", "scorecard_id", "team_id", "released"];

interface Rollup {
  table: string;
  rows: "report_evaluations" | "report_question_results";
  key: string[];
  /** How a row's key columns are written in a SELECT over the rows (the month is derived). */
  keySelect: string[];
}

const rollups: Rollup[] = [
  { table: "rollup_daily", rows: "report_evaluations", key: dailyKey, keySelect: dailyKey },
  { table: "rollup_daily_questions", rows: "report_question_results", key: [...dailyKey, "question_key"], keySelect: [...dailyKey, "question_key"] },
  // Organisation- and team-wide reports by day or week: the daily roll-up keyed by agent,
  // channel and queue barely folds (about one evaluation per agent and day), this one does.
  { table: "rollup_team_daily", rows: "report_evaluations", key: teamDailyKey, keySelect: teamDailyKey },
  { table: "rollup_monthly", rows: "report_evaluations", key: monthlyKey, keySelect: ["date_trunc('month', conversation_day)::date", ...monthlyKey.slice(1)] },
  {
    table: "rollup_monthly_questions",
    rows: "report_question_results",
    key: [...monthlyKey, "question_key"],
    keySelect: ["date_trunc('month', conversation_day)::date", ...monthlyKey.slice(1), "question_key"],
  },
];

/** The measures of a roll-up, each a sum over signed rows (sign = +1 added, −1 taken away). */
function measures(rows: Rollup["rows"]): [string, string][] {
  // Every sum coalesced: a group of N/A answers has no q to add, and the columns are NOT NULL.
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

function createRollup(rollup: Rollup): string {
  const keyColumns = rollup.key.map((column) => {
    const type = { conversation_day: "date NOT NULL", month: "date NOT NULL", team_id: "uuid", queue: "text", released: "boolean NOT NULL", channel: "text NOT NULL", question_key: "text NOT NULL" }[column];
    return `${column} ${type ?? "uuid NOT NULL"}`;
  });
  // Sums at the fixed scale of what they add (score 1 decimal, q 6), so a sum is the same
  // digits however it was reached: 0.5 − 0.5 and "no q at all" are both 0.000000.
  const scales: Record<string, string> = { sum_score: "numeric(20, 1)", sum_score_sq: "numeric(24, 2)", sum_q: "numeric(20, 6)", sum_q_sq: "numeric(24, 12)" };
  const measureColumns = measures(rollup.rows).map(([name]) => `${name} ${scales[name] ?? "integer"} NOT NULL`);
  return `CREATE TABLE ${rollup.table} (${[...keyColumns, ...measureColumns].join(", ")},
    CONSTRAINT ${rollup.table}_key UNIQUE NULLS NOT DISTINCT (${rollup.key.join(", ")}))`;
}

/**
 * Adds the rows of one evaluation in their new state and takes away the old ones, as a single
 * net delta per key, upserted in key order: every transaction takes the row locks of a roll-up
 * in the same order (and the tables in the same order), so concurrent submits wait for each
 * other instead of deadlocking, and ON CONFLICT DO UPDATE adds to the committed counts instead
 * of overwriting them. A key whose count falls to zero is deleted (then all its sums are
 * exactly zero), so the incremental tables hold exactly what a rebuild writes.
 */
function upkeepStatements(rollup: Rollup): string {
  const source = rollup.rows === "report_evaluations" ? "report_evaluation_source" : "report_question_source";
  const signed = `
    SELECT -1 AS sign, * FROM ${rollup.rows} WHERE evaluation_id = target
    UNION ALL SELECT 1, * FROM ${source}(target)`;
  const keyAs = rollup.keySelect.map((expression, k) => `${expression} AS ${rollup.key[k]}`).join(", ");
  const measureList = measures(rollup.rows);
  const nonZero = measureList.map(([name]) => `${name} <> 0`).join(" OR ");
  return `
    INSERT INTO ${rollup.table} (${rollup.key.join(", ")}, ${measureList.map(([name]) => name).join(", ")})
    SELECT * FROM (
      SELECT ${keyAs}, ${measureList.map(([name, expression]) => `${expression} AS ${name}`).join(", ")}
      FROM (${signed}) signed
      GROUP BY ${rollup.key.map((_, k) => k + 1).join(", ")}
    ) delta
    WHERE ${nonZero}
    ORDER BY ${rollup.key.map((_, k) => k + 1).join(", ")}
    ON CONFLICT ON CONSTRAINT ${rollup.table}_key DO UPDATE SET
      ${measureList.map(([name]) => `${name} = ${rollup.table}.${name} + excluded.${name}`).join(", ")};`;
}

/** After the upserts: the keys the evaluation's old rows fed whose count fell to zero go. */
function emptiedKeysStatement(rollup: Rollup): string {
  const keyAs = rollup.keySelect.map((expression, k) => `${expression} AS ${rollup.key[k]}`).join(", ");
  // Equality on the key columns that are never null lets the unique index find the rows;
  // team and queue may be null, and match as the NULLS NOT DISTINCT key does.
  const matchKey = rollup.key
    .map((column) => (column === "team_id" || column === "queue" ? `r.${column} IS NOT DISTINCT FROM old.${column}` : `r.${column} = old.${column}`))
    .join(" AND ");
  return `
    DELETE FROM ${rollup.table} r
    USING (SELECT DISTINCT ${keyAs} FROM ${rollup.rows} WHERE evaluation_id = target) old
    WHERE r.n = 0 AND ${matchKey};`;
}

/**
 * The indexes beside the keys: the review-date toggle and drill-downs read the rows by these;
 * reports filter the daily roll-ups by period, then agent. The rebuild drops them and builds
 * them again after loading (one sort each, far cheaper than keeping them up row by row).
 */
const secondaryIndexes = [
  "CREATE INDEX report_evaluations_review_day ON report_evaluations (review_day)",
  "CREATE INDEX report_evaluations_agent ON report_evaluations (agent_id, conversation_day)",
  "CREATE INDEX report_evaluations_team ON report_evaluations (team_id, conversation_day)",
  "CREATE INDEX report_question_results_question ON report_question_results (scorecard_id, question_key, conversation_day)",
  "CREATE INDEX rollup_daily_agent ON rollup_daily (agent_id, conversation_day)",
  "CREATE INDEX rollup_daily_questions_agent ON rollup_daily_questions (agent_id, conversation_day)",
];
const secondaryIndexNames = secondaryIndexes.map((statement) => statement.split(" ")[2]);

function rebuildStatement(rollup: Rollup): string {
  const keyAs = rollup.keySelect.map((expression, k) => `${expression} AS ${rollup.key[k]}`).join(", ");
  const measureList = measures(rollup.rows);
  return `
    INSERT INTO ${rollup.table} (${rollup.key.join(", ")}, ${measureList.map(([name]) => name).join(", ")})
    SELECT ${keyAs}, ${measureList.map(([, expression]) => expression).join(", ")}
    FROM (SELECT 1 AS sign, * FROM ${rollup.rows}) signed
    GROUP BY ${rollup.key.map((_, k) => k + 1).join(", ")};`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql`
    CREATE TABLE revision_question_results (
      revision_id uuid NOT NULL REFERENCES evaluation_revisions (id),
      question_id text NOT NULL,
      question_key text NOT NULL,
      section_id text NOT NULL,
      q numeric(7, 6) CHECK (q >= 0 AND q <= 1),
      weight smallint NOT NULL,
      na boolean NOT NULL,
      critical_failed boolean NOT NULL,
      PRIMARY KEY (revision_id, question_id),
      CHECK ((q IS NULL) = na)
    )`.execute(db);
  await sql`
    CREATE TRIGGER revision_question_results_immutable BEFORE UPDATE OR DELETE ON revision_question_results
    FOR EACH ROW EXECUTE FUNCTION evaluation_revisions_immutable()`.execute(db);

  await sql
    .raw(
      `CREATE TABLE report_evaluations (
        evaluation_id uuid PRIMARY KEY,
        revision_id uuid NOT NULL,
        ${dims},
        score numeric(4, 1),
        passed boolean NOT NULL,
        auto_failed boolean NOT NULL
      )`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE TABLE report_question_results (
        evaluation_id uuid NOT NULL,
        question_id text NOT NULL,
        question_key text NOT NULL,
        revision_id uuid NOT NULL,
        ${dims},
        section_id text NOT NULL,
        q numeric(7, 6),
        weight smallint NOT NULL,
        na boolean NOT NULL,
        critical_failed boolean NOT NULL,
        PRIMARY KEY (evaluation_id, question_id)
      )`,
    )
    .execute(db);
  for (const rollup of rollups) await sql.raw(createRollup(rollup)).execute(db);
  for (const statement of secondaryIndexes) await sql.raw(statement).execute(db);

  // What an evaluation contributes now: nothing unless it is a submitted review.
  await sql
    .raw(
      `CREATE FUNCTION report_evaluation_source(target uuid) RETURNS SETOF report_evaluations LANGUAGE sql STABLE AS $$
        SELECT e.id, e.current_revision_id, ${dimsSelect}, r.score, r.passed, r.auto_failed
        FROM evaluations e
        JOIN evaluation_revisions r ON r.id = e.current_revision_id
        JOIN interactions i ON i.id = e.interaction_id
        LEFT JOIN organisation o ON true
        WHERE e.id = target AND e.kind = 'review' AND e.status = 'submitted'
      $$`,
    )
    .execute(db);
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
  await sql
    .raw(
      `CREATE FUNCTION report_refresh(target uuid) RETURNS void LANGUAGE plpgsql AS $$
      DECLARE
        counted_before boolean := EXISTS (SELECT 1 FROM report_evaluations WHERE evaluation_id = target);
      BEGIN
        ${rollups.map(upkeepStatements).join("\n")}
        -- Only an evaluation that counted before can empty a key (a first submit cannot).
        IF counted_before THEN
          ${rollups.map(emptiedKeysStatement).join("\n")}
        END IF;
        DELETE FROM report_question_results WHERE evaluation_id = target;
        DELETE FROM report_evaluations WHERE evaluation_id = target;
        INSERT INTO report_evaluations SELECT * FROM report_evaluation_source(target);
        INSERT INTO report_question_results SELECT * FROM report_question_source(target);
      END $$`,
    )
    .execute(db);
  await sql
    .raw(
      `CREATE FUNCTION report_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        -- One rebuild at a time, and no upkeep in between: the roll-ups are locked whole.
        LOCK TABLE report_evaluations, report_question_results, ${rollups.map((r) => r.table).join(", ")} IN EXCLUSIVE MODE;
        TRUNCATE report_question_results, report_evaluations, ${rollups.map((r) => r.table).join(", ")};
        -- Sorts for the grouping and the index builds in memory rather than on disk.
        SET LOCAL work_mem = '256MB';
        SET LOCAL maintenance_work_mem = '512MB';
        DROP INDEX ${secondaryIndexNames.join(", ")};
        INSERT INTO report_evaluations
          SELECT e.id, e.current_revision_id, ${dimsSelect}, r.score, r.passed, r.auto_failed
          FROM evaluations e
          JOIN evaluation_revisions r ON r.id = e.current_revision_id
          JOIN interactions i ON i.id = e.interaction_id
          LEFT JOIN organisation o ON true
          WHERE e.kind = 'review' AND e.status = 'submitted';
        INSERT INTO report_question_results
          SELECT e.id, x.question_id, x.question_key, e.current_revision_id, ${dimsSelect}, x.section_id, x.q, x.weight, x.na, x.critical_failed
          FROM evaluations e
          JOIN revision_question_results x ON x.revision_id = e.current_revision_id
          JOIN interactions i ON i.id = e.interaction_id
          LEFT JOIN organisation o ON true
          WHERE e.kind = 'review' AND e.status = 'submitted';
        ${rollups.map(rebuildStatement).join("\n")}
        ${secondaryIndexes.join(";\n        ")};
      END $$`,
    )
    .execute(db);
  await sql`
    CREATE FUNCTION evaluations_report_refresh() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      PERFORM report_refresh(NEW.id);
      RETURN NULL;
    END $$`.execute(db);
  await sql`
    CREATE TRIGGER evaluations_report_refresh AFTER UPDATE ON evaluations FOR EACH ROW
    WHEN (
      OLD.current_revision_id IS DISTINCT FROM NEW.current_revision_id
      OR OLD.status IS DISTINCT FROM NEW.status
      OR (OLD.released_at IS NULL) <> (NEW.released_at IS NULL)
      OR OLD.kind IS DISTINCT FROM NEW.kind
      OR OLD.submitted_at IS DISTINCT FROM NEW.submitted_at
    )
    EXECUTE FUNCTION evaluations_report_refresh()`.execute(db);
  // An evaluation is created as a draft; one inserted already submitted (fixtures, imports)
  // counts from its first moment too.
  await sql`
    CREATE TRIGGER evaluations_report_insert AFTER INSERT ON evaluations FOR EACH ROW
    WHEN (NEW.status <> 'draft')
    EXECUTE FUNCTION evaluations_report_refresh()`.execute(db);

  await backfillRevisionResults(db);
  await sql`SELECT report_rebuild()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER evaluations_report_insert ON evaluations`.execute(db);
  await sql`DROP TRIGGER evaluations_report_refresh ON evaluations`.execute(db);
  await sql`DROP FUNCTION evaluations_report_refresh()`.execute(db);
  await sql`DROP FUNCTION report_rebuild()`.execute(db);
  await sql`DROP FUNCTION report_refresh(uuid)`.execute(db);
  await sql`DROP FUNCTION report_question_source(uuid)`.execute(db);
  await sql`DROP FUNCTION report_evaluation_source(uuid)`.execute(db);
  for (const rollup of [...rollups].reverse()) await db.schema.dropTable(rollup.table).execute();
  await db.schema.dropTable("report_question_results").execute();
  await db.schema.dropTable("report_evaluations").execute();
  await db.schema.dropTable("revision_question_results").execute();
}

// ---- The backfill: the score rules as of this migration, frozen here on purpose. ----

interface FrozenQuestion {
  id: string;
  kind: string;
  weight?: number;
  allowNa?: boolean;
  critical?: string | null;
  min?: number;
  max?: number;
  options?: { id: string; points?: number }[];
  showIf?: { questionId: string; equals: unknown[] } | null;
}
interface FrozenDefinition {
  sections: { id: string; questions: FrozenQuestion[] }[];
}
type FrozenAnswers = Record<string, { value?: unknown; na?: boolean } | undefined>;

interface ResultRow {
  revision_id: string;
  question_id: string;
  question_key: string;
  section_id: string;
  q: string | null;
  weight: number;
  na: boolean;
  critical_failed: boolean;
}

function frozenKey(question: FrozenQuestion): string {
  let meaning = question.kind;
  if (question.kind === "scale") meaning = `scale:${question.min}..${question.max}`;
  if (question.kind === "choice") {
    const options = [...(question.options ?? [])].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    meaning = `choice:${options.map((option) => `${option.id}=${option.points}`).join(",")}`;
  }
  let hash = 0x811c9dc5;
  for (let k = 0; k < meaning.length; k++) {
    hash ^= meaning.charCodeAt(k);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `${question.id}#${hash.toString(16).padStart(8, "0")}`;
}

/** Submitted answers were validated at submit, so a value present is a value that fits. */
function frozenResults(revisionId: string, definition: FrozenDefinition, answers: FrozenAnswers): ResultRow[] {
  const shown = new Map<string, unknown>();
  const rows: ResultRow[] = [];
  for (const section of definition.sections) {
    for (const question of section.questions) {
      const showIf = question.showIf;
      const visible = !showIf || (shown.has(showIf.questionId) && showIf.equals.some((v) => v === shown.get(showIf.questionId)));
      const scoring = question.kind === "binary" || question.kind === "scale" || question.kind === "choice";
      const answer = Object.hasOwn(answers, question.id) ? answers[question.id] : undefined;
      if (!scoring || !visible || !answer) continue;
      const na = answer.na === true && question.allowNa === true;
      const value = na ? undefined : answer.value;
      if (value === undefined || value === null) {
        if (na) rows.push({ revision_id: revisionId, question_id: question.id, question_key: frozenKey(question), section_id: section.id, q: null, weight: question.weight ?? 0, na, critical_failed: false });
        continue;
      }
      shown.set(question.id, value);
      let q: number;
      if (question.kind === "binary") q = value === true ? 1 : 0;
      else if (question.kind === "scale") q = ((value as number) - (question.min ?? 0)) / ((question.max ?? 1) - (question.min ?? 0));
      else {
        const options = question.options ?? [];
        const max = Math.max(...options.map((option) => option.points ?? 0));
        q = (options.find((option) => option.id === value)?.points ?? 0) / max;
      }
      rows.push({
        revision_id: revisionId,
        question_id: question.id,
        question_key: frozenKey(question),
        section_id: section.id,
        q: q.toFixed(6),
        weight: question.weight ?? 0,
        na: false,
        critical_failed: question.critical != null && q < 0.5,
      });
    }
  }
  return rows;
}

async function backfillRevisionResults(db: Kysely<any>): Promise<void> {
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batch = await db
      .selectFrom("evaluation_revisions as r")
      .innerJoin("scorecard_versions as v", "v.id", "r.scorecard_version_id")
      .select(["r.id", "r.answers", "v.definition"])
      .where("r.id", ">", after)
      .orderBy("r.id")
      .limit(500)
      .execute();
    if (batch.length === 0) return;
    const rows = batch.flatMap((row: { id: string; answers: FrozenAnswers; definition: FrozenDefinition }) => frozenResults(row.id, row.definition, row.answers));
    if (rows.length > 0) await db.insertInto("revision_question_results").values(rows).execute();
    after = (batch[batch.length - 1] as { id: string }).id;
  }
}
