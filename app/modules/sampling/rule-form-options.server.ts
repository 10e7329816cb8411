import type { Database } from "../../lib/db.server";
import { reviewerRoles } from "../assignments/reviewer-loads.server";
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
export async function loadRuleFormOptions(db: Database): Promise<RuleFormOptions> {
  const [scorecards, reviewers, agents, teams, queues] = await Promise.all([
    listPublishedScorecards(db),
    listReviewers(db),
    db.selectFrom("users").select(["id", "name"]).where("role", "=", "agent").where("active", "=", true).orderBy("name").execute(),
    db.selectFrom("teams").select(["id", "name"]).orderBy("name").execute(),
    // A loose scan of (team_id, queue) (migration …170000); few distinct queues.
    db.selectFrom("interactions").select("queue").distinct().where("queue", "is not", null).orderBy("queue").limit(500).execute(),
  ]);
  return { scorecards, reviewers, agents, teams, queues: queues.map((row) => row.queue ?? "") };
}

export async function listReviewers(db: Database): Promise<PersonOption[]> {
  return db.selectFrom("users").select(["id", "name"]).where("role", "in", reviewerRoles).where("active", "=", true).orderBy("name").execute();
}
