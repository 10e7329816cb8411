/**
 * POST /interactions/:interactionId/self-evaluation — the agent starts (or continues) the
 * self-evaluation of their conversation (startSelfEvaluation) and goes to it: a draft to the
 * workspace, a submitted one to its page. Refusals (turned off, locked, not theirs) show the
 * error page with the use case's message. A GET has nothing to show and goes to the conversation.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { RouteErrorBoundary } from "../components/error-page";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { DomainError } from "../lib/errors";
import { errorPage, rethrowAsErrorPage } from "../lib/errors.server";
import { readForm } from "../lib/forms.server";
import { startSelfEvaluation } from "../modules/evaluations/start-self-evaluation.server";

const NOT_FOUND = "There is no interaction at this address, or you do not have access to it.";
const paramsSchema = z.object({ interactionId: z.uuid() });
const startSchema = z.object({ scorecardId: z.uuid({ error: "Pick a scorecard from the list" }).optional() });

function interactionIdOf(params: unknown): string {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw errorPage("not_found", NOT_FOUND);
  return parsed.data.interactionId;
}

export function loader({ params }: LoaderFunctionArgs) {
  return redirect(`/interactions/${interactionIdOf(params)}`);
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "interactions:view");
  const interactionId = interactionIdOf(params);
  const form = await readForm(request, startSchema);
  if (!form.ok) throw errorPage(new DomainError(form.response.data.code, Object.values(form.response.data.fieldErrors)[0] ?? form.response.data.message));
  try {
    const started = await startSelfEvaluation(db(), viewer, { interactionId, scorecardId: form.input.scorecardId });
    throw redirect(started.status === "draft" ? `/review/${started.evaluationId}` : `/evaluations/${started.evaluationId}`);
  } catch (error) {
    rethrowAsErrorPage(error, { notFound: NOT_FOUND });
  }
}

export default function StartSelfEvaluation() {
  return null;
}

export const ErrorBoundary = RouteErrorBoundary;
