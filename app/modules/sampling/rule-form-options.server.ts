import type { Database } from "../../lib/db.server";
import type { Actor } from "../access/actor";
import { assertCan } from "../access/refusals";
import { reviewerRoles } from "../assignments/reviewer-loads.server";
import { listAllQueues } from "../interactions/list-queues.server";
import { listPublishedScorecards, type ScorecardOption } from "../scorecards/list-published-scorecards.server";

export interface PersonOption {
  id: string;
  name: string;
}

export interface RuleFormOptions {
  scorecards: ScorecardOption[];
  reviewers: PersonOption[];
  agents: PersonOption[];
  teams: PersonOption[];
  queues: string[];
}

/** What the rule form and the manual assignment form offer to choose from. */
export async function loadRuleFormOptions(db: Database, actor: Actor): Promise<RuleFormOptions> {
  assertCan(actor, "sampling:manage");
  const [scorecards, reviewers, agents, teams, queues] = await Promise.all([
    listPublishedScorecards(db),
    listReviewers(db),
    db.selectFrom("users").select(["id", "name"]).where("role", "=", "agent").where("active", "=", true).orderBy("name").execute(),
    db.selectFrom("teams").select(["id", "name"]).orderBy("name").execute(),
    // Probes the (team_id, queue) index instead of reading every interaction on each load.
    listAllQueues(db),
  ]);
  return { scorecards, reviewers, agents, teams, queues };
}

export async function listReviewers(db: Database): Promise<PersonOption[]> {
  return db.selectFrom("users").select(["id", "name"]).where("role", "in", reviewerRoles).where("active", "=", true).orderBy("name").execute();
}
