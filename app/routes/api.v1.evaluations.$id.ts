import { z } from "zod";
import { db } from "../lib/db.server";
import { DomainError } from "../lib/errors";
import { apiJson, apiRoute, methodNotAllowed } from "../modules/api/api-response.server";
import { requireApiViewer } from "../modules/api/authenticate-request.server";
import { getApiEvaluation } from "../modules/api/get-api-evaluation.server";

const paramsSchema = z.object({ id: z.uuid() });

/** GET /api/v1/evaluations/:id — 404 when missing or outside the token user's scope (the same answer). */
export const loader = apiRoute(async ({ request, params }) => {
  const viewer = await requireApiViewer(request, "interactions:view");
  const parsed = paramsSchema.safeParse(params);
  const evaluation = parsed.success ? await getApiEvaluation(db(), viewer, parsed.data.id) : null;
  if (!evaluation) throw new DomainError("not_found", "There is no evaluation with this id that this token may see.");
  return apiJson(evaluation);
});

export const action = methodNotAllowed(["GET"]);
