/**
 * The access table's webhooks and evaluations API (issue 13 §8, §9; docs/decisions/0024; read
 * with access-table.server.test.ts).
 *
 * The people and the rows (their labels say what each one is) are in access-table-world.server.ts:
 * Ana is the agent (team North), Sam supervises North, Quinn is the QA specialist, Lee the QA
 * lead, Ada the admin. Rosa is another QA specialist; Nick is Ana's teammate in North; Sofia
 * an agent of team South. Reviews are on a scorecard that requires acknowledgement.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { notFound } from "../../lib/errors";
import { getApiEvaluation } from "../api/get-api-evaluation.server";
import { listApiEvaluations } from "../api/list-api-evaluations.server";
import { createApiToken } from "../api-tokens/create-api-token.server";
import { createWebhook } from "../webhooks/create-webhook.server";
import { deleteWebhook } from "../webhooks/delete-webhook.server";
import { listWebhooks } from "../webhooks/list-webhooks.server";
import { rotateWebhookSecret } from "../webhooks/rotate-webhook-secret.server";
import { sendTestEvent } from "../webhooks/send-test-event.server";
import { setWebhookEnabled } from "../webhooks/update-webhook.server";
import { roles, type Viewer } from "../users/roles";
import {
  A,
  cast,
  evaluationRows,
  outcomeOf,
  seedWorld,
  type EvaluationKey,
  type Outcome,
  type Outcomes,
  seedCast,
} from "./access-table-world.server";
import { outcomesByRole } from "./access-table-cells.server";

beforeAll(seedCast);

// ─── Webhooks and the evaluations API (issue 13 §8, §9; docs/decisions/0024) ───────────────
// Webhooks belong to the organisation: admins only, whatever the row. The API's evaluation
// reads run through the pages' scope with each role's own token: the same cells as the page,
// except that drafts, calibration scores and self-evaluations are never in the API (404).
describe("webhooks and the evaluations API", () => {
  const publicUrl = "https://93.184.216.34/parley";
  //                                                                  admin qa_lead  qa   supervisor agent
  it.each<[string, (viewer: Viewer) => Promise<unknown>, Outcomes]>([
    ["list webhooks",     (v) => listWebhooks(db(), v),                                                       [A, 403, 403, 403, 403]],
    ["register a webhook", (v) => createWebhook(db(), v, { url: publicUrl, events: ["evaluation.released"] }), [A, 403, 403, 403, 403]],
    ["rotate, test, disable, delete one", async (v) => {
      const { id } = await createWebhook(db(), cast().viewers.admin, { url: publicUrl, events: ["evaluation.released"] });
      await rotateWebhookSecret(db(), v, id);
      await sendTestEvent(db(), v, id);
      await setWebhookEnabled(db(), v, id, false);
      return deleteWebhook(db(), v, id);
    },                                                                                                            [A, 403, 403, 403, 403]],
    ["create a personal API token", (v) => createApiToken(db(), v, "access table"),                              [A, A,   A,   A,   A  ]],
  ])("%s", async (_name, act, expected) => {
    expect(await outcomesByRole(act)).toEqual(expected);
  });

  const apiTable: [EvaluationKey, Outcomes][] = [
    ["released",   [A,   A,   A,   A,   A  ]],
    ["unreleased", [A,   A,   A,   A,   404]],
    ["voided",     [A,   A,   A,   A,   A  ]],
    ["otherTeam",  [A,   A,   A,   404, 404]],
    ["rosaDraft",  [404, 404, 404, 404, 404]],
    ["anaSelf",    [404, 404, 404, 404, 404]],
  ];
  it.each(apiTable)("GET /api/v1/evaluations/{id} of: %s", async (row, expected) => {
    const world = await seedWorld();
    const outcomes: Outcome[] = [];
    for (const role of roles) {
      outcomes.push(await outcomeOf(async () => (await getApiEvaluation(db(), cast().viewers[role], world.evaluations[row])) ?? Promise.reject(notFound())));
    }
    expect(outcomes, evaluationRows[row].label).toEqual(expected);
  });

  it("GET /api/v1/evaluations gives each role the world's reviews it may see", async () => {
    const world = await seedWorld();
    const keys = new Map(Object.entries(world.evaluations).map(([key, id]) => [id, key]));
    const listed: string[][] = [];
    for (const role of roles) {
      const page = await listApiEvaluations(db(), cast().viewers[role], { limit: 200 });
      listed.push(page.items.flatMap((item) => keys.get(item.id) ?? []).sort());
    }
    expect(listed).toEqual([
      ["otherTeam", "released", "unreleased", "voided"],
      ["otherTeam", "released", "unreleased", "voided"],
      ["otherTeam", "released", "unreleased", "voided"],
      ["released", "unreleased", "voided"],
      ["released", "voided"],
    ]);
  });
});
