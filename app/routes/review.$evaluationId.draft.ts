/**
 * GET /review/:evaluationId/draft — the revision of the reviewer's draft as the server has it
 * now: `{ revision, savedAt, submitted }`, never cached. The workspace asks each time it is
 * shown (a load, Back, a restore from the back-forward cache) before it allows edits, so a page
 * that came back with an old copy takes the saved one instead of overwriting it
 * (app/components/review/reconcile.ts). 404 for anybody but the evaluation's reviewer.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { requireViewer } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { DomainError } from "../lib/errors";
import { jsonFailure, type JsonFailure, refusalOf } from "../lib/errors.server";
import { getDraftRevision } from "../modules/evaluations/get-draft-revision.server";

const NOT_FOUND = "There is no evaluation at this address, or you do not have access to it.";

export type DraftRevisionReply = { ok: true; revision: number; savedAt: string; submitted: boolean } | JsonFailure;

function reply(body: DraftRevisionReply): Response {
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const id = z.uuid().safeParse(params.evaluationId);
  if (!id.success) return jsonFailure(new DomainError("not_found", NOT_FOUND));
  try {
    const draft = await getDraftRevision(db(), viewer, id.data);
    return reply({ ok: true, revision: draft.revision, savedAt: draft.savedAt.toISOString(), submitted: draft.submitted });
  } catch (error) {
    const refusal = refusalOf(error, { notFound: NOT_FOUND });
    if (!refusal) throw error;
    return jsonFailure(refusal);
  }
}
