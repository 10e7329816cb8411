/**
 * `/reports/team.csv?<filters>`: the team page's table as CSV, built by the page's own function
 * (docs/decisions/0026: the CSV route pattern), so it holds exactly the page's numbers.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../lib/db.server";
import { csvDownload } from "../modules/reports/csv-route.server";
import { buildTeamPage } from "../modules/reports/team-page.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return csvDownload(request, async (viewer, params, now) => {
    const { timeZone } = await getOrganisation(db());
    const page = await buildTeamPage(db(), viewer, params, { now, timeZone });
    return { table: page.table, fileName: `team-${page.report.team?.name ?? "none"}-${page.values.from}-${page.values.to}` };
  });
}
