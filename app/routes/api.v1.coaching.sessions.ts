import { db } from "../lib/db.server";
import { apiJson, apiRoute, methodNotAllowed } from "../modules/api/api-response.server";
import { coachingSessionListQuerySchema } from "../modules/api/coaching-api.schema";
import { requireCoachingApiViewer } from "../modules/api/coaching-api-viewer.server";
import { listApiCoachingSessions } from "../modules/api/list-api-coaching-sessions.server";
import { parseOrThrow } from "../modules/api/read-json.server";

/** GET /api/v1/coaching/sessions — one-on-one sessions the token's user may see, earliest first, keyset-paged; never a private note to an agent's token. */
export const loader = apiRoute(async ({ request }) => {
  const viewer = await requireCoachingApiViewer(request);
  const query = parseOrThrow(coachingSessionListQuerySchema, Object.fromEntries(new URL(request.url).searchParams), "query");
  return apiJson(await listApiCoachingSessions(db(), viewer, query, new Date()));
});

export const action = methodNotAllowed(["GET"]);
