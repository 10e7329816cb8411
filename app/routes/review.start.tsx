/**
 * Opening the review workspace (POST only): from a queue assignment (`assignment=<id>`) or
 * ad hoc from an interaction (`interaction=<id>&scorecard=<id>`), with the CSRF token. It
 * finds the reviewer's draft or starts one (openEvaluation) and redirects to it; refusals
 * (somebody else's assignment: 404, own conversation: 403, …) show the error page with the
 * use case's message. A GET has nothing to show and goes to the queue.
 */
import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { z } from "zod";
import { RouteErrorBoundary } from "../components/error-page";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { DomainError } from "../lib/errors";
import { readForm } from "../lib/forms.server";
import { errorPage, type FormFailure, rethrowAsErrorPage } from "../lib/errors.server";
import { openEvaluation, type OpenRequest } from "../modules/evaluations/open-evaluation.server";

const uuid = (message: string) => z.uuid({ error: message });

const startSchema = z.union(
  [
    z.object({ assignment: uuid("This assignment is not in your queue any more; reload your queue") }),
    z.object({
      interaction: uuid("This interaction link is malformed; open it again from the list"),
      scorecard: uuid("Choose a scorecard to score with"),
    }),
  ],
  { error: "Choose an assignment from your queue, or an interaction and a scorecard" },
);

export function loader() {
  return redirect("/queue");
}

/** The first message of a refused form, for the error page. */
function refusalMessage(failure: FormFailure): string {
  return Object.values(failure.fieldErrors)[0] ?? failure.message;
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "reviews:work");
  const form = await readForm(request, startSchema);
  if (!form.ok) throw errorPage(new DomainError(form.response.data.code, refusalMessage(form.response.data)));
  const input = form.input;
  const open: OpenRequest = "assignment" in input ? { assignmentId: input.assignment } : { interactionId: input.interaction, scorecardId: input.scorecard };
  try {
    const { evaluationId } = await openEvaluation(db(), viewer, open);
    throw redirect(`/review/${evaluationId}`);
  } catch (error) {
    const notFound =
      "assignmentId" in open
        ? "This assignment is not in your queue: it was reassigned to someone else, or it does not exist."
        : "There is no interaction at this address, or you do not have access to it.";
    rethrowAsErrorPage(error, { notFound });
  }
}

/** Only shown for a refusal (the loader redirects every GET). */
export default function ReviewStart() {
  return null;
}

export const ErrorBoundary = RouteErrorBoundary;
