import { db } from "../lib/db.server";
import { apiJson, apiRoute, methodNotAllowed } from "../modules/api/api-response.server";
import { requireCoachingApiViewer } from "../modules/api/coaching-api-viewer.server";
import { getApiCoachingPlan } from "../modules/api/get-api-coaching-plan.server";

/** GET /api/v1/coaching/plans/{id} — one plan: criteria, baselines, targets, the effect measured live; 404 outside the token user's scope. */
export const loader = apiRoute(async ({ request, params }) => {
  const viewer = await requireCoachingApiViewer(request);
  return apiJson(await getApiCoachingPlan(db(), viewer, params.id ?? "", new Date()));
});

export const action = methodNotAllowed(["GET"]);
