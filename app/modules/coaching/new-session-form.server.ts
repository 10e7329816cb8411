/**
 * What the "schedule a standalone session" page needs (issue 15 §2): the agents the viewer
 * coaches, the organisation's today and zone. Only `coaching:manage` (supervisors, QA leads):
 * anybody else is refused with 403 whatever the agent, as the page reveals no row. An `agent`
 * outside the coach's agents is not preselected (the form's choice is the list).
 */
import type { Database } from "../../lib/db.server";
import { formatLocalDate, localDateOf } from "../../lib/time";
import { assertCan } from "../access/refusals";
import { getOrganisation } from "../users/get-organisation.server";
import type { Viewer } from "../users/roles";
import { listCoachableAgents } from "./coaching-options.server";

export interface NewSessionForm {
  agents: { id: string; name: string }[];
  agentId: string | undefined;
  today: string;
  timeZone: string;
}

export async function getNewSessionForm(db: Database, viewer: Viewer, input: { agentId?: string | null }, now: Date): Promise<NewSessionForm> {
  assertCan(viewer, "coaching:manage");
  const { timeZone } = await getOrganisation(db);
  const agents = await listCoachableAgents(db, viewer);
  const agentId = agents.some((a) => a.id === input.agentId) ? (input.agentId ?? undefined) : undefined;
  return { agents, agentId, today: formatLocalDate(localDateOf(now, timeZone)), timeZone };
}
