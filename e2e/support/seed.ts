/**
 * Data an e2e test creates for itself, through the app's own use cases (test/factories.ts)
 * on the database of the server under test (each worker is connected to it by the `test`
 * fixture of e2e/fixtures.ts), and through the real REST API where a conversation needs its
 * transcript in storage. Users are new each time (password TEST_PASSWORD), so a test never
 * leans on another spec.
 */
import type { APIRequestContext } from "@playwright/test";
import { db } from "../../app/lib/db.server";
import { createApiToken } from "../../app/modules/api-tokens/create-api-token.server";
import type { ScorecardDefinitionInput } from "../../app/modules/scorecards/scorecard-definition.schema";
import type { Viewer } from "../../app/modules/users/roles";
import { seedScorecard, seedTeam, seedUser } from "../../test/factories";

export { TEST_PASSWORD } from "../../test/factories";

export { db };

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

export async function seedPublishedScorecard(definition: ScorecardDefinitionInput, name?: string) {
  return seedScorecard({ definition, name });
}

/** A bearer token of `owner` (who must be allowed to import: a QA lead or an admin). */
export async function tokenOf(owner: Viewer): Promise<string> {
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
