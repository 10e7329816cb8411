import { z } from "zod";
import { db } from "../lib/db.server";
import { DomainError } from "../lib/errors";
import { apiJson, apiRoute, assertMethod, methodNotAllowed } from "../modules/api/api-response.server";
import { requireApiViewer } from "../modules/api/authenticate-request.server";
import { acknowledgeRequestSchema } from "../modules/api/evaluation-api.schema";
import { parseOrThrow, readJsonBody } from "../modules/api/read-json.server";
import { acknowledgeEvaluation } from "../modules/feedback/acknowledge-evaluation.server";

const paramsSchema = z.object({ id: z.uuid() });

/**
 * POST /api/v1/evaluations/:id/acknowledgement — the agent acknowledges the revision they
 * read (its id from GET), through the page's use case: 201 when recorded, 200 when that
 * revision was already acknowledged; 404 outside the token's scope, 403 for anyone but the
 * agent, 409 when void, not asked for, or the revision is no longer current.
 */
export const action = apiRoute(async ({ request, params }) => {
  assertMethod(request, ["POST"]);
  const viewer = await requireApiViewer(request, "interactions:view");
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new DomainError("not_found", "There is no evaluation with this id that this token may see.");
  const input = parseOrThrow(acknowledgeRequestSchema, await readJsonBody(request, { maxBytes: 64 * 1024 }));
  const outcome = await acknowledgeEvaluation(db(), viewer, parsed.data.id, input);
  return apiJson({ revision: outcome.revision, acknowledgedAt: outcome.acknowledgedAt.toISOString(), created: outcome.created }, outcome.created ? 201 : 200);
});

export const loader = methodNotAllowed(["POST"]);
