import { db } from "../lib/db.server";
import { apiJson, apiRoute, methodNotAllowed } from "../modules/api/api-response.server";
import { requireApiViewer } from "../modules/api/authenticate-request.server";
import { parseOrThrow } from "../modules/api/read-json.server";
import { qualityReportQuerySchema } from "../modules/api/report-api.schema";
import { apiQualityReport } from "../modules/api/report-api.server";

/** GET /api/v1/reports/quality — n, mean, pass and auto-fail rates with intervals per group and period, as the report pages show them. */
export const loader = apiRoute(async ({ request }) => {
  const viewer = await requireApiViewer(request, "reports:view");
  const query = parseOrThrow(qualityReportQuerySchema, Object.fromEntries(new URL(request.url).searchParams), "query");
  return apiJson(await apiQualityReport(db(), viewer, query, new Date()));
});

export const action = methodNotAllowed(["GET"]);
