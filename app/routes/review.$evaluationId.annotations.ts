/**
 * POST /review/:evaluationId/annotations — the review workspace's media panel saves
 * annotations here with fetch (app/components/conversation/annotations-api.ts).
 *
 * Form fields: `_csrf`, `intent` (add | update | delete), `annotationId` (update, delete)
 * and `annotation` (the AnnotationInput as a JSON string; add, update). Answers JSON:
 * `{ ok: true, annotation }` (add, update), `{ ok: true }` (delete), or
 * `{ ok: false, code, message, fieldErrors }` (jsonFailure) with the status of the refusal: 403 for a stale
 * CSRF token or for an evaluation the viewer may see but not change (somebody else scores it,
 * or their role no longer scores conversations), 404 for an evaluation or annotation the
 * viewer may not see, 409 once the evaluation
 * is submitted, 422 for input that does not fit. Only the evaluation's reviewer, only
 * while it is a draft and only while their role scores conversations (the use cases decide,
 * before anything is written: lock-own-draft.server.ts).
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { assertCsrf, requireSession } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { DomainError, fieldErrorsOf } from "../lib/errors";
import { jsonFailure, type JsonFailure, refusalOf } from "../lib/errors.server";
import { readFormData } from "../lib/forms.server";
import { addAnnotation, deleteAnnotation, updateAnnotation } from "../modules/evaluations/annotate.server";
import { annotationInputSchema } from "../modules/evaluations/annotation.schema";
import type { SerializedAnnotation } from "../components/conversation/types";
import { getEvaluation } from "../modules/evaluations/get-evaluation.server";
import type { Viewer } from "../modules/users/roles";

const NOT_FOUND = "There is no evaluation or annotation at this address, or you cannot change it.";

/** The `annotation` field: JSON text holding the input. */
const annotationField = z
  .string({ error: "The annotation is missing; reload the page and try again" })
  .transform((text, ctx) => {
    try {
      return JSON.parse(text) as unknown;
    } catch {
      ctx.addIssue({ code: "custom", message: "The annotation could not be read; reload the page and try again" });
      return z.NEVER;
    }
  })
  .pipe(annotationInputSchema);

const annotationId = z.uuid({ error: NOT_FOUND });

const requestSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("add"), annotation: annotationField }),
    z.object({ intent: z.literal("update"), annotationId, annotation: annotationField }),
    z.object({ intent: z.literal("delete"), annotationId }),
  ],
  { error: "Unknown action; reload the page" },
);

export type AnnotationActionResult = { ok: true; annotation?: SerializedAnnotation } | JsonFailure;

function reply(body: AnnotationActionResult): Response {
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
}

const failure = jsonFailure;

/** Issues inside the JSON are named by the input's field (comment, endMs, …); the input as a whole (no anchor, not JSON) is "form". */
const inputField = (path: string) => (path === "annotation" ? "form" : path.replace(/^annotation\./, ""));

/** The annotation as the evaluation shows it now (author name, stored times), createdAt as ISO text. */
async function annotationView(viewer: Viewer, evaluationId: string, id: string) {
  const evaluation = await getEvaluation(db(), viewer, evaluationId);
  const found = evaluation.annotations.find((annotation) => annotation.id === id);
  if (!found) throw new DomainError("not_found", NOT_FOUND);
  return { ...found, createdAt: found.createdAt.toISOString() };
}

export async function action({ request, params }: ActionFunctionArgs) {
  if (request.method !== "POST") return failure(new DomainError("method_not_allowed", "Annotations are saved with POST."));
  const session = await requireSession(request);
  const { viewer } = session;
  try {
    const form = await readFormData(request);
    assertCsrf(session, form);
    const evaluationId = z.uuid().safeParse(params.evaluationId);
    if (!evaluationId.success) return failure(new DomainError("not_found", NOT_FOUND));

    const parsed = requestSchema.safeParse(Object.fromEntries([...form.entries()].filter(([, value]) => typeof value === "string")));
    if (!parsed.success) {
      const fieldErrors = fieldErrorsOf(parsed.error.issues, { field: inputField });
      if (fieldErrors.annotationId) return failure(new DomainError("not_found", NOT_FOUND));
      return failure(new DomainError("invalid", fieldErrors.form ?? "Please correct the highlighted fields.", fieldErrors));
    }

    const input = parsed.data;
    switch (input.intent) {
      case "add": {
        const { id } = await addAnnotation(db(), viewer, evaluationId.data, input.annotation);
        return reply({ ok: true, annotation: await annotationView(viewer, evaluationId.data, id) });
      }
      case "update": {
        // Update and delete name an annotation: it must belong to the evaluation in the address.
        await updateAnnotation(db(), viewer, input.annotationId, input.annotation, { inEvaluation: evaluationId.data });
        return reply({ ok: true, annotation: await annotationView(viewer, evaluationId.data, input.annotationId) });
      }
      case "delete": {
        await deleteAnnotation(db(), viewer, input.annotationId, { inEvaluation: evaluationId.data });
        return reply({ ok: true });
      }
    }
  } catch (error) {
    const refusal = refusalOf(error, { notFound: NOT_FOUND });
    if (!refusal) throw error;
    return failure(refusal);
  }
}
