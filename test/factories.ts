/**
 * Factories that build unique, whole records through the app's own use cases,
 * shared by integration tests (and usable from e2e fixtures).
 */
import { randomBytes } from "node:crypto";
import { db } from "../app/lib/db.server";
import { blobStore } from "../app/lib/storage.server";
import { ingestInteraction, type IngestInput } from "../app/modules/interactions/ingest-interaction.server";
import type { Transcript } from "../app/modules/transcripts/transcript";
import { createUser } from "../app/modules/users/create-user.server";
import type { Role, Viewer } from "../app/modules/users/roles";
import { createTeam } from "../app/modules/users/save-team.server";
import { pcm16WavHeader } from "../app/modules/recordings/pcm-wav-header";
import { setHiddenQuestions } from "../app/modules/scorecards/set-hidden-questions.server";
import { seedData } from "../app/modules/access/actor";

export const TEST_PASSWORD = "correct horse battery";
const unique = () => randomBytes(4).toString("hex");

export async function seedTeam(name = `Team ${unique()}`): Promise<{ id: string; name: string }> {
  const { id } = await createTeam(db(), seedData, name);
  return { id, name };
}

/**
 * A user who can sign in with TEST_PASSWORD. The name is unique unless given (a given name
 * gets no suffix, so a test can read it on a page); the email is always unique.
 */
export async function seedUser(
  role: Role,
  teamIds: string[] = [],
  options: { name?: string } = {},
): Promise<Viewer & { password: string }> {
  const key = unique();
  const name = options.name ?? `${role} ${key}`;
  const email = `${role}.${key}@example.test`;
  const { id } = await createUser(db(), seedData, { name, email, role, teamIds, password: TEST_PASSWORD });
  return { id, name, email, role, teamIds, password: TEST_PASSWORD };
}

/** A team with an agent and their supervisor, a QA specialist and a QA lead, all new. */
export async function seedPeople() {
  const team = await seedTeam();
  const [agent, supervisor, qa, lead] = await Promise.all([
    seedUser("agent", [team.id]),
    seedUser("supervisor", [team.id]),
    seedUser("qa"),
    seedUser("qa_lead"),
  ]);
  return { team, agent, supervisor, qa, lead };
}

/**
 * Runs `body` with the organisation's time zone set to `timeZone`, then puts back what was
 * there (a fresh test database has no organisation row, which reads as UTC).
 */
export async function withOrganisationTimeZone<T>(timeZone: string, body: () => Promise<T>): Promise<T> {
  const before = await db().selectFrom("organisation").select("time_zone").where("id", "=", 1).executeTakeFirst();
  await db()
    .insertInto("organisation")
    .values({ id: 1, name: "Parley", time_zone: timeZone })
    .onConflict((oc) => oc.column("id").doUpdateSet({ time_zone: timeZone }))
    .execute();
  try {
    return await body();
  } finally {
    if (before) await db().updateTable("organisation").set({ time_zone: before.time_zone }).where("id", "=", 1).execute();
    else await db().deleteFrom("organisation").where("id", "=", 1).execute();
  }
}

export function callTranscript(agentName = "Agent"): Transcript {
  return {
    version: 1,
    channel: "call",
    speakers: [
      { id: "a", role: "agent", name: agentName },
      { id: "c", role: "customer" },
    ],
    segments: [
      { id: "s1", speaker: "a", startMs: 0, endMs: 2000, text: "Thanks for calling Northwind, how can I help?" },
      { id: "s2", speaker: "c", startMs: 2500, endMs: 5000, text: "My internet has been down since this morning." },
      { id: "s3", speaker: "a", startMs: 4800, endMs: 8000, text: "I am sorry to hear that; let me check the line." },
    ],
  };
}

export function chatTranscript(agentName = "Agent", start = new Date("2026-01-05T09:00:00.000Z")): Transcript {
  const at = (seconds: number) => new Date(start.getTime() + seconds * 1000).toISOString();
  return {
    version: 1,
    channel: "chat",
    speakers: [
      { id: "a", role: "agent", name: agentName },
      { id: "c", role: "customer" },
    ],
    segments: [
      { id: "m1", speaker: "c", at: at(0), text: "Hi, my bill doubled this month." },
      { id: "m2", speaker: "a", at: at(40), text: "Sorry about that, let me look into it." },
    ],
  };
}

/** Every object key under a prefix of this test file's bucket, sorted. */
export async function listObjectKeys(prefix = "interactions/"): Promise<string[]> {
  const keys: string[] = [];
  for await (const object of blobStore().list(prefix)) keys.push(object.key);
  return keys.sort();
}

export async function countRows(
  table: "users" | "teams" | "team_members" | "interactions" | "storage_intents" | "sessions" | "audit_log" | "assignments" | "sampling_runs",
): Promise<number> {
  const row = await db().selectFrom(table).select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow();
  return Number(row.count);
}

export async function seedInteraction(
  agentId: string,
  overrides: Partial<IngestInput> & { withAudio?: boolean } = {},
): Promise<{ id: string }> {
  const { withAudio, ...rest } = overrides;
  const result = await ingestInteraction(db(), blobStore(), {
    source: "test",
    externalId: unique(),
    agentId,
    startedAt: new Date(),
    durationMs: 9000,
    transcript: callTranscript(),
    recording: withAudio
      ? { body: testWav() }
      : undefined,
    ...rest,
  });
  return { id: result.id };
}

/** A real, valid 16-bit PCM WAV (a quiet tone), so recordings pass the by-content checks. */
export function testWav({ channels = 2, seconds = 0.5, sampleRate = 8000 }: { channels?: 1 | 2; seconds?: number; sampleRate?: number } = {}): Buffer {
  const frames = Math.round(seconds * sampleRate);
  const data = Buffer.alloc(frames * channels * 2);
  for (let i = 0; i < frames; i++) {
    for (let c = 0; c < channels; c++) {
      // Agent (left) speaks a 440 Hz tone; the customer channel stays silent.
      const value = c === 0 ? Math.round(Math.sin((2 * Math.PI * 440 * i) / sampleRate) * 8000) : 0;
      data.writeInt16LE(value, (i * channels + c) * 2);
    }
  }
  return Buffer.concat([pcm16WavHeader({ channels, sampleRate, dataBytes: data.length }), data]);
}

/** A small valid scorecard definition (scorecard-definition.schema.ts): one section, one yes/no question. */
export const basicScorecardDefinition = {
  passMark: 80,
  sections: [
    {
      id: "opening",
      title: "Opening",
      weight: 1,
      questions: [{ id: "greeting", kind: "binary", prompt: "Greeted the customer by name", weight: 1, allowNa: false, critical: null, required: true }],
    },
  ],
};

/** A scorecard with one published version (and optionally an unpublished one only). */
export async function seedScorecard(
  options: {
    name?: string;
    published?: boolean;
    definition?: unknown;
    releaseMode?: "immediate" | "manual";
    /** Non-scoring questions hidden from agents, as a QA lead marks them on the scorecard page. */
    hiddenFromAgents?: string[];
    /** Whether agents acknowledge its evaluations (issue 13 §3); days with "required". */
    acknowledgement?: { mode: "none" | "optional" | "required"; days?: number };
  } = {},
): Promise<{ id: string; versionId: string; name: string }> {
  const name = options.name ?? `Scorecard ${unique()}`;
  const { id } = await db()
    .insertInto("scorecards")
    .values({
      name,
      ...(options.releaseMode ? { release_mode: options.releaseMode } : {}),
      ...(options.acknowledgement ? { acknowledgement: options.acknowledgement.mode, acknowledgement_days: options.acknowledgement.days ?? null } : {}),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  const published = options.published ?? true;
  const version = await db()
    .insertInto("scorecard_versions")
    .values({
      scorecard_id: id,
      version: 1,
      status: published ? "published" : "draft",
      definition: JSON.stringify(options.definition ?? basicScorecardDefinition),
      published_at: published ? new Date() : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (options.hiddenFromAgents) await setHiddenQuestions(db(), seedData, id, options.hiddenFromAgents);
  return { id, versionId: version.id, name };
}

export interface InteractionRow {
  agentId: string;
  startedAt: Date;
  teamId?: string | null;
  channel?: "call" | "chat" | "email";
  queue?: string | null;
  tags?: string[];
  durationMs?: number;
  metadata?: Record<string, unknown>;
  status?: "processing" | "ready" | "failed";
}

/**
 * Interaction rows straight into PostgreSQL, without objects in storage: for tests of
 * sampling, queues and reports, which read rows only and need many of them quickly.
 */
export async function insertInteractionRows(rows: InteractionRow[]): Promise<string[]> {
  if (rows.length === 0) return [];
  const inserted = await db()
    .insertInto("interactions")
    .values(
      rows.map((row) => ({
        channel: row.channel ?? "chat",
        source: "test-rows",
        external_id: unique() + unique(),
        agent_id: row.agentId,
        team_id: row.teamId ?? null,
        started_at: row.startedAt,
        duration_ms: row.durationMs ?? 60_000,
        queue: row.queue ?? null,
        tags: row.tags ?? [],
        metadata: JSON.stringify(row.metadata ?? {}),
        status: row.status ?? "ready",
      })),
    )
    .returning("id")
    .execute();
  return inserted.map((row) => row.id);
}

/** A transcript of the given lines, agent ("a") and customer ("c") taking turns as listed; a call's turns are three seconds apart, a chat's messages forty. */
export function transcriptSaying(
  channel: "call" | "chat",
  lines: Array<["agent" | "customer", string]>,
  agentName = "Agent",
  start = new Date("2026-01-05T09:00:00.000Z"),
): Transcript {
  const speakers = [
    { id: "a", role: "agent" as const, name: agentName },
    { id: "c", role: "customer" as const },
  ];
  if (channel === "call") {
    return {
      version: 1,
      channel,
      speakers,
      segments: lines.map(([who, text], index) => ({ id: `s${index + 1}`, speaker: who === "agent" ? "a" : "c", startMs: index * 3000, endMs: index * 3000 + 2500, text })),
    };
  }
  return {
    version: 1,
    channel,
    speakers,
    segments: lines.map(([who, text], index) => ({
      id: `m${index + 1}`,
      speaker: who === "agent" ? "a" : "c",
      at: new Date(start.getTime() + index * 40_000).toISOString(),
      text,
    })),
  };
}
