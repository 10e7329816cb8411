import { db } from "../lib/db.server";
import { apiJson, apiRoute, methodNotAllowed } from "../modules/api/api-response.server";
import { requireApiViewer } from "../modules/api/authenticate-request.server";
import { parseOrThrow } from "../modules/api/read-json.server";
import { reviewersReportQuerySchema } from "../modules/api/report-api.schema";
import { apiReviewersReport } from "../modules/api/report-api.server";

/** GET /api/v1/reports/reviewers — per reviewer: output, median handling time, mean against peers, overturn rate (the Reviewers page). */
export const loader = apiRoute(async ({ request }) => {
  const viewer = await requireApiViewer(request, "reports:view");
  const query = parseOrThrow(reviewersReportQuerySchema, Object.fromEntries(new URL(request.url).searchParams), "query");
  return apiJson(await apiReviewersReport(db(), viewer, query, new Date()));
});

export const action = methodNotAllowed(["GET"]);
