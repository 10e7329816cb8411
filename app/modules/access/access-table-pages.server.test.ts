/**
 * The access table's pages of one kind of work, the organisation settings and starting a
 * self-evaluation (issue 13 §5, §10; read with access-table.server.test.ts): which roles each
 * use case lets through (`A`) or refuses (`403`, `404`).
 *
 * The people and the rows (their labels say what each one is) are in access-table-world.server.ts:
 * Ana is the agent (team North), Sam supervises North, Quinn is the QA specialist, Lee the QA
 * lead, Ada the admin. Rosa is another QA specialist; Nick is Ana's teammate in North; Sofia
 * an agent of team South. Reviews are on a scorecard that requires acknowledgement.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { assignmentsDashboard } from "../assignments/assignments-dashboard.server";
import { queryQuality } from "../reports/query-quality.server";
import { rebuildRollups } from "../reports/rebuild-rollups.server";
import { listSamplingRules } from "../sampling/list-sampling-rules.server";
import { loadRuleFormOptions } from "../sampling/rule-form-options.server";
import { listSelfEvaluationRequests } from "../feedback/list-self-evaluation-requests.server";
import { listScorecards } from "../scorecards/list-scorecards.server";
import { listTeams } from "../users/list-teams.server";
import { startSelfEvaluation } from "../evaluations/start-self-evaluation.server";
import { getOrganisationSettings, listArbiterPool } from "../organisation/get-organisation-settings.server";
import { getSettingsPage } from "../organisation/get-settings-page.server";
import { updateOrganisationSettings } from "../organisation/update-organisation-settings.server";
import { withOrganisationSettings } from "../../../test/organisation-factories";
import { type Viewer } from "../users/roles";
import {
  A,
  cast,
  outcomesFor,
  type Conversation,
  type Outcomes,
  seedCast,
} from "./access-table-world.server";
import { outcomesByRole } from "./access-table-cells.server";

beforeAll(seedCast);

describe("the pages of one kind of work, as use cases", () => {
  //                                             admin qa_lead  qa   supervisor agent
  it.each<[string, (viewer: Viewer) => Promise<unknown>, Outcomes]>([
    ["list scorecards",      (v) => listScorecards(db(), v, { includeArchived: true }), [A, A, 403, 403, 403]],
    ["list sampling rules",  (v) => listSamplingRules(db(), v),                         [A, A, 403, 403, 403]],
    ["the assignments page", (v) => assignmentsDashboard(db(), v),                      [A, A, 403, 403, 403]],
    ["list teams",           (v) => listTeams(db(), v),                                 [A, 403, 403, 403, 403]],
    // Every role reads reports, each within its scope (query-quality.server.test.ts holds the rows).
    ["quality by team",      (v) => queryQuality(db(), v, { groupBy: "team", period: "month", from: "2026-01-01", to: "2026-12-31" }), [A, A, A, A, A]],
    ["rebuild the roll-ups", (v) => rebuildRollups(db(), v),                           [A, 403, 403, 403, 403]],
    // "To self-evaluate" on My feedback: an agent's own requests only (docs/decisions/0025).
    ["to self-evaluate",     (v) => listSelfEvaluationRequests(db(), v),                [403, 403, 403, 403, A]],
    ["the rule form's choices, with the self-evaluation switch", (v) => loadRuleFormOptions(db(), v), [A, A, 403, 403, 403]],
  ])("%s", async (_name, read, expected) => {
    expect(await outcomesByRole(read)).toEqual(expected);
  });
});

// ─── Organisation settings and self-evaluation (issue 13 §5, §10) ─────────────────────────
describe("organisation settings and self-evaluation", () => {
  //                                             admin qa_lead  qa   supervisor agent
  it.each<[string, (viewer: Viewer) => Promise<unknown>, Outcomes]>([
    ["open the settings page", (v) => getSettingsPage(db(), v), [A, 403, 403, 403, 403]],
    [
      "save the settings (as they are)",
      async (v) => updateOrganisationSettings(db(), v, { ...(await getOrganisationSettings(db())), arbiterIds: await listArbiterPool(db()) }),
      [A, 403, 403, 403, 403],
    ],
  ])("%s", async (_name, run, expected) => {
    expect(await outcomesByRole(run)).toEqual(expected);
  });

  // Starting a self-evaluation with the organisation's switch on: only the agent, on their own
  // conversation (Ana's has a submitted one already, which starting again returns).
  //                                                         admin qa_lead  qa   supervisor agent
  it.each<[Conversation, Outcomes]>([
    ["ana",   [403, 403, 403, 403, A  ]],
    ["nick",  [403, 403, 403, 403, 404]],
    ["sofia", [403, 403, 403, 404, 404]],
  ])("self-evaluate: %s", async (conversation, expected) => {
    await withOrganisationSettings({ self_evaluation_enabled: true }, async () => {
      const start = (viewer: Viewer, world: { interactions: Record<Conversation, string> }, row: Conversation) =>
        startSelfEvaluation(db(), viewer, { interactionId: world.interactions[row], scorecardId: cast().scorecard.id });
      expect(await outcomesFor(start, conversation)).toEqual(expected);
    });
  });
});
