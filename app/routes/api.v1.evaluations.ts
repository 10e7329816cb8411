import { db } from "../lib/db.server";
import { apiJson, apiRoute, methodNotAllowed } from "../modules/api/api-response.server";
import { requireApiViewer } from "../modules/api/authenticate-request.server";
import { evaluationListQuerySchema } from "../modules/api/evaluation-api.schema";
import { listApiEvaluations } from "../modules/api/list-api-evaluations.server";
import { parseOrThrow } from "../modules/api/read-json.server";

/** GET /api/v1/evaluations — the reviews the token's user may see, newest submitted first, keyset-paged. */
export const loader = apiRoute(async ({ request }) => {
  const viewer = await requireApiViewer(request, "interactions:view");
  const query = parseOrThrow(evaluationListQuerySchema, Object.fromEntries(new URL(request.url).searchParams), "query");
  return apiJson(await listApiEvaluations(db(), viewer, query));
});

export const action = methodNotAllowed(["GET"]);
