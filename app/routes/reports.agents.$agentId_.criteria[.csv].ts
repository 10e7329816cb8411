/**
 * `/reports/agents/:agentId/criteria.csv?<filters>`: the agent card's criteria table as CSV,
 * built by the card's own function (docs/decisions/0026: the CSV route pattern).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../lib/db.server";
import { csvDownload } from "../modules/reports/csv-route.server";
import { buildAgentCardPage } from "../modules/reports/agent-card-page.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export async function loader({ request, params }: LoaderFunctionArgs) {
  return csvDownload(request, async (viewer, search, now) => {
    const { timeZone } = await getOrganisation(db());
    const page = await buildAgentCardPage(db(), viewer, params.agentId ?? "", search, { now, timeZone });
    return { table: page.table, fileName: `criteria-${page.card.agent.name}-${page.filters.from}-${page.filters.to}` };
  });
}
