/**
 * POST /evaluations/:id/disputes: the dispute form on the evaluation page (issue 13 §6) posts here
 * with a fetcher. The questions travel as one JSON field, checked by raiseDispute (404, 403, 409,
 * 422 in that order); a raised dispute redirects to its page.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { resourceFailure, runUseCase } from "../lib/errors.server";
import { readForm } from "../lib/forms.server";
import { jsonFormField } from "../modules/disputes/dispute.schema";
import { raiseDispute } from "../modules/disputes/raise-dispute.server";
import { evaluationIdOf } from "./review.$evaluationId/evaluation-page.server";

const formSchema = z.object({ payload: jsonFormField("dispute") });

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "interactions:view");
  const id = evaluationIdOf(params);
  const form = await readForm(request, formSchema);
  if (!form.ok) return resourceFailure(form.response);
  const result = await runUseCase(form.form, () => raiseDispute(db(), viewer, id, form.input.payload as Parameters<typeof raiseDispute>[3]));
  if (!result.ok) return resourceFailure(result.response);
  throw redirect(`/disputes/${result.value.id}?raised=1`);
}
