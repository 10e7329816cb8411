import { z } from "zod";
import { db } from "../lib/db.server";
import { DomainError } from "../lib/errors";
import { apiJson, apiRoute, assertMethod, methodNotAllowed } from "../modules/api/api-response.server";
import { requireApiViewer } from "../modules/api/authenticate-request.server";
import { readJsonBody } from "../modules/api/read-json.server";
import { decideDispute } from "../modules/disputes/decide-dispute.server";
import type { DecideDisputeInput } from "../modules/disputes/dispute.schema";

const paramsSchema = z.object({ id: z.uuid() });

/**
 * POST /api/v1/disputes/:id/decision — an arbiter decides every disputed question through the
 * page's use case (an open dispute is taken on the way; the revision, score, audit entry,
 * notifications and webhook in one transaction): 201 with the outcome; 404 outside the token's
 * scope, 403 not an arbiter or the original reviewer, 409 withdrawn, declined, awaiting the
 * supervisor, decided already or taken by another arbiter, 422 a decision the use case refuses.
 */
export const action = apiRoute(async ({ request, params }) => {
  assertMethod(request, ["POST"]);
  const viewer = await requireApiViewer(request, "interactions:view");
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new DomainError("not_found", "There is no dispute with this id that this token may see.");
  const body = (await readJsonBody(request, { maxBytes: 256 * 1024 })) as DecideDisputeInput;
  const decision = await decideDispute(db(), viewer, parsed.data.id, body);
  return apiJson(decision, 201);
});

export const loader = methodNotAllowed(["POST"]);
