import { sql, type Kysely } from "kysely";

// The customer's side beside quality (issue 14 §8, docs/decisions/0029).
//
// - interactions.csat_score / csat_scale: the customer's survey answer, a whole number on one of
//   a few scales (app/modules/interactions/csat.ts holds the same list); csat_source says where it
//   came from — the import's `csat` field, or the metadata key the organisation maps — so a
//   rebuild re-reads only what the mapping gave. csat_percent: the answer as a percentage of its
//   scale, generated and rounded to 4 decimals, so sums of it are exact.
// - organisation.csat_metadata_key / csat_metadata_scale: the mapping, read at import.
// - rollup_customer_daily (conversation day × team × channel × queue × agent) and
//   rollup_customer_team_daily (day × team): conversations, CSAT responses with Σ and Σ² of the
//   percentage, conversations with a handling time (duration > 0) with Σ and Σ² of it, kept by a
//   trigger on interactions in the import's own transaction, as the quality roll-ups are kept by
//   theirs. customer_rollup_rebuild() recomputes them (`npm run admin -- rollups rebuild`).

const scales = ["1-5", "1-7", "1-10", "0-10"];
const scaleList = scales.map((scale) => `'${scale}'`).join(", ");
const lowOf = (column: string) => `CASE WHEN ${column} = '0-10' THEN 0 ELSE 1 END`;
const highOf = (column: string) => `CASE ${column} WHEN '1-5' THEN 5 WHEN '1-7' THEN 7 ELSE 10 END`;

const dailyKey = ["conversation_day", "team_id", "channel", "queue", "agent_id"];
const teamKey = ["conversation_day", "team_id"];
const rollups = [
  { table: "rollup_customer_daily", key: dailyKey },
  { table: "rollup_customer_team_daily", key: teamKey },
];
const keyTypes: Record<string, string> = { conversation_day: "date NOT NULL", team_id: "uuid", channel: "text NOT NULL", queue: "text", agent_id: "uuid NOT NULL" };

/** Measures over signed rows `s` (sign, csat_percent, duration_ms). */
const measures: [string, string, string][] = [
  ["conversations", "integer", "sum(s.sign)"],
  ["csat_n", "integer", "sum(s.sign * (s.csat_percent IS NOT NULL)::int)"],
  ["csat_sum", "numeric(20, 4)", "sum(s.sign * s.csat_percent)"],
  ["csat_sum_sq", "numeric(28, 8)", "sum(s.sign * s.csat_percent * s.csat_percent)"],
  ["handled_n", "integer", "sum(s.sign * (s.duration_ms > 0)::int)"],
  ["handling_sum_ms", "numeric(24, 0)", "sum(s.sign * s.duration_ms::numeric)"],
  ["handling_sum_sq", "numeric(36, 0)", "sum(s.sign * s.duration_ms::numeric * s.duration_ms::numeric)"],
];

function create(rollup: { table: string; key: string[] }): string {
  return `CREATE TABLE ${rollup.table} (
    ${rollup.key.map((column) => `${column} ${keyTypes[column]}`).join(", ")},
    ${measures.map(([name, type]) => `${name} ${type} NOT NULL`).join(", ")},
    CONSTRAINT ${rollup.table}_key UNIQUE NULLS NOT DISTINCT (${rollup.key.join(", ")}))`;
}

const dayOf = `(s.started_at AT TIME ZONE coalesce((SELECT time_zone FROM organisation WHERE id = 1), 'UTC'))::date`;
const keyExpression = (column: string) => (column === "conversation_day" ? dayOf : `s.${column}`);
const aggregate = (rollup: { key: string[] }) => `
  SELECT ${rollup.key.map((column) => `${keyExpression(column)} AS ${column}`).join(", ")},
    ${measures.map(([name, , expression]) => `coalesce(${expression}, 0) AS ${name}`).join(", ")}
  FROM signed s
  GROUP BY ${rollup.key.map((_, k) => k + 1).join(", ")}`;

const signedRows = `
  SELECT * FROM unnest(signs, started, teams, channels, queues, agents, percents, durations)
    AS s(sign, started_at, team_id, channel, queue, agent_id, csat_percent, duration_ms)`;

/**
 * One net delta per key, upserted in key order: concurrent imports take the row locks in the
 * same order and wait rather than deadlock, and ON CONFLICT adds to the committed counts. Then a
 * key the old row fed whose count fell to zero goes (its sums are exactly zero), so the
 * incremental tables hold exactly what a rebuild writes.
 */
function upkeep(rollup: { table: string; key: string[] }): string {
  const match = rollup.key
    .map((column) => (column === "team_id" || column === "queue" ? `r.${column} IS NOT DISTINCT FROM d.${column}` : `r.${column} = d.${column}`))
    .join(" AND ");
  return `
    INSERT INTO ${rollup.table} AS r
    WITH signed AS (${signedRows})
    SELECT * FROM (${aggregate(rollup)}) d WHERE ${measures.map(([name]) => `d.${name} <> 0`).join(" OR ")}
    ORDER BY ${rollup.key.map((_, k) => k + 1).join(", ")}
    ON CONFLICT ON CONSTRAINT ${rollup.table}_key DO UPDATE SET
      ${measures.map(([name]) => `${name} = r.${name} + excluded.${name}`).join(", ")};
    IF -1 = ANY(signs) THEN
      DELETE FROM ${rollup.table} r
      USING (WITH signed AS (${signedRows}) ${aggregate(rollup)}) d
      WHERE r.conversations = 0 AND ${match};
    END IF;`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await sql
    .raw(
      `ALTER TABLE interactions
        ADD COLUMN csat_score smallint,
        ADD COLUMN csat_scale text,
        ADD COLUMN csat_source text,
        ADD COLUMN csat_percent numeric(7, 4) GENERATED ALWAYS AS (
          round((csat_score - ${lowOf("csat_scale")}) * 100.0 / (${highOf("csat_scale")} - ${lowOf("csat_scale")}), 4)
        ) STORED,
        ADD CONSTRAINT interactions_csat_check CHECK (
          (csat_score IS NULL) = (csat_scale IS NULL) AND (csat_score IS NULL) = (csat_source IS NULL)
          AND csat_scale IN (${scaleList}) AND csat_source IN ('field', 'metadata')
          AND csat_score BETWEEN ${lowOf("csat_scale")} AND ${highOf("csat_scale")}
        )`,
    )
    .execute(db);
  await sql
    .raw(
      `ALTER TABLE organisation
        ADD COLUMN csat_metadata_key text,
        ADD COLUMN csat_metadata_scale text,
        ADD CONSTRAINT organisation_csat_mapping_check CHECK (
          (csat_metadata_key IS NULL) = (csat_metadata_scale IS NULL)
          AND length(csat_metadata_key) BETWEEN 1 AND 100
          AND csat_metadata_scale IN (${scaleList})
        )`,
    )
    .execute(db);

  for (const rollup of rollups) await sql.raw(create(rollup)).execute(db);
  await sql`CREATE INDEX rollup_customer_daily_agent ON rollup_customer_daily (agent_id, conversation_day)`.execute(db);

  await sql
    .raw(
      `CREATE FUNCTION customer_rollup_add(
        signs int[], started timestamptz[], teams uuid[], channels text[], queues text[], agents uuid[], percents numeric[], durations int[]
      ) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        ${rollups.map(upkeep).join("\n")}
      END $$`,
    )
    .execute(db);
  await sql`
    CREATE FUNCTION interactions_customer_rollup() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'INSERT' THEN
        PERFORM customer_rollup_add(ARRAY[1], ARRAY[NEW.started_at], ARRAY[NEW.team_id], ARRAY[NEW.channel], ARRAY[NEW.queue], ARRAY[NEW.agent_id], ARRAY[NEW.csat_percent], ARRAY[NEW.duration_ms]);
      ELSIF TG_OP = 'DELETE' THEN
        PERFORM customer_rollup_add(ARRAY[-1], ARRAY[OLD.started_at], ARRAY[OLD.team_id], ARRAY[OLD.channel], ARRAY[OLD.queue], ARRAY[OLD.agent_id], ARRAY[OLD.csat_percent], ARRAY[OLD.duration_ms]);
      ELSE
        PERFORM customer_rollup_add(ARRAY[-1, 1], ARRAY[OLD.started_at, NEW.started_at], ARRAY[OLD.team_id, NEW.team_id], ARRAY[OLD.channel, NEW.channel],
          ARRAY[OLD.queue, NEW.queue], ARRAY[OLD.agent_id, NEW.agent_id], ARRAY[OLD.csat_percent, NEW.csat_percent], ARRAY[OLD.duration_ms, NEW.duration_ms]);
      END IF;
      RETURN NULL;
    END $$`.execute(db);
  await sql`CREATE TRIGGER interactions_customer_rollup_insert AFTER INSERT OR DELETE ON interactions FOR EACH ROW EXECUTE FUNCTION interactions_customer_rollup()`.execute(db);
  await sql`
    CREATE TRIGGER interactions_customer_rollup_update AFTER UPDATE ON interactions FOR EACH ROW
    WHEN (
      OLD.started_at IS DISTINCT FROM NEW.started_at OR OLD.team_id IS DISTINCT FROM NEW.team_id OR OLD.channel IS DISTINCT FROM NEW.channel
      OR OLD.queue IS DISTINCT FROM NEW.queue OR OLD.agent_id IS DISTINCT FROM NEW.agent_id
      OR OLD.csat_percent IS DISTINCT FROM NEW.csat_percent OR OLD.duration_ms IS DISTINCT FROM NEW.duration_ms
    )
    EXECUTE FUNCTION interactions_customer_rollup()`.execute(db);

  await sql
    .raw(
      `CREATE FUNCTION customer_rollup_rebuild() RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        LOCK TABLE ${rollups.map((r) => r.table).join(", ")} IN EXCLUSIVE MODE;
        TRUNCATE ${rollups.map((r) => r.table).join(", ")};
        SET LOCAL work_mem = '256MB';
        ${rollups
          .map(
            (rollup) => `INSERT INTO ${rollup.table}
          WITH signed AS (SELECT 1 AS sign, started_at, team_id, channel, queue, agent_id, csat_percent, duration_ms FROM interactions)
          ${aggregate(rollup)};`,
          )
          .join("\n")}
      END $$`,
    )
    .execute(db);
  await sql`SELECT customer_rollup_rebuild()`.execute(db);
}

export async function down(db: Kysely<any>): Promise<void> {
  await sql`DROP TRIGGER interactions_customer_rollup_update ON interactions`.execute(db);
  await sql`DROP TRIGGER interactions_customer_rollup_insert ON interactions`.execute(db);
  await sql`DROP FUNCTION interactions_customer_rollup()`.execute(db);
  await sql`DROP FUNCTION customer_rollup_rebuild()`.execute(db);
  await sql`DROP FUNCTION customer_rollup_add(int[], timestamptz[], uuid[], text[], text[], uuid[], numeric[], int[])`.execute(db);
  for (const rollup of [...rollups].reverse()) await db.schema.dropTable(rollup.table).execute();
  await sql`ALTER TABLE organisation DROP CONSTRAINT organisation_csat_mapping_check, DROP COLUMN csat_metadata_scale, DROP COLUMN csat_metadata_key`.execute(db);
  await sql`ALTER TABLE interactions DROP CONSTRAINT interactions_csat_check, DROP COLUMN csat_percent, DROP COLUMN csat_source, DROP COLUMN csat_scale, DROP COLUMN csat_score`.execute(db);
}
