import { db } from "../lib/db.server";
import { apiJson, apiRoute, methodNotAllowed } from "../modules/api/api-response.server";
import { coachingPlanListQuerySchema } from "../modules/api/coaching-api.schema";
import { requireCoachingApiViewer } from "../modules/api/coaching-api-viewer.server";
import { listApiCoachingPlans } from "../modules/api/list-api-coaching-plans.server";
import { parseOrThrow } from "../modules/api/read-json.server";

/** GET /api/v1/coaching/plans — the coaching plans the token's user may see, active first, keyset-paged. */
export const loader = apiRoute(async ({ request }) => {
  const viewer = await requireCoachingApiViewer(request);
  const query = parseOrThrow(coachingPlanListQuerySchema, Object.fromEntries(new URL(request.url).searchParams), "query");
  return apiJson(await listApiCoachingPlans(db(), viewer, query, new Date()));
});

export const action = methodNotAllowed(["GET"]);
