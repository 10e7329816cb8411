/**
 * `npm run bench:reports` — report queries, roll-up upkeep and rebuild at scale, on real
 * PostgreSQL (a fresh database on DATABASE_URL's server when set, else an embedded one).
 *
 * Bulk-loads BENCH_SCALE × 1,000,000 submitted review evaluations (20 question results each)
 * spread over two years, 1,000 agents in 50 teams, 3 scorecards — with INSERT … SELECT
 * generate_series, the upkeep trigger off, then one `report_rebuild()` (timed: the rebuild
 * figure). Then:
 *   - queryQuality on 50 random filter sets (whole organisation / one team / one agent ×
 *     a quarter / two years, mixed groupings and periods): p50 / p95 per kind;
 *   - the same figures computed from the evaluations without roll-ups, on 5 of those sets,
 *     each capped at 60 s (statement_timeout);
 *   - upkeep per submit: an evaluation starting to count (what a submit does to the rows and
 *     roll-ups), and one leaving (a void), each in a transaction rolled back, 50 times;
 *   - the customer figures (CSAT, handling time) once the conversations have them, and last
 *     each report page's server work (bench/report-pages.ts).
 * Prints numbers; it is not a test. Results go in docs/benchmarks.md.
 */
import { createHash } from "node:crypto";
import os from "node:os";
import { sql } from "kysely";
import { createDb, createPool } from "../db/client";
import { migrateToLatest } from "../db/migrate";
import { createDatabase, dropDatabase, startScratchServer, uniqueDatabaseName } from "../db/scratch-database";
import { queryQuality } from "../app/modules/reports/query-quality.server";
import { queryCriteria } from "../app/modules/reports/query-criteria.server";
import { queryReviewers } from "../app/modules/reports/query-reviewers.server";
import { clusterCustomerRollups, clusterQualityRollups } from "../app/modules/reports/rebuild-rollups.server";
import { queryCustomerKpis } from "../app/modules/reports/query-customer-kpis.server";
import { queryCriterionCsatDifference } from "../app/modules/reports/query-csat-difference.server";
import type { Viewer } from "../app/modules/users/roles";
import { timeReportPages } from "./report-pages";

const scale = Number(process.env.BENCH_SCALE ?? 1);
if (!(scale > 0 && scale <= 1)) throw new Error("BENCH_SCALE must be a number in (0, 1]: the share of 1,000,000 evaluations to generate");
const EVALUATIONS = Math.round(1_000_000 * scale);
const AGENTS = 1000;
const TEAMS = 50;
const QUESTIONS = 20;
const REVIEWERS = 20;
const RUNS = 50;
const END = "2026-11-30";
const START = "2024-12-01"; // two years of conversations

const log = (message: string) => console.log(`[bench] ${message}`);
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const quantile = (values: number[], q: number) => [...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(q * values.length))] ?? NaN;

/** 4 sections × 5 questions: binary and 1–5 scale alternating. */
const definition = {
  passMark: 80,
  sections: Array.from({ length: 4 }, (_, s) => ({
    id: `s${s + 1}`,
    title: `Section ${s + 1}`,
    weight: 1,
    questions: Array.from({ length: 5 }, (_, k) => {
      const n = s * 5 + k + 1;
      return n % 2 === 1
        ? { id: `q${n}`, kind: "binary", prompt: `Question ${n}`, weight: 1, allowNa: false, critical: null }
        : { id: `q${n}`, kind: "scale", prompt: `Question ${n}`, min: 1, max: 5, weight: 1, allowNa: true, critical: null };
    }),
  })),
};

// BENCH_REUSE=<database>: a database an earlier run kept (BENCH_KEEP=1) at the same BENCH_SCALE —
// migrated to the latest schema, then straight to the rebuild and the queries, without loading
// again (a full-scale load takes tens of minutes). BENCH_SKIP_REBUILD=1 skips the rebuild too.
const reuse = process.env.BENCH_REUSE;
if (reuse !== undefined && !/^parley_bench_reports_\w+$/.test(reuse)) throw new Error("BENCH_REUSE names a database an earlier run kept: parley_bench_reports_…");
const server = await startScratchServer();
const name = reuse ?? uniqueDatabaseName("parley_bench_reports");
const url = reuse ? `${server.serverUrl}/${reuse}` : await createDatabase(server.serverUrl, name);
const pool = createPool({ connectionString: url, max: 4 });
const db = createDb({ pool });
try {
  log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}; load average ${loadAverage()}`);
  log(`scale ${scale}: ${EVALUATIONS.toLocaleString("en")} evaluations, ${(EVALUATIONS * QUESTIONS).toLocaleString("en")} question results${reuse ? ` (reusing ${reuse})` : ""}`);
  let t = process.hrtime.bigint();
  await migrateToLatest(db);
  if (reuse) log(`migrated the kept database: ${(ms(t) / 1000).toFixed(1)} s`);
  const pg = (await sql<{ server_version: string }>`SHOW server_version`.execute(db)).rows[0]?.server_version;
  log(`PostgreSQL ${pg}`);
  if (!reuse) await load();
  await spreadReviewers();
  if (process.env.BENCH_SKIP_REBUILD) log("rebuild skipped (BENCH_SKIP_REBUILD)");
  else {
    await sql`ANALYZE`.execute(db);
    log(`rebuilding; load average ${loadAverage()}`);
    t = process.hrtime.bigint();
    await sql`SELECT report_rebuild()`.execute(db);
    await clusterQualityRollups(db);
    const rebuildMs = ms(t);
    log(`rebuild (rows and all roll-ups from the sources, rollup_daily clustered): ${(rebuildMs / 1000).toFixed(1)} s — aim under 5 min ${rebuildMs < 300_000 ? "met" : "missed"}; load average ${loadAverage()}`);
    await sql`VACUUM ANALYZE`.execute(db);
  }
  const sizes = await sql<{ table: string; rows: number; size: string }>`
    SELECT c.relname AS table, c.reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
    FROM pg_class c WHERE c.relkind IN ('r', 'p') AND (c.relname LIKE 'rollup\\_%' OR c.relname IN ('report_evaluations', 'report_question_results'))
    ORDER BY c.relname`.execute(db);
  for (const row of sizes.rows) log(`  ${row.table}: ~${Number(row.rows).toLocaleString("en")} rows, ${row.size}`);
  if (process.env.BENCH_LOAD_ONLY) throw new Error("BENCH_LOAD_ONLY: stopping after the load");
  const lead: Viewer = { id: md5uuid("lead"), name: "Lead", email: "lead@bench.test", role: "qa_lead", teamIds: [] };
  const supervisor: Viewer = { id: md5uuid("sup"), name: "Supervisor", email: "sup@bench.test", role: "supervisor", teamIds: [md5uuid("t0")] };

  // 50 filter sets, seeded so runs compare: scope × range, grouping and period varied.
  let seed = 7;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed % n;
  };
  const scopes = ["organisation", "team", "agent"] as const;
  const ranges = { quarter: { from: "2026-09-01", to: "2026-11-30" }, "two years": { from: START, to: END } } as const;
  const sets = Array.from({ length: RUNS }, (_, k) => {
    const scope = scopes[k % 3] as (typeof scopes)[number];
    const range = k % 2 === 0 ? "quarter" : "two years";
    const agent = random(AGENTS);
    const groupBy = scope === "organisation" ? (["organisation", "team", "scorecard"] as const)[random(3)] : scope === "team" ? "agent" : "scorecard";
    const query = {
      groupBy,
      period: random(4) === 0 ? "week" : "month",
      ...ranges[range],
      ...(scope === "team" ? { teamId: md5uuid(`t${agent % TEAMS}`) } : {}),
      ...(scope === "agent" ? { agentId: md5uuid(`a${agent}`) } : {}),
    };
    return { label: `${scope}, ${range}`, query };
  });
  const times = new Map<string, number[]>();
  for (const set of sets.slice(0, 3)) await queryQuality(db, lead, set.query); // warm-up
  for (const set of sets) {
    const start = process.hrtime.bigint();
    await queryQuality(db, lead, set.query);
    const elapsed = ms(start);
    times.set(set.label, [...(times.get(set.label) ?? []), elapsed]);
    times.set("all", [...(times.get("all") ?? []), elapsed]);
  }
  log(`report queries from roll-ups (queryQuality as a QA lead, ${RUNS} filter sets):`);
  for (const [label, values] of times) log(`  ${label.padEnd(28)} n=${String(values.length).padStart(2)}  p50 ${quantile(values, 0.5).toFixed(1)} ms  p95 ${quantile(values, 0.95).toFixed(1)} ms`);
  const p95 = quantile(times.get("all") ?? [], 0.95);
  log(`  aim p95 under 200 ms: ${p95 < 200 ? "met" : "missed"} (${p95.toFixed(1)} ms)`);

  // A supervisor's team page, the review-date toggle, the criteria and the reviewers reports:
  // 10 sets each — organisation or one team, a quarter or two years, by month or week.
  const reportSets = Array.from({ length: 10 }, (_, k) => ({
    label: `${k % 3 === 0 ? "organisation" : "team"}, ${k % 2 ? "quarter" : "two years"}, ${k % 4 < 2 ? "month" : "week"}`,
    query: { period: k % 4 < 2 ? "month" : "week", from: k % 2 ? "2026-09-01" : START, to: END, ...(k % 3 === 0 ? {} : { teamId: md5uuid(`t${k}`) }) },
  }));
  const timeEach = async (label: string, run: (set: (typeof reportSets)[number], k: number) => Promise<unknown>) => {
    const values: number[] = [];
    let slowest = { ms: 0, label: "" };
    for (const [k, set] of reportSets.entries()) {
      const start = process.hrtime.bigint();
      await run(set, k);
      values.push(ms(start));
      if (ms(start) > slowest.ms) slowest = { ms: ms(start), label: set.label };
    }
    log(`${label.padEnd(58)} p50 ${quantile(values, 0.5).toFixed(1)} ms, p95 ${quantile(values, 0.95).toFixed(1)} ms (slowest: ${slowest.label})`);
  };
  await timeEach("supervisor's team by agent (quarter / two years)", (set) => queryQuality(db, supervisor, { ...set.query, groupBy: "agent", teamId: undefined }));
  await timeEach("review-date toggle by team (organisation and team)", (set) => queryQuality(db, lead, { ...set.query, groupBy: "team", dateBasis: "review" }));
  await timeEach("criteria (queryCriteria, organisation and team)", (set) => queryCriteria(db, lead, set.query));
  await timeEach("criteria, review-date toggle", (set) => queryCriteria(db, lead, { ...set.query, dateBasis: "review" }));
  await timeEach("reviewers (queryReviewers, organisation and team)", (set) => queryReviewers(db, lead, set.query, new Date(`${END}T12:00:00Z`)));
  log(`  (load average ${loadAverage()})`);

  // Without roll-ups: the same figures from evaluations ⨝ interactions, capped at 60 s.
  log("the same figures without roll-ups (evaluations ⨝ interactions), 5 filter sets, 60 s cap:");
  await db.connection().execute(async (conn) => {
    await sql`SET statement_timeout = 60000`.execute(conn);
    for (const set of [sets[0], sets[1], sets[2], sets[3], sets[4]]) {
      if (!set) continue;
      const q = set.query as { from: string; to: string; period: string; teamId?: string; agentId?: string };
      const start = process.hrtime.bigint();
      let outcome: string;
      try {
        const result = await sql`
          SELECT date_trunc(${q.period}, (i.started_at AT TIME ZONE 'Europe/Berlin')::date) AS period, i.team_id,
                 count(*), sum(e.score), sum(e.score * e.score), sum(e.passed::int), sum(e.auto_failed::int)
          FROM evaluations e JOIN interactions i ON i.id = e.interaction_id
          WHERE e.kind = 'review' AND e.status = 'submitted'
            AND (i.started_at AT TIME ZONE 'Europe/Berlin')::date BETWEEN ${q.from}::date AND ${q.to}::date
            ${q.teamId ? sql`AND i.team_id = ${q.teamId}` : sql``}
            ${q.agentId ? sql`AND i.agent_id = ${q.agentId}` : sql``}
          GROUP BY 1, 2`.execute(conn);
        outcome = `${result.rows.length} groups`;
      } catch (error) {
        outcome = /statement timeout/.test(String(error)) ? "stopped at 60 s" : String(error);
      }
      log(`  ${set.label.padEnd(28)} ${ms(start).toFixed(0)} ms (${outcome})`);
    }
    // The connection goes back to the pool: the cap must not follow it into the CSAT load.
    await sql`RESET statement_timeout`.execute(conn);
  });

  // Upkeep: an evaluation starts to count (the submit path) and stops (the void path).
  const extra = (await sql<{ id: string }>`SELECT id FROM evaluations WHERE kind = 'self' ORDER BY id`.execute(db)).rows.map((row) => row.id);
  const sample = (await sql<{ id: string }>`SELECT id FROM evaluations WHERE kind = 'review' ORDER BY md5(id::text) LIMIT ${RUNS}`.execute(db)).rows.map((row) => row.id);
  const upkeep = async (ids: string[], change: (id: string) => ReturnType<typeof sql>) => {
    const values: number[] = [];
    await db.connection().execute(async (conn) => {
      for (const id of ids) {
        await sql`BEGIN`.execute(conn);
        const start = process.hrtime.bigint();
        await change(id).execute(conn);
        values.push(ms(start));
        await sql`ROLLBACK`.execute(conn);
      }
    });
    return values;
  };
  const adds = await upkeep(extra, (id) => sql`UPDATE evaluations SET kind = 'review' WHERE id = ${id}`);
  const removes = await upkeep(sample, (id) => sql`UPDATE evaluations SET kind = 'self' WHERE id = ${id}`);
  log(`upkeep per evaluation that starts counting (submit): p50 ${quantile(adds, 0.5).toFixed(2)} ms, p95 ${quantile(adds, 0.95).toFixed(2)} ms`);
  log(`upkeep per evaluation that stops counting (void): p50 ${quantile(removes, 0.5).toFixed(2)} ms, p95 ${quantile(removes, 0.95).toFixed(2)} ms`);
  log(`  aim under 10 ms per submit: ${quantile(adds, 0.95) < 10 ? "met" : "missed"}`);

  // CSAT and handling time (docs/decisions/0029): three conversations in five answer a 1–5
  // survey, durations spread from 30 s to 10.5 min; written with triggers off, then the customer
  // roll-ups rebuilt (timed), then queryCustomerKpis on the same 50 filter sets, the CSAT
  // difference per criterion on 10, and the trigger's upkeep per imported conversation.
  await db.connection().execute(async (conn) => {
    await sql`SET session_replication_role = replica`.execute(conn);
    await sql`
      UPDATE interactions SET duration_ms = 30000 + abs(hashtext(id::text || 'd')) % 600000,
        csat_score = CASE WHEN abs(hashtext(id::text)) % 5 < 3 THEN 1 + abs(hashtext(id::text || 'c')) % 5 END,
        csat_scale = CASE WHEN abs(hashtext(id::text)) % 5 < 3 THEN '1-5' END,
        csat_source = CASE WHEN abs(hashtext(id::text)) % 5 < 3 THEN 'field' END`.execute(conn);
    await sql`SET session_replication_role = DEFAULT`.execute(conn);
  });
  t = process.hrtime.bigint();
  await sql`SELECT customer_rollup_rebuild()`.execute(db);
  await clusterCustomerRollups(db);
  log(`customer roll-ups rebuilt (and clustered) from ${EVALUATIONS + RUNS} conversations: ${(ms(t) / 1000).toFixed(1)} s`);
  await sql`VACUUM ANALYZE interactions, rollup_customer_daily, rollup_customer_team_daily`.execute(db);
  const kpiTimes = new Map<string, number[]>();
  for (const set of sets) {
    const start = process.hrtime.bigint();
    await queryCustomerKpis(db, lead, set.query);
    const elapsed = ms(start);
    kpiTimes.set(set.label, [...(kpiTimes.get(set.label) ?? []), elapsed]);
    kpiTimes.set("all", [...(kpiTimes.get("all") ?? []), elapsed]);
  }
  log(`CSAT and handling time (queryCustomerKpis as a QA lead, ${RUNS} filter sets; scorecard groupings read the report rows):`);
  for (const [label, values] of kpiTimes) log(`  ${label.padEnd(28)} n=${String(values.length).padStart(2)}  p50 ${quantile(values, 0.5).toFixed(1)} ms  p95 ${quantile(values, 0.95).toFixed(1)} ms`);
  const differenceTimes = new Map<string, number[]>();
  for (const set of sets.slice(0, 10)) {
    const start = process.hrtime.bigint();
    await queryCriterionCsatDifference(db, lead, { ...set.query, scorecardId: md5uuid("c0") });
    differenceTimes.set(set.label, [...(differenceTimes.get(set.label) ?? []), ms(start)]);
  }
  log("CSAT difference per criterion (one scorecard, from the question rows), 10 filter sets:");
  for (const [label, values] of differenceTimes) log(`  ${label.padEnd(28)} n=${String(values.length).padStart(2)}  max ${Math.max(...values).toFixed(1)} ms`);
  const importUpkeep: number[] = [];
  await db.connection().execute(async (conn) => {
    for (let k = 0; k < RUNS; k++) {
      await sql`BEGIN`.execute(conn);
      const start = process.hrtime.bigint();
      await sql`
        INSERT INTO interactions (channel, source, external_id, agent_id, team_id, started_at, duration_ms, status, transcript_text, csat_score, csat_scale, csat_source)
        VALUES ('call', 'bench-upkeep', ${`u${k}`}, ${md5uuid(`a${k}`)}, ${md5uuid(`t${k % TEAMS}`)}, ${END}::timestamptz, 120000, 'ready', '', 4, '1-5', 'field')`.execute(conn);
      importUpkeep.push(ms(start));
      await sql`ROLLBACK`.execute(conn);
    }
  });
  log(`an imported conversation with its roll-up upkeep (the INSERT): p50 ${quantile(importUpkeep, 0.5).toFixed(2)} ms, p95 ${quantile(importUpkeep, 0.95).toFixed(2)} ms`);

  // Each page's server work, as its loader does it (bench/report-pages.ts): last, once the
  // conversations have CSAT, which the overview, team, agent and criteria pages read too.
  const qa: Viewer = { id: md5uuid("qa"), name: "Reviewer", email: "qa@bench.test", role: "qa", teamIds: [] };
  const agent: Viewer = { id: md5uuid("a0"), name: "Agent 0", email: "agent0@bench.test", role: "agent", teamIds: [md5uuid("t0")] };
  log("each page's server work (its loader's queries and tables; 5 rounds after a warm-up):");
  for (const page of await timeReportPages(db, { lead, supervisor, qa, agent }, { from: START, to: END }, new Date(`${END}T12:00:00Z`), "Europe/Berlin")) {
    log(`  ${page.label.padEnd(48)} p50 ${quantile(page.values, 0.5).toFixed(1)} ms, max ${Math.max(...page.values).toFixed(1)} ms`);
  }
  log(`  (load average ${loadAverage()})`);
} finally {
  await db.destroy();
  if (process.env.BENCH_KEEP) log(`kept the database: ${url}`);
  else if (!reuse) await dropDatabase(server.serverUrl, name);
  await server.stop();
}

/** The bulk load: organisation, teams, people, scorecards, conversations and evaluations, triggers off. */
async function load() {
  // Deterministic ids of the form z.uuid() accepts (version 4, RFC variant), mirrored by benchUuid below.
  await sql`
    CREATE FUNCTION bench_uuid(text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
      SELECT (substr(md5($1), 1, 12) || '4' || substr(md5($1), 14, 3) || '8' || substr(md5($1), 18, 15))::uuid
    $$`.execute(db);

  const t = process.hrtime.bigint();
  await sql`INSERT INTO organisation (id, name, time_zone) VALUES (1, 'Bench', 'Europe/Berlin')`.execute(db);
  await sql`INSERT INTO teams (id, name) SELECT bench_uuid('t' || g), 'Team ' || g FROM generate_series(0, ${TEAMS - 1}) g`.execute(db);
  await sql`
    INSERT INTO users (id, email, name, role, password_hash)
    SELECT bench_uuid('a' || g), 'agent' || g || '@bench.test', 'Agent ' || g, 'agent', 'x' FROM generate_series(0, ${AGENTS - 1}) g
    UNION ALL SELECT bench_uuid('qa'), 'qa@bench.test', 'Reviewer', 'qa', 'x'
    UNION ALL SELECT bench_uuid('lead'), 'lead@bench.test', 'Lead', 'qa_lead', 'x'
    UNION ALL SELECT bench_uuid('sup'), 'sup@bench.test', 'Supervisor', 'supervisor', 'x'`.execute(db);
  await sql`
    INSERT INTO team_members (team_id, user_id, kind)
    SELECT bench_uuid('t' || (g % ${TEAMS})), bench_uuid('a' || g), 'agent' FROM generate_series(0, ${AGENTS - 1}) g
    UNION ALL SELECT bench_uuid('t0'), bench_uuid('sup'), 'supervisor'`.execute(db);
  await sql`INSERT INTO scorecards (id, name) SELECT bench_uuid('c' || g), 'Scorecard ' || g FROM generate_series(0, 2) g`.execute(db);
  await sql`
    INSERT INTO scorecard_versions (id, scorecard_id, version, status, published_at, definition)
    SELECT bench_uuid('v' || g), bench_uuid('c' || g), 1, 'published', now(), ${JSON.stringify(definition)}::jsonb FROM generate_series(0, 2) g`.execute(db);

  // The bulk load on one connection with triggers off (session_replication_role = replica):
  // foreign keys and the upkeep trigger would otherwise run once per row.
  const total = EVALUATIONS + RUNS; // the last RUNS are "self" evaluations, turned into reviews to time upkeep
  await db.connection().execute(async (conn) => {
    await sql`SET session_replication_role = replica`.execute(conn);
    await sql`
      INSERT INTO interactions (id, channel, source, external_id, agent_id, team_id, started_at, duration_ms, queue, status, transcript_text)
      SELECT bench_uuid('i' || g), (ARRAY['call', 'chat', 'email'])[1 + g % 3], 'bench', 'b' || g,
             bench_uuid('a' || (g % ${AGENTS})), bench_uuid('t' || (g % ${AGENTS} % ${TEAMS})),
             ${START}::timestamptz + (g::bigint * 7919 % ${total}) * (interval '730 days' / ${total}),
             60000, (ARRAY['billing', 'technical', 'retention', NULL])[1 + g % 4], 'ready', ''
      FROM generate_series(1, ${total}) g`.execute(conn);
    // q: binary 1 with 85 %, scale 1–5 skewed high, 3 % of scale answers N/A. The primary key
    // is built after the 20 M rows (one sort) rather than kept through 20 M random insertions.
    // LATERAL keeps each revision's 20 rows together, as a submit writes them (a plain cross
    // join wrote question by question: a revision's rows on 20 pages, every read 20× dearer).
    await sql`ALTER TABLE revision_question_results DROP CONSTRAINT revision_question_results_pkey`.execute(conn);
    await sql`
      INSERT INTO revision_question_results (revision_id, question_id, question_key, section_id, q, weight, na, critical_failed)
      SELECT bench_uuid('r' || g), 'q' || k, 'q' || k || '#bench', 's' || ((k - 1) / 5 + 1),
             CASE WHEN k % 2 = 1 THEN (h % 100 < 85)::int
                  WHEN h % 100 < 3 THEN NULL
                  ELSE least(4, 1 + h % 5 + (h / 7) % 2) / 4.0 END,
             1, k % 2 = 0 AND h % 100 < 3, false
      FROM generate_series(1, ${total}) g CROSS JOIN LATERAL generate_series(1, ${QUESTIONS}) k
      CROSS JOIN LATERAL (SELECT abs(hashint4(g * 31 + k)) AS h) x`.execute(conn);
    await sql`SET maintenance_work_mem = '512MB'`.execute(conn);
    await sql`ALTER TABLE revision_question_results ADD CONSTRAINT revision_question_results_pkey PRIMARY KEY (revision_id, question_id)`.execute(conn);
    await sql`
      INSERT INTO evaluation_revisions (id, evaluation_id, sequence, cause, answers, score, passed, auto_failed, scorecard_version_id, actor_id, created_at)
      SELECT r.revision_id, bench_uuid('e' || r.g), 1, 'submit', '{}', r.score, r.score >= 80, false, bench_uuid('v' || (r.g % 3)), bench_uuid('qa'), now()
      FROM (SELECT g, bench_uuid('r' || g) AS revision_id FROM generate_series(1, ${total}) g) r0
      JOIN LATERAL (
        SELECT r0.g, r0.revision_id, round(100 * avg(q), 1) AS score FROM revision_question_results x WHERE x.revision_id = r0.revision_id
      ) r ON true`.execute(conn);
    await sql`
      INSERT INTO evaluations (id, interaction_id, scorecard_id, scorecard_version_id, reviewer_id, kind, status, answers, score, passed, auto_failed,
                               submitted_at, released_at, current_revision_id)
      SELECT bench_uuid('e' || g), bench_uuid('i' || g), bench_uuid('c' || (g % 3)), bench_uuid('v' || (g % 3)), bench_uuid('qa'),
             CASE WHEN g > ${EVALUATIONS} THEN 'self' ELSE 'review' END, 'submitted', '{}', r.score, r.passed, r.auto_failed,
             i.started_at + interval '2 days', CASE WHEN g % 5 = 0 THEN NULL ELSE i.started_at + interval '3 days' END, r.id
      FROM generate_series(1, ${total}) g
      JOIN evaluation_revisions r ON r.id = bench_uuid('r' || g)
      JOIN interactions i ON i.id = bench_uuid('i' || g)`.execute(conn);
    await sql`SET session_replication_role = DEFAULT`.execute(conn);
  });
  log(`bulk load: ${(ms(t) / 1000).toFixed(1)} s`);

}

/**
 * 20 reviewers, each evaluation opened 5 to 35 minutes before its submit — what the reviewers
 * report reads (its median handling time, each reviewer against peers). A separate step so a
 * kept database from before it gets it too; skipped when done.
 */
async function spreadReviewers() {
  const done = await sql<{ n: number }>`SELECT count(*)::int AS n FROM users WHERE email LIKE 'qa%@bench.test'`.execute(db);
  if ((done.rows[0]?.n ?? 0) >= REVIEWERS) return;
  const t = process.hrtime.bigint();
  await sql`
    INSERT INTO users (id, email, name, role, password_hash)
    SELECT bench_uuid('qa' || g), 'qa' || g || '@bench.test', 'Reviewer ' || g, 'qa', 'x' FROM generate_series(1, ${REVIEWERS - 1}) g`.execute(db);
  await db.connection().execute(async (conn) => {
    await sql`SET session_replication_role = replica`.execute(conn);
    await sql`
      UPDATE evaluations SET reviewer_id = CASE WHEN abs(hashtext(id::text)) % ${REVIEWERS} = 0 THEN bench_uuid('qa') ELSE bench_uuid('qa' || abs(hashtext(id::text)) % ${REVIEWERS}) END,
        created_at = submitted_at - interval '5 minutes' - (abs(hashtext(id::text || 'h')) % 1800) * interval '1 second'`.execute(conn);
    await sql`SET session_replication_role = DEFAULT`.execute(conn);
  });
  log(`spread the evaluations over ${REVIEWERS} reviewers: ${(ms(t) / 1000).toFixed(1)} s`);
}

function loadAverage(): string {
  return os.loadavg().map((value) => value.toFixed(1)).join(" / ");
}

function md5uuid(text: string): string {
  // The same as bench_uuid(text) in SQL, for ids the load generated.
  const md5 = createHash("md5").update(text).digest("hex");
  const hex = `${md5.slice(0, 12)}4${md5.slice(13, 16)}8${md5.slice(17, 32)}`;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
