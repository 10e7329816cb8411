import fs from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Database } from "../../app/lib/db.server";
import type { BlobStore } from "../../app/lib/storage.server";
import { mapLimit } from "../../app/modules/api/map-limit";
import { hashPassword } from "../../app/modules/auth/password.server";
import { ingestInteraction, type RecordingInput } from "../../app/modules/interactions/ingest-interaction.server";
import { transcriptSchema } from "../../app/modules/transcripts/transcript";
import { runSamplingRule } from "../../app/modules/sampling/run-sampling-rule.server";
import { createSamplingRule } from "../../app/modules/sampling/save-sampling-rule.server";
import { demoEmail, demoTeams, demoUsers, DEMO_PASSWORD } from "./demo-organisation";
import { seedDemoEvaluations } from "./demo-evaluations";
import { coachedAgentCalls, seedDemoCoaching } from "./demo-coaching";
import { demoScorecards } from "./demo-scorecards";
import { CSAT_METADATA_KEY, demoCsatAnswers } from "./demo-csat";
import { seedData } from "../../app/modules/access/actor";

const DEMO_DIR = path.resolve("db/seed/demo");
/**
 * The review history reuses the demo conversations under new ids and dates: each once three
 * weeks earlier (`<slug>-earlier`, the copies the first history slice introduced) and again at
 * these offsets (`<slug>-<n>d`), keeping only copies older than the sampling rule's 14-day
 * window and younger than HISTORY_DAYS — about 250 conversations over eight and a half weeks.
 */
const EARLIER_BY_DAYS = 21;
const COPY_OFFSETS_DAYS = [5, 10, 15, 26, 31, 36, 41, 46];
const HISTORY_DAYS = 60;
const SAMPLING_WINDOW_DAYS = 14;
const INGEST_CONCURRENCY = 4;

const manifestSchema = z.array(
  z.object({
    slug: z.string(),
    channel: z.enum(["call", "chat"]),
    agent: z.string(),
    customerName: z.string(),
    direction: z.enum(["inbound", "outbound"]),
    queue: z.string(),
    tags: z.array(z.string()),
    daysAgo: z.number(),
    hour: z.number(),
    recording: z.string().optional(),
    transcript: z.string(),
    durationMs: z.number().int(),
    summary: z.string(),
  }),
);

export interface SeedReport {
  seeded: boolean;
  users: number;
  interactions: number;
  /** Review assignments the demo sampling rule handed out. */
  assignments: number;
  /** Evaluations in the demo's review history (db/seed/demo-evaluations.ts) and of the coached agent's calls since (demo-coaching.ts). */
  evaluations: number;
}

/**
 * Seeds the demo organisation when the database has no users yet, so a fresh
 * `npm start` opens a working app. Recordings and transcripts go through the same
 * ingest use case (and the storage module) as real imports.
 */
export async function seedDemoIfEmpty(db: Database, store: BlobStore, now = new Date()): Promise<SeedReport> {
  const existing = await db.selectFrom("users").select("id").limit(1).executeTakeFirst();
  if (existing) return { seeded: false, users: 0, interactions: 0, assignments: 0, evaluations: 0 };

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  const userIds = await db.transaction().execute(async (trx) => {
    await trx
      .insertInto("organisation")
      // Chats' survey rating arrives in their metadata; the organisation maps it to CSAT (demo-csat.ts).
      .values({ id: 1, name: "Northwind Telecom", time_zone: "Europe/London", self_evaluation_enabled: true, csat_metadata_key: CSAT_METADATA_KEY, csat_metadata_scale: "0-10" })
      .onConflict((oc) => oc.column("id").doNothing())
      .execute();
    const teams = await trx
      .insertInto("teams")
      .values(demoTeams.map((name) => ({ name })))
      .returning(["id", "name"])
      .execute();
    const teamId = new Map(teams.map((team) => [team.name, team.id]));
    const users = await trx
      .insertInto("users")
      .values(demoUsers.map((user) => ({ name: user.name, email: demoEmail(user.key), role: user.role, password_hash: passwordHash })))
      .returning(["id", "email"])
      .execute();
    const idByKey = new Map(users.map((user) => [user.email.split("@")[0] as string, user.id]));
    const links = demoUsers.flatMap((user) =>
      user.teams.map((team) => ({
        team_id: teamId.get(team) as string,
        user_id: idByKey.get(user.key) as string,
        kind: user.role === "supervisor" ? "supervisor" : "agent",
      })),
    );
    if (links.length) await trx.insertInto("team_members").values(links).execute();
    return idByKey;
  });

  const manifest = manifestSchema.parse(JSON.parse(await fs.readFile(path.join(DEMO_DIR, "manifest.json"), "utf8")));
  const files = await readDemoFiles(manifest);
  const entries = demoConversations(manifest);
  const csat = demoCsatAnswers(
    entries.map((entry) => ({ slug: entry.slug, agent: entry.agent, channel: entry.channel, startedAt: startOf(entry, now) })),
    now,
  );
  // Ingest is storage-bound (each call writes its recording and transcript objects): a few at
  // a time. Every result depends on its entry alone, so the order they finish in does not matter.
  // The manifest's own conversations first, sending their recordings' bytes once; the copies
  // under new ids and dates then have storage copy those recordings server-side (CopyObject)
  // rather than receive ~800 KB again each, ~125 times.
  const ingest = async (entry: DemoConversation, recordingOf: (entry: DemoConversation) => RecordingInput | undefined) => {
    const agentId = userIds.get(entry.agent);
    if (!agentId) throw new Error(`Demo manifest names unknown agent ${entry.agent}`);
    const startedAt = startOf(entry, now);
    const answer = csat.get(entry.slug) ?? null;
    const { transcript: transcriptJson } = files.get(entry.base) as DemoFiles;
    const transcript = transcriptSchema.parse(shiftChatTimes(transcriptJson, startedAt));
    return ingestInteraction(db, store, {
      source: "demo",
      externalId: entry.slug,
      agentId,
      startedAt,
      durationMs: entry.durationMs,
      direction: entry.direction,
      queue: entry.queue,
      tags: entry.tags,
      // Calls: the post-call survey in the import's csat field; chats: the widget's rating in metadata.
      metadata: { summary: entry.summary, ...(entry.channel === "chat" && answer !== null ? { [CSAT_METADATA_KEY]: answer } : {}) },
      csat: entry.channel === "call" && answer !== null ? { score: answer, scale: "1-5" } : null,
      customerName: entry.customerName,
      transcript,
      recording: recordingOf(entry),
    });
  };
  const originals = entries.filter((entry) => entry.slug === entry.base);
  const reused = entries.filter((entry) => entry.slug !== entry.base);
  const firstResults = await mapLimit(originals, INGEST_CONCURRENCY, (entry) =>
    ingest(entry, (original) => {
      const { recording } = files.get(original.base) as DemoFiles;
      return recording ? { body: recording } : undefined;
    }),
  );
  const storedRecordings = await db
    .selectFrom("interactions")
    .select(["external_id", "recording_key"])
    .where("source", "=", "demo")
    .where("recording_key", "is not", null)
    .execute();
  const recordingKeyOf = new Map(storedRecordings.map((row) => [row.external_id, row.recording_key as string]));
  const copyRecording = (copy: DemoConversation): RecordingInput | undefined => {
    const key = recordingKeyOf.get(copy.base);
    return key ? { copyOf: key } : undefined;
  };
  const copyResults = await mapLimit(reused, INGEST_CONCURRENCY, (entry) => ingest(entry, copyRecording));
  const assignments = await seedDemoReviewWork(db, userIds, now);
  const evaluations = await seedDemoEvaluations(db, now);
  // The coached agent's calls since his plan started come after the history (and the sampling
  // run), so they change neither the history's rotation nor the queue (demo-coaching.ts).
  const followUpResults = await mapLimit(coachedAgentCalls(entries), INGEST_CONCURRENCY, (entry) => ingest(entry, copyRecording));
  const coaching = await seedDemoCoaching(db, now);
  const results = [...firstResults, ...copyResults, ...followUpResults];
  const interactions = results.filter((result) => result.status === "created").length;
  return { seeded: true, users: demoUsers.length, interactions, assignments, evaluations: evaluations + coaching.evaluations };
}

/**
 * Published demo scorecards (agents acknowledge their evaluations within 7 days) and a weekly call-sampling rule, run once, so the demo QA
 * specialists open a queue with work in it. Goes through the sampling use cases.
 */
async function seedDemoReviewWork(db: Database, userIds: Map<string, string>, now: Date): Promise<number> {
  const leadId = userIds.get("leah.morgan");
  if (!leadId) throw new Error("The demo organisation needs its QA lead");
  const scorecardIds = new Map<string, string>();
  for (const scorecard of demoScorecards) {
    const { id } = await db
      .insertInto("scorecards")
      .values({
        name: scorecard.name,
        description: scorecard.description,
        release_mode: scorecard.releaseMode,
        acknowledgement: "required",
        acknowledgement_days: 7,
        created_by: leadId,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await db
      .insertInto("scorecard_versions")
      .values({ scorecard_id: id, version: 1, status: "published", definition: JSON.stringify(scorecard.definition), published_at: now, published_by: leadId })
      .execute();
    scorecardIds.set(scorecard.name, id);
  }
  const { id: ruleId } = await createSamplingRule(db, seedData, {
    name: "Weekly call review",
    scorecardId: scorecardIds.get("Call quality") ?? "",
    filters: { channels: ["call"], teamIds: [], agentIds: [], queues: [], tags: [], tagsMode: "any", window: { kind: "last_n_days", days: 14 }, metadata: {} },
    quota: { kind: "per_agent", n: 1 },
    reviewerIds: ["quinn.harper", "rosa.lindqvist"].map((key) => userIds.get(key) ?? ""),
    capPerReviewer: 25,
    dueInHours: 72,
    schedule: { kind: "weekly", weekday: 1, hour: 6 },
  });
  const run = await runSamplingRule(db, seedData, { ruleId, runAt: now, trigger: "manual" });
  if (run.status === "failed") throw new Error(`The demo sampling run failed: ${run.error}`);
  const row = await db.selectFrom("sampling_runs").select("assigned").where("id", "=", run.runId).executeTakeFirstOrThrow();
  return row.assigned;
}

type ManifestEntry = z.infer<typeof manifestSchema>[number];
/** A conversation to seed: a manifest entry, or a copy of one (`base` names the entry whose files it reuses). */
export type DemoConversation = ManifestEntry & { base: string };

export function demoConversations(manifest: readonly ManifestEntry[]): DemoConversation[] {
  const originals = manifest.map((entry) => ({ ...entry, base: entry.slug }));
  const earlier = manifest.map((entry) => ({ ...entry, base: entry.slug, slug: `${entry.slug}-earlier`, daysAgo: entry.daysAgo + EARLIER_BY_DAYS }));
  const copies = manifest.flatMap((entry) =>
    COPY_OFFSETS_DAYS.map((offset) => ({ ...entry, base: entry.slug, slug: `${entry.slug}-${offset}d`, daysAgo: entry.daysAgo + offset })).filter(
      (copy) => copy.daysAgo > SAMPLING_WINDOW_DAYS && copy.daysAgo <= HISTORY_DAYS,
    ),
  );
  return [...originals, ...earlier, ...copies];
}

function startOf(entry: DemoConversation, now: Date): Date {
  const startedAt = new Date(now);
  startedAt.setUTCDate(startedAt.getUTCDate() - entry.daysAgo);
  startedAt.setUTCHours(entry.hour, (entry.slug.length * 7) % 60, 0, 0);
  return startedAt;
}

interface DemoFiles {
  transcript: unknown;
  recording: Buffer | null;
}

/** Each demo file read once, however many copies reuse it. */
async function readDemoFiles(manifest: readonly ManifestEntry[]): Promise<Map<string, DemoFiles>> {
  const files = new Map<string, DemoFiles>();
  for (const entry of manifest) {
    const transcript = JSON.parse(await fs.readFile(path.join(DEMO_DIR, entry.transcript), "utf8")) as unknown;
    const recording = entry.recording ? await fs.readFile(path.join(DEMO_DIR, entry.recording)) : null;
    files.set(entry.slug, { transcript, recording });
  }
  return files;
}

/** Demo chat timestamps are offsets from 2026-01-01; move them to the interaction's start. */
function shiftChatTimes(raw: unknown, startedAt: Date): unknown {
  const transcript = raw as { channel?: string; segments?: Array<{ at?: string }> };
  if (transcript.channel === "call" || !transcript.segments) return raw;
  const origin = Date.parse("2026-01-01T00:00:00.000Z");
  return {
    ...transcript,
    segments: transcript.segments.map((segment) =>
      segment.at ? { ...segment, at: new Date(startedAt.getTime() + Date.parse(segment.at) - origin).toISOString() } : segment,
    ),
  };
}

export function demoLogins(): Array<{ email: string; role: string; name: string }> {
  return demoUsers.map((user) => ({ email: demoEmail(user.key), role: user.role, name: user.name }));
}
