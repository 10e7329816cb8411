/**
 * Set-up for `npm run bench:review`: a fresh database with an admin, an agent in a team, a
 * QA specialist, an API token and a published scorecard (all through the app's use cases);
 * the app server as a child process; the call uploaded through the REST API's upload path;
 * the waveform job waited for; and the QA specialist's evaluation opened on it.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { UploadPlanJson } from "../app/modules/api/api.schema";
import { createApiToken } from "../app/modules/api-tokens/create-api-token.server";
import { openEvaluation } from "../app/modules/evaluations/open-evaluation.server";
import type { CallTranscript } from "../app/modules/transcripts/transcript";
import { createScorecard } from "../app/modules/scorecards/create-scorecard.server";
import { getScorecard } from "../app/modules/scorecards/get-scorecard.server";
import { publishScorecardDraft } from "../app/modules/scorecards/publish-scorecard-draft.server";
import { saveScorecardDraft } from "../app/modules/scorecards/save-scorecard-draft.server";
import { createUser } from "../app/modules/users/create-user.server";
import type { Viewer } from "../app/modules/users/roles";
import { createTeam } from "../app/modules/users/save-team.server";
import { createDb, createPool } from "../db/client";
import { installJobQueue } from "../db/job-queue";
import { migrateToLatest } from "../db/migrate";
import { demoScorecards } from "../db/seed/demo-scorecards";
import { uploadRecording } from "../scripts/import/upload-file";
import { startAppServer, type AppServer } from "./server-process";
import { seedData } from "../app/modules/access/actor";

export const log = (message: string) => console.log(`[bench] ${message}`);

export function build() {
  if (process.env.BENCH_SKIP_BUILD === "1") return;
  log("building the app (npm run build)…");
  const result = spawnSync("npm", ["run", "--silent", "build"], { stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) throw new Error("npm run build failed");
}

export interface Seeded {
  token: string;
  agentEmail: string;
  qa: Viewer & { password: string };
  scorecardId: string;
}

export async function seed(databaseUrl: string): Promise<Seeded> {
  const pool = createPool({ connectionString: databaseUrl, max: 2 });
  const db = createDb({ pool });
  try {
    await migrateToLatest(db);
    await installJobQueue(pool);
    const password = randomBytes(12).toString("base64url");
    const adminEmail = "admin@bench.test";
    const admin = await createUser(db, seedData, { name: "Bench Admin", email: adminEmail, role: "admin", teamIds: [], password });
    const team = await createTeam(db, seedData, "Bench team");
    const agentEmail = "agent@bench.test";
    await createUser(db, seedData, { name: "Bench Agent", email: agentEmail, role: "agent", teamIds: [team.id], password });
    const qaEmail = "qa@bench.test";
    const qa = await createUser(db, seedData, { name: "Bench Reviewer", email: qaEmail, role: "qa", teamIds: [], password });
    const adminViewer: Viewer = { id: admin.id, name: "Bench Admin", email: adminEmail, role: "admin", teamIds: [] };
    const { token } = await createApiToken(db, adminViewer, "bench");

    // The demo's call scorecard, published through the builder's use cases.
    const card = demoScorecards[0];
    if (!card) throw new Error("db/seed/demo-scorecards.ts has no scorecard");
    const { id: scorecardId } = await createScorecard(db, seedData, { name: card.name, description: card.description, releaseMode: "immediate", acknowledgement: "none" });
    const draft = (await getScorecard(db, seedData, scorecardId)).draft;
    if (!draft) throw new Error("a new scorecard has no draft");
    const saved = await saveScorecardDraft(db, seedData, scorecardId, { definition: card.definition, revision: draft.revision });
    await publishScorecardDraft(db, seedData, scorecardId, saved.revision);

    return { token, agentEmail, qa: { id: qa.id, name: "Bench Reviewer", email: qaEmail, role: "qa", teamIds: [], password }, scorecardId };
  } finally {
    await db.destroy();
  }
}

/** The app server with the waveform job inside it, as in a default install. */
export function startServer(envVars: Record<string, string>, dataDir: string): Promise<AppServer> {
  return startAppServer({ env: { JOBS_IN_PROCESS: "true", ...envVars }, dataDir, onUnexpectedExit: log });
}

async function api<T>(server: AppServer, token: string, method: string, route: string, body?: unknown): Promise<T> {
  const response = await fetch(`${server.url}/api/v1${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const json = (await response.json()) as T;
  if (!response.ok) throw new Error(`${method} ${route} answered ${response.status}: ${JSON.stringify(json)}`);
  return json;
}

interface InteractionStatus {
  status: string;
  failureReason: string | null;
  durationMs: number;
}

/**
 * Uploads the call as an API client would (POST /uploads → presigned PUTs from disk →
 * POST /interactions with the canonical transcript), then waits for the waveform job.
 */
export async function importCall(
  server: AppServer,
  seeded: Seeded,
  call: { file: string; size: number; transcript: CallTranscript },
): Promise<{ interactionId: string; uploadSeconds: number; peaksSeconds: number; durationMs: number }> {
  const started = performance.now();
  const plan = await api<UploadPlanJson>(server, seeded.token, "POST", "/uploads", { fileName: "bench-call.wav", contentType: "audio/wav", size: call.size });
  const parts = await uploadRecording(plan, call.file, call.size);
  const created = await api<{ id: string }>(server, seeded.token, "POST", "/interactions", {
    source: "bench",
    externalId: `review-${randomBytes(4).toString("hex")}`,
    agent: seeded.agentEmail,
    startedAt: "2026-02-02T09:00:00Z",
    direction: "inbound",
    queue: "Billing",
    customerName: "Casey Customer",
    transcript: { fileName: "bench-call.json", content: JSON.stringify(call.transcript), format: "canonical" },
    recording: { uploadId: plan.uploadId, ...(parts ? { parts } : {}) },
  });
  const uploaded = performance.now();
  let detail = await api<InteractionStatus>(server, seeded.token, "GET", `/interactions/${created.id}`);
  while (detail.status === "processing") {
    if (performance.now() - uploaded > 5 * 60_000) throw new Error("the waveform job did not finish within 5 minutes");
    await new Promise((resolve) => setTimeout(resolve, 250));
    detail = await api<InteractionStatus>(server, seeded.token, "GET", `/interactions/${created.id}`);
  }
  if (detail.status !== "ready") throw new Error(`the call is ${detail.status}: ${detail.failureReason ?? "no reason given"}`);
  return {
    interactionId: created.id,
    uploadSeconds: (uploaded - started) / 1000,
    peaksSeconds: (performance.now() - uploaded) / 1000,
    durationMs: detail.durationMs,
  };
}

/** The QA specialist's draft evaluation of the call (ad hoc, as "Review" on the interaction page does). */
export async function openReview(databaseUrl: string, seeded: Seeded, interactionId: string): Promise<string> {
  const db = createDb({ pool: createPool({ connectionString: databaseUrl, max: 1 }) });
  try {
    const { evaluationId } = await openEvaluation(db, seeded.qa, { interactionId, scorecardId: seeded.scorecardId });
    return evaluationId;
  } finally {
    await db.destroy();
  }
}
