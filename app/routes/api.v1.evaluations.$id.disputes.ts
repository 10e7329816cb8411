import { z } from "zod";
import { db } from "../lib/db.server";
import { DomainError } from "../lib/errors";
import { apiJson, apiRoute, assertMethod, methodNotAllowed } from "../modules/api/api-response.server";
import { requireApiViewer } from "../modules/api/authenticate-request.server";
import { readJsonBody } from "../modules/api/read-json.server";
import type { RaiseDisputeInput } from "../modules/disputes/dispute.schema";
import { raiseDispute } from "../modules/disputes/raise-dispute.server";

const paramsSchema = z.object({ id: z.uuid() });

/**
 * POST /api/v1/evaluations/:id/disputes — the agent, or their supervisor for them, disputes the
 * revision they read (its id from GET), through the page's use case, which parses the body and
 * makes every check (docs/api.md): 201 with the dispute; 404 outside the token's scope, 403 a
 * role that does not dispute, 409 not released, void, the window closed, the revision no longer
 * current or a dispute already open, 422 a body the use case refuses (fields named by path).
 */
export const action = apiRoute(async ({ request, params }) => {
  assertMethod(request, ["POST"]);
  const viewer = await requireApiViewer(request, "interactions:view");
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new DomainError("not_found", "There is no evaluation with this id that this token may see.");
  const body = (await readJsonBody(request, { maxBytes: 256 * 1024 })) as RaiseDisputeInput;
  const dispute = await raiseDispute(db(), viewer, parsed.data.id, body);
  return apiJson({ id: dispute.id, state: dispute.state, dueAt: dispute.dueAt.toISOString() }, 201);
});

export const loader = methodNotAllowed(["POST"]);
