/**
 * `/reports/overview.csv?<filters>&group=team|scorecard`: the quality overview's table as CSV,
 * built by the page's own function (docs/decisions/0026: the CSV route pattern).
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../lib/db.server";
import { csvDownload } from "../modules/reports/csv-route.server";
import { buildQualityOverview } from "../modules/reports/quality-overview.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export async function loader({ request }: LoaderFunctionArgs) {
  return csvDownload(request, async (viewer, params, now) => {
    const { timeZone } = await getOrganisation(db());
    const overview = await buildQualityOverview(db(), viewer, params, { now, timeZone });
    return { table: overview.table, fileName: `quality-overview-${overview.filters.from}-${overview.filters.to}` };
  });
}
