/**
 * Data an e2e test creates for itself, through the app's own use cases (test/factories.ts)
 * on the e2e run's database, and through the real REST API where a conversation needs its
 * transcript in storage. Users are new each time (password TEST_PASSWORD), so a test never
 * leans on the demo organisation or on another spec.
 *
 * The run's database: with DATABASE_URL set, `parley_e2e_<run>` on that server (as
 * playwright.config.ts names it); without it, the embedded PostgreSQL the server started in
 * the run's data folder, found through its postmaster.pid.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { closeDb, db } from "../../app/lib/db.server";
import { createApiToken } from "../../app/modules/api-tokens/create-api-token.server";
import type { ScorecardDefinitionInput } from "../../app/modules/scorecards/scorecard-definition.schema";
import type { Viewer } from "../../app/modules/users/roles";
import { parseConfig, setConfig } from "../../server/config";
import { seedScorecard, seedTeam, seedUser } from "../../test/factories";

export { TEST_PASSWORD } from "../../test/factories";

function runDatabaseUrl(): string {
  const run = process.env.PARLEY_E2E_RUN;
  if (!run) throw new Error("PARLEY_E2E_RUN is not set: run e2e tests through playwright.config.ts");
  const server = process.env.DATABASE_URL;
  if (server) {
    const url = new URL(server);
    url.pathname = `/parley_e2e_${run}`;
    return url.toString();
  }
  // postmaster.pid: pid, data folder, start time, port, …
  const pid = readFileSync(path.resolve(".data", `e2e-${run}`, "postgres", "postmaster.pid"), "utf8").split("\n");
  return `postgres://postgres:parley-embedded@127.0.0.1:${pid[3]?.trim()}/parley`;
}

let configured = false;
/** Points the app's database handle at the run's database (once per worker). */
export function useRunDatabase(): void {
  if (configured) return;
  setConfig(parseConfig({ NODE_ENV: "test", DATABASE_URL: runDatabaseUrl(), DATABASE_POOL_MAX: "2", LOG_LEVEL: "silent" }));
  configured = true;
}

export async function closeRunDatabase(): Promise<void> {
  if (configured) await closeDb();
  configured = false;
}

export { db };

/** A team with an agent and their supervisor, a QA specialist and a QA lead, all new. */
export async function seedPeople() {
  useRunDatabase();
  const team = await seedTeam();
  const [agent, supervisor, qa, lead] = await Promise.all([
    seedUser("agent", [team.id]),
    seedUser("supervisor", [team.id]),
    seedUser("qa"),
    seedUser("qa_lead"),
  ]);
  return { team, agent, supervisor, qa, lead };
}

export async function seedPublishedScorecard(definition: ScorecardDefinitionInput, name?: string) {
  useRunDatabase();
  return seedScorecard({ definition, name });
}

/** A bearer token of `owner` (who must be allowed to import: a QA lead or an admin). */
export async function tokenOf(owner: Viewer): Promise<string> {
  useRunDatabase();
  const { token } = await createApiToken(db(), owner, `e2e ${owner.name}`);
  return token;
}

/** Imports a conversation through POST /api/v1/interactions and returns its id. */
export async function importConversation(
  request: APIRequestContext,
  token: string,
  body: { externalId: string; agent: string; startedAt: string; customerName?: string; transcript: { fileName: string; content: string } },
): Promise<string> {
  const response = await request.post("/api/v1/interactions", {
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
    data: { source: "e2e", ...body },
  });
  if (response.status() !== 201) throw new Error(`Import answered ${response.status()}: ${await response.text()}`);
  return ((await response.json()) as { id: string }).id;
}

/** A short WebVTT call between `agentName` and a customer, 3 turns. */
export function callVtt(agentName: string, customerName = "Robin"): string {
  return [
    "WEBVTT",
    "",
    "00:00.000 --> 00:03.000",
    `<v ${agentName}>Thanks for calling Northwind, how can I help?`,
    "",
    "00:03.500 --> 00:07.000",
    `<v ${customerName}>My invoice shows a charge twice this month.`,
    "",
    "00:07.500 --> 00:11.000",
    `<v ${agentName}>I can see the double charge on the invoice; I will refund it now.`,
    "",
  ].join("\n");
}
