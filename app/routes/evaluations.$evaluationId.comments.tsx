/**
 * The comment thread's posts (issue 13 §4), apart from the evaluation page's own action so the
 * page stays thin: post, edit or delete a comment. The use cases check who takes part in the
 * thread (404), whose comment it is and its ten minutes (403), a void evaluation (409), and the
 * length (422); a refusal answers with what was typed, so nothing is lost.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { resourceFailure, runUseCase } from "../lib/errors.server";
import { readForm } from "../lib/forms.server";
import { addComment } from "../modules/comments/add-comment.server";
import { deleteComment } from "../modules/comments/delete-comment.server";
import { editComment } from "../modules/comments/edit-comment.server";
import { evaluationIdOf } from "./review.$evaluationId/evaluation-page.server";

// The body is checked by the use case, after who may post (404, then 403, then 422).
const actionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("add"), body: z.string().optional() }),
    z.object({ intent: z.literal("edit"), commentId: z.string(), body: z.string().optional() }),
    z.object({ intent: z.literal("delete"), commentId: z.string() }),
  ],
  { error: "Unknown action; reload the page" },
);

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "interactions:view");
  const evaluationId = evaluationIdOf(params);
  const form = await readForm(request, actionSchema);
  if (!form.ok) return resourceFailure(form.response);
  const input = form.input;
  const result = await runUseCase(form.form, async (): Promise<unknown> => {
    if (input.intent === "add") return addComment(db(), viewer, evaluationId, input);
    if (input.intent === "edit") return editComment(db(), viewer, input.commentId, input);
    return deleteComment(db(), viewer, input.commentId);
  });
  if (!result.ok) return resourceFailure(result.response);
  return { ok: true as const, intent: input.intent };
}
