/**
 * `npm run bench:sampling` — a sampling run and its preview over a large table, on real
 * PostgreSQL (a fresh database on DATABASE_URL's server when set, else an embedded one).
 *
 * Generates BENCH_INTERACTIONS interactions (1,000,000) across BENCH_AGENTS agents (1,000)
 * in 10 teams, spread evenly over BENCH_WEEKS weeks (13) before the run, then measures for a
 * rule "5 per agent, previous week, 20 reviewers":
 *   - the preview (median of 5 after a warm-up), which reads and ranks but writes nothing;
 *   - the first run (draw + 5,000 assignments + the run record, one transaction);
 *   - a repeated run of the same period (draws nothing: everything is taken);
 *   - the candidate query's plan (EXPLAIN ANALYZE), to show it is index-bounded;
 *   - the run page's first and last page of agents and of assignments (50 a page, keyset);
 *   - the rule form's queue choices: the loose index scan against SELECT DISTINCT over the table.
 * Prints numbers; it is not a test. Results go in docs/benchmarks.md.
 */
import os from "node:os";
import { sql } from "kysely";
import { createDb, createPool } from "../db/client";
import { installJobQueue } from "../db/job-queue";
import { migrateToLatest } from "../db/migrate";
import { createDatabase, dropDatabase, startScratchServer, uniqueDatabaseName } from "../db/scratch-database";
import { previewSamplingRule } from "../app/modules/sampling/preview-sampling-rule.server";
import { runSamplingRule } from "../app/modules/sampling/run-sampling-rule.server";
import { createSamplingRule } from "../app/modules/sampling/save-sampling-rule.server";
import { getRuleSettings } from "../app/modules/sampling/get-rule-settings.server";
import { candidatesByAgentQuery } from "../app/modules/sampling/load-candidates.server";
import { resolvePeriod } from "../app/modules/sampling/period";
import { listRunAgents } from "../app/modules/sampling/list-run-agents.server";
import { listRunAssignments } from "../app/modules/sampling/list-run-assignments.server";
import { listAllQueues, looseQueueScan } from "../app/modules/interactions/list-queues.server";
import { seedData } from "../app/modules/access/actor";

const env = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive whole number`);
  return value;
};
const INTERACTIONS = env("BENCH_INTERACTIONS", 1_000_000);
const AGENTS = env("BENCH_AGENTS", 1000);
const WEEKS = env("BENCH_WEEKS", 13);
const REVIEWERS = 20;
const PER_AGENT = 5;
/** A Wednesday noon UTC: its previous week is 2026-11-09 .. 2026-11-16. */
const RUN_AT = new Date("2026-11-18T12:00:00.000Z");
const WEEK_END = new Date("2026-11-16T00:00:00.000Z");

const log = (message: string) => console.log(`[bench] ${message}`);
const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

const server = await startScratchServer();
const name = uniqueDatabaseName("parley_bench_sampling");
const url = await createDatabase(server.serverUrl, name);
const pool = createPool({ connectionString: url, max: 4 });
const db = createDb({ pool });
try {
  log(`machine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? "cpu"}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, node ${process.version}`);
  await migrateToLatest(db);
  await installJobQueue(pool);

  let t = process.hrtime.bigint();
  await sql`INSERT INTO teams (name) SELECT 'Team ' || g FROM generate_series(1, 10) g`.execute(db);
  await sql`
    INSERT INTO users (email, name, role, password_hash)
    SELECT 'agent' || g || '@bench.test', 'Agent ' || lpad(g::text, 4, '0'), 'agent', 'not-a-login'
    FROM generate_series(1, ${AGENTS}) g`.execute(db);
  await sql`
    INSERT INTO users (email, name, role, password_hash)
    SELECT 'qa' || g || '@bench.test', 'Reviewer ' || g, 'qa', 'not-a-login' FROM generate_series(1, ${REVIEWERS}) g`.execute(db);
  await sql`
    INSERT INTO team_members (team_id, user_id, kind)
    SELECT t.id, u.id, 'agent'
    FROM (SELECT id, row_number() OVER (ORDER BY email) AS n FROM users WHERE role = 'agent') u
    JOIN (SELECT id, row_number() OVER (ORDER BY name) - 1 AS n FROM teams) t ON t.n = u.n % 10`.execute(db);
  // Interactions spread evenly over WEEKS weeks ending at the sampled week's end; agents and
  // teams as their membership says; a mix of channels and queues.
  await sql`
    WITH agents AS (
      SELECT u.id, m.team_id, row_number() OVER (ORDER BY u.email) - 1 AS n
      FROM users u JOIN team_members m ON m.user_id = u.id WHERE u.role = 'agent'
    )
    INSERT INTO interactions (channel, source, external_id, agent_id, team_id, started_at, duration_ms, queue, tags, status, transcript_text)
    SELECT (ARRAY['call', 'chat', 'email'])[1 + g % 3], 'bench', 'b' || g, a.id, a.team_id,
           ${WEEK_END}::timestamptz - (${WEEKS * 7 * 24 * 3600}::bigint * (g::bigint * 7919 % ${INTERACTIONS}) / ${INTERACTIONS}) * interval '1 second' - interval '1 second',
           30000 + (g * 37) % 900000, (ARRAY['billing', 'technical', 'retention'])[1 + g % 3], '{}', 'ready', ''
    FROM generate_series(1, ${INTERACTIONS}) g
    JOIN agents a ON a.n = g % ${AGENTS}`.execute(db);
  await sql`ANALYZE`.execute(db);
  log(`generated ${INTERACTIONS.toLocaleString("en")} interactions, ${AGENTS} agents, ${REVIEWERS} reviewers in ${(ms(t) / 1000).toFixed(1)} s`);

  const { id: scorecardId } = await db.insertInto("scorecards").values({ name: "Bench scorecard" }).returning("id").executeTakeFirstOrThrow();
  await db
    .insertInto("scorecard_versions")
    .values({ scorecard_id: scorecardId, version: 1, status: "published", published_at: new Date(), definition: JSON.stringify({ passMark: 80, sections: [] }) })
    .execute();
  const reviewerIds = (await db.selectFrom("users").select("id").where("role", "=", "qa").execute()).map((r) => r.id);
  const { id: ruleId } = await createSamplingRule(db, seedData, {
    name: "Weekly sample",
    scorecardId,
    filters: { channels: [], teamIds: [], agentIds: [], queues: [], tags: [], tagsMode: "any", window: { kind: "previous_week" }, metadata: {} },
    quota: { kind: "per_agent", n: PER_AGENT },
    reviewerIds,
    dueInHours: 72,
    schedule: { kind: "weekly", weekday: 3, hour: 6 },
  });
  const rule = await getRuleSettings(db, ruleId);

  const previews: number[] = [];
  let preview = await previewSamplingRule(db, seedData, { settings: rule.settings, ruleId, ruleSeed: rule.seed, runAt: RUN_AT });
  for (let i = 0; i < 5; i++) {
    t = process.hrtime.bigint();
    preview = await previewSamplingRule(db, seedData, { settings: rule.settings, ruleId, ruleSeed: rule.seed, runAt: RUN_AT });
    previews.push(ms(t));
  }
  log(`preview: matched ${preview.matched.toLocaleString("en")}, would draw ${preview.wouldDraw}, shortfall ${preview.shortfall}`);
  log(`preview time: median ${median(previews).toFixed(0)} ms (runs: ${previews.map((v) => v.toFixed(0)).join(", ")} ms)`);

  t = process.hrtime.bigint();
  const first = await runSamplingRule(db, seedData, { ruleId, runAt: RUN_AT, trigger: "manual" });
  const firstMs = ms(t);
  if (first.status !== "completed") throw new Error(`run failed: ${first.error}`);
  const stats = await db.selectFrom("sampling_runs").select(["matched", "drawn", "assigned", "shortfall"]).where("id", "=", first.runId).executeTakeFirstOrThrow();
  log(`run: matched ${stats.matched.toLocaleString("en")}, drawn ${stats.drawn}, assigned ${stats.assigned}, shortfall ${stats.shortfall}`);
  log(`run time: ${firstMs.toFixed(0)} ms`);

  t = process.hrtime.bigint();
  const again = await runSamplingRule(db, seedData, { ruleId, runAt: RUN_AT, trigger: "manual" });
  const againMs = ms(t);
  const againStats = await db.selectFrom("sampling_runs").select(["drawn"]).where("id", "=", again.runId).executeTakeFirstOrThrow();
  log(`repeated run of the same period: drew ${againStats.drawn} in ${againMs.toFixed(0)} ms`);

  const period = resolvePeriod(rule.settings.filters.window, RUN_AT, "UTC");
  // The query planSample sends: the period's candidates, one row per agent.
  const compiled = candidatesByAgentQuery(db, rule.settings.filters, period).compile();
  const plan = await sql<{ "QUERY PLAN": string }>`EXPLAIN (ANALYZE, BUFFERS) ${sql.raw(inline(compiled.sql, compiled.parameters))}`.execute(db);
  log("candidate query plan:");
  for (const row of plan.rows) console.log(`  ${row["QUERY PLAN"]}`);
  const usesIndex = plan.rows.some((row) => /Index (Only )?Scan|Bitmap Index Scan/.test(row["QUERY PLAN"]));
  log(`candidate query uses an index: ${usesIndex ? "yes" : "NO"}`);
  log(`aim (run and preview each under 1 s): preview ${median(previews) < 1000 ? "met" : "missed"}, run ${firstMs < 1000 ? "met" : "missed"}`);

  // The run page, 50 rows a page: the first pages, then the last ones reached by keyset.
  const timed = async <T>(work: () => Promise<T>) => {
    await work();
    const times: number[] = [];
    let value!: T;
    for (let i = 0; i < 5; i++) {
      const start = process.hrtime.bigint();
      value = await work();
      times.push(ms(start));
    }
    return { value, ms: median(times) };
  };
  const agentPages: string[] = [];
  for (let page = await listRunAgents(db, seedData, first.runId, { limit: 50 }); page.next; page = await listRunAgents(db, seedData, first.runId, { after: page.next, limit: 50 })) {
    agentPages.push(page.next);
  }
  const assignmentPages: string[] = [];
  for (let page = await listRunAssignments(db, seedData, first.runId, { limit: 50 }); page.next; page = await listRunAssignments(db, seedData, first.runId, { after: page.next, limit: 50 })) {
    assignmentPages.push(page.next);
  }
  const agentsFirst = await timed(() => listRunAgents(db, seedData, first.runId, { limit: 50 }));
  const agentsLast = await timed(() => listRunAgents(db, seedData, first.runId, { after: agentPages.at(-1), limit: 50 }));
  const assignmentsFirst = await timed(() => listRunAssignments(db, seedData, first.runId, { limit: 50 }));
  const assignmentsLast = await timed(() => listRunAssignments(db, seedData, first.runId, { after: assignmentPages.at(-1), limit: 50 }));
  log(`run page, agents (${agentPages.length + 1} pages of 50): first page ${agentsFirst.ms.toFixed(1)} ms, last page ${agentsLast.ms.toFixed(1)} ms`);
  log(
    `run page, assignments (${assignmentPages.length + 1} pages of 50): first page ${assignmentsFirst.ms.toFixed(1)} ms, last page ${assignmentsLast.ms.toFixed(1)} ms`,
  );

  // The rule form's queue choices.
  const loose = await timed(() => listAllQueues(db));
  const distinct = await timed(() => db.selectFrom("interactions").select("queue").distinct().where("queue", "is not", null).orderBy("queue").execute());
  log(`queue choices: ${loose.value.join(", ")}; loose index scan ${loose.ms.toFixed(2)} ms, SELECT DISTINCT over the table ${distinct.ms.toFixed(0)} ms`);
  const loosePlan = await sql<{ "QUERY PLAN": string }>`EXPLAIN (ANALYZE) ${looseQueueScan(null)}`.execute(db);
  const scans = new Set(loosePlan.rows.flatMap((row) => /(Seq Scan|Index Only Scan|Index Scan) (?:using (\S+) )?on (\S+)/.exec(row["QUERY PLAN"])?.slice(1, 4).join(" ") ?? []));
  log(`queue choices plan reads: ${[...scans].join("; ")}`);
} finally {
  await db.destroy();
  await dropDatabase(server.serverUrl, name);
  await server.stop();
}

/** EXPLAIN cannot take bind parameters: inline them as literals (bench-generated values only). */
function inline(text: string, parameters: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const value = parameters[Number(n) - 1];
    if (value instanceof Date) return `'${value.toISOString()}'::timestamptz`;
    if (typeof value === "number") return String(value);
    return `'${String(value).replace(/'/g, "''")}'`;
  });
}
