/**
 * The team page and the agent card in the access table (issue 14 §3): the operations as the
 * real use cases, on the access table's cast (access-table-world.server.ts) — Ana the agent
 * and her teammate Nick in North, which Sam supervises; Sofia in South. Reports read roll-ups,
 * not rows of their own, so a team or an agent is the row: which teams and agents each role may
 * open, and what an empty world gives them.
 */
import { db } from "../../lib/db.server";
import { getAgentCard } from "../reports/get-agent-card.server";
import { getTeamReport } from "../reports/get-team-report.server";
import { roles, type Viewer } from "../users/roles";
import { cast, outcomeOf, type Outcomes } from "./access-table-world.server";

const range = { from: "2026-11-01", to: "2026-11-30", dateBasis: "conversation" } as const;

export const teamReportRows = {
  north: "the team page of North (Ana's team, which the supervisor leads)",
  south: "the team page of South (another team)",
} as const;
export type TeamReportKey = keyof typeof teamReportRows;

export const agentCardRows = {
  ana: "Ana's agent card (the agent herself)",
  nick: "her teammate Nick's agent card (North)",
  sofia: "another team's agent card (Sofia, South)",
} as const;
export type AgentCardKey = keyof typeof agentCardRows;

const teamOf = (row: TeamReportKey) => cast().teams[row];
const agentOf = (row: AgentCardKey) => cast().people[row].id;

export const teamReportOps = {
  view: (v: Viewer, row: TeamReportKey) => getTeamReport(db(), v, { ...range, teamId: teamOf(row) }),
};

export const agentCardOps = {
  view: (v: Viewer, row: AgentCardKey) => getAgentCard(db(), v, { ...range, agentId: agentOf(row), period: "week" }, new Date("2026-12-01T09:00:00Z")),
};

async function outcomes(attempt: (viewer: Viewer) => Promise<unknown>): Promise<Outcomes> {
  const found = [];
  for (const role of roles) found.push(await outcomeOf(() => attempt(cast().viewers[role])));
  return found as Outcomes;
}

export const teamReportOutcomesFor = (row: TeamReportKey) => outcomes((v) => teamReportOps.view(v, row));
export const agentCardOutcomesFor = (row: AgentCardKey) => outcomes((v) => agentCardOps.view(v, row));

/** The team page without a team chosen: the team each role lands on (null: none to show; "refused": 403). */
export async function defaultTeamFor(): Promise<(string | null)[]> {
  const landed = [];
  for (const role of roles) {
    try {
      const report = await getTeamReport(db(), cast().viewers[role], range);
      landed.push(report.team ? (Object.entries(cast().teams).find(([, id]) => id === report.team?.id)?.[0] ?? "another") : null);
    } catch {
      landed.push("refused");
    }
  }
  return landed;
}
