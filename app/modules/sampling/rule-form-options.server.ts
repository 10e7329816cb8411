import type { Database } from "../../lib/db.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import { listReviewers, type PersonOption } from "../assignments/list-reviewers.server";
import { getOrganisationSettings } from "../organisation/get-organisation-settings.server";
import { listAllQueues } from "../interactions/list-queues.server";
import { listPublishedScorecards, type ScorecardOption } from "../scorecards/list-published-scorecards.server";


export interface RuleFormOptions {
  scorecards: ScorecardOption[];
  reviewers: PersonOption[];
  agents: PersonOption[];
  teams: PersonOption[];
  queues: string[];
  selfEvaluationEnabled: boolean;
}

/** What the rule form and the manual assignment form offer to choose from. */
export async function loadRuleFormOptions(db: Database, actor: Actor): Promise<RuleFormOptions> {
  assertCan(actor, "sampling:manage");
  const [scorecards, reviewers, agents, teams, queues, settings] = await Promise.all([
    listPublishedScorecards(db),
    listReviewers(db),
    db.selectFrom("users").select(["id", "name"]).where("role", "=", "agent").where("active", "=", true).orderBy("name").execute(),
    db.selectFrom("teams").select(["id", "name"]).orderBy("name").execute(),
    // Probes the (team_id, queue) index instead of reading every interaction on each load.
    listAllQueues(db),
    getOrganisationSettings(db),
  ]);
  return { scorecards, reviewers, agents, teams, queues, selfEvaluationEnabled: settings.selfEvaluationEnabled };
}
