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
import { getDraftRevision } from "../modules/evaluations/get-draft-revision.server";

const NOT_FOUND = "There is no evaluation at this address, or you do not have access to it.";

export type DraftRevisionReply = { ok: true; revision: number; savedAt: string; submitted: boolean } | { ok: false; message: string };

function reply(body: DraftRevisionReply, status = 200): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const id = z.uuid().safeParse(params.evaluationId);
  if (!id.success) return reply({ ok: false, message: NOT_FOUND }, 404);
  try {
    const draft = await getDraftRevision(db(), viewer, id.data);
    return reply({ ok: true, revision: draft.revision, savedAt: draft.savedAt.toISOString(), submitted: draft.submitted });
  } catch (error) {
    if (error instanceof DomainError) return reply({ ok: false, message: error.status === 404 ? NOT_FOUND : error.message }, error.status);
    throw error;
  }
}
