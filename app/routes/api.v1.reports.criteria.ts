import { db } from "../lib/db.server";
import { apiJson, apiRoute, methodNotAllowed } from "../modules/api/api-response.server";
import { requireApiViewer } from "../modules/api/authenticate-request.server";
import { parseOrThrow } from "../modules/api/read-json.server";
import { criteriaReportQuerySchema } from "../modules/api/report-api.schema";
import { apiCriteriaReport } from "../modules/api/report-api.server";

/** GET /api/v1/reports/criteria — per question: mean q, failure and N/A rates, n and trend, worst first (the Criteria page). */
export const loader = apiRoute(async ({ request }) => {
  const viewer = await requireApiViewer(request, "reports:view");
  const query = parseOrThrow(criteriaReportQuerySchema, Object.fromEntries(new URL(request.url).searchParams), "query");
  return apiJson(await apiCriteriaReport(db(), viewer, query));
});

export const action = methodNotAllowed(["GET"]);
