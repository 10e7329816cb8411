import { z } from "zod";
import { db } from "../lib/db.server";
import { DomainError } from "../lib/errors";
import { apiJson, apiRoute, assertMethod, methodNotAllowed } from "../modules/api/api-response.server";
import { requireApiViewer } from "../modules/api/authenticate-request.server";
import { commentRequestSchema } from "../modules/api/dispute-api.schema";
import { parseOrThrow, readJsonBody } from "../modules/api/read-json.server";
import { addComment, parseCommentBody } from "../modules/comments/add-comment.server";

const paramsSchema = z.object({ id: z.uuid() });

/**
 * POST /api/v1/evaluations/:id/comments — a comment in the evaluation's thread through the page's
 * use case (the same people notified, the same audit entry): 201 with the comment; 404 outside
 * the thread (an agent's unreleased or another's evaluation), 409 on a void evaluation, 422 an
 * empty comment or one over 5,000 characters.
 */
export const action = apiRoute(async ({ request, params }) => {
  assertMethod(request, ["POST"]);
  const viewer = await requireApiViewer(request, "interactions:view");
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw new DomainError("not_found", "There is no evaluation with this id that this token may see.");
  const input = parseOrThrow(commentRequestSchema, await readJsonBody(request, { maxBytes: 64 * 1024 }));
  const now = new Date();
  const { id } = await addComment(db(), viewer, parsed.data.id, input, now);
  return apiJson({ id, evaluationId: parsed.data.id, body: parseCommentBody(input.body), createdAt: now.toISOString() }, 201);
});

export const loader = methodNotAllowed(["POST"]);
