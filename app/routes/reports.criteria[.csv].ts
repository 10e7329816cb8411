import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../lib/db.server";
import { criteriaCsv } from "../modules/reports/criteria-page.server";
import { csvDownload } from "../modules/reports/csv-route.server";

/** GET /reports/criteria.csv?<the page's filters> — the Criteria page's table as CSV. */
export const loader = ({ request }: LoaderFunctionArgs) => csvDownload(request, (viewer, params, now) => criteriaCsv(db(), viewer, params, now));
