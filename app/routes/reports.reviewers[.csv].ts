import type { LoaderFunctionArgs } from "@remix-run/node";
import { db } from "../lib/db.server";
import { csvDownload } from "../modules/reports/csv-route.server";
import { reviewersCsv } from "../modules/reports/reviewers-page.server";

/** GET /reports/reviewers.csv?<the page's filters>[&table=peers] — one of the Reviewers page's tables as CSV. */
export const loader = ({ request }: LoaderFunctionArgs) => csvDownload(request, (viewer, params, now) => reviewersCsv(db(), viewer, params, now));
