import { db } from "../lib/db.server";
import { apiJson, apiRoute, methodNotAllowed } from "../modules/api/api-response.server";
import { requireApiViewer } from "../modules/api/authenticate-request.server";
import { disputeListQuerySchema } from "../modules/api/dispute-api.schema";
import { listApiDisputes } from "../modules/api/list-api-disputes.server";
import { parseOrThrow } from "../modules/api/read-json.server";

/** GET /api/v1/disputes — the disputes the token's user may see, oldest due first, keyset-paged. */
export const loader = apiRoute(async ({ request }) => {
  const viewer = await requireApiViewer(request, "interactions:view");
  const query = parseOrThrow(disputeListQuerySchema, Object.fromEntries(new URL(request.url).searchParams), "query");
  return apiJson(await listApiDisputes(db(), viewer, query));
});

export const action = methodNotAllowed(["GET"]);
