/**
 * One dispute (issue 13 §6): its state, who raised it for whom, the due time (flagged when
 * overdue), the supervisor's and the arbiter's notes, each disputed question with the original
 * and proposed answers side by side and the evidence quoted and playable in the conversation
 * below; and what the viewer may do now — endorse or decline (the agent's supervisor, first
 * line), take and decide (an arbiter), withdraw (the raiser, after a confirmation). 404 for a
 * dispute the viewer may not see, exactly as for one that does not exist.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { ConfirmDialog } from "../components/confirm-dialog";
import { CsrfField } from "../components/csrf-field";
import { ReviewMedia } from "../components/conversation/review-media";
import { DisputeDecisionForm } from "../components/disputes/dispute-decision-form";
import { disputePageView } from "../components/disputes/dispute-page-view.server";
import { DisputeQuestions } from "../components/disputes/dispute-questions";
import { RouteErrorBoundary } from "../components/error-page";
import { requireViewer } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { errorPage, rethrowAsErrorPage, runUseCase } from "../lib/errors.server";
import { readForm } from "../lib/forms.server";
import { blobStore } from "../lib/storage.server";
import { declineDispute } from "../modules/disputes/decline-dispute.server";
import { decideDispute } from "../modules/disputes/decide-dispute.server";
import { jsonFormField } from "../modules/disputes/dispute.schema";
import { endorseDispute } from "../modules/disputes/endorse-dispute.server";
import { getDispute } from "../modules/disputes/get-dispute.server";
import { takeDispute } from "../modules/disputes/take-dispute.server";
import { withdrawDispute } from "../modules/disputes/withdraw-dispute.server";
import { getInteraction } from "../modules/interactions/get-interaction.server";
import { getOrganisation } from "../modules/users/get-organisation.server";
import { loadEvaluationOrThrow, mediaDataOf } from "./review.$evaluationId/evaluation-page.server";

export const meta: MetaFunction = () => [{ title: "Dispute · Parley" }];

const NOT_FOUND = "There is no dispute at this address, or you do not have access to it.";
const paramsSchema = z.object({ disputeId: z.uuid() });
const actionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("take") }),
    z.object({ intent: z.literal("withdraw") }),
    z.object({ intent: z.literal("endorse"), note: z.string().optional() }),
    z.object({ intent: z.literal("decline"), note: z.string().optional() }),
    z.object({ intent: z.literal("decide"), payload: jsonFormField("decision") }),
  ],
  { error: "Unknown action; reload the page" },
);

function disputeIdOf(params: unknown): string {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw errorPage("not_found", NOT_FOUND);
  return parsed.data.disputeId;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const id = disputeIdOf(params);
  const detail = await getDispute(db(), viewer, id).catch((error: unknown) => rethrowAsErrorPage(error, { notFound: NOT_FOUND }));
  const [organisation, evaluation, interaction] = await Promise.all([
    getOrganisation(db()),
    loadEvaluationOrThrow(viewer, detail.evaluationId),
    getInteraction(db(), blobStore(), viewer, detail.interactionId),
  ]);
  return {
    dispute: disputePageView(detail, organisation.timeZone),
    media: interaction ? mediaDataOf(interaction, evaluation) : null,
    currentUserId: viewer.id,
    timeZone: organisation.timeZone,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const id = disputeIdOf(params);
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const input = form.input;
  const result = await runUseCase(form.form, async () => {
    switch (input.intent) {
      case "take":
        return takeDispute(db(), viewer, id);
      case "withdraw":
        return withdrawDispute(db(), viewer, id);
      case "endorse":
        return endorseDispute(db(), viewer, id, { note: input.note });
      case "decline":
        return declineDispute(db(), viewer, id, { note: input.note });
      case "decide":
        return decideDispute(db(), viewer, id, input.payload as Parameters<typeof decideDispute>[3]);
    }
  });
  if (!result.ok) return result.response;
  throw redirect(`/disputes/${id}?done=${input.intent}`);
}

const doneMessages: Record<string, string> = {
  take: "You are reviewing this dispute. The agent has been told.",
  withdraw: "The dispute is withdrawn.",
  endorse: "Endorsed: the dispute goes to QA.",
  decline: "Declined. The agent can read your note.",
  decide: "Decision saved. Those concerned have been told.",
};

export default function DisputePage() {
  const { dispute: d, media, currentUserId, timeZone } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const failed = failure && !failure.ok ? failure : null;
  const navigation = useNavigation();
  const posting = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const [search] = useSearchParams();
  const [play, setPlay] = useState<{ ms: number; nonce: number } | null>(null);
  const done = search.get("done");
  const score = d.current.score === null ? "—" : d.current.score.toFixed(1);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/disputes">Disputes</Link> · <Link to={`/evaluations/${d.evaluationId}`}>The evaluation</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>Dispute of {d.names.agent}’s evaluation</h1>
          <p className="muted">
            {d.scorecardName}, scored by {d.names.reviewer}. Raised by {d.names.raiser}
            {d.onBehalf ? ` for ${d.names.agent}` : ""} on {d.raisedAt}, against revision {d.disputedRevision.sequence}.
          </p>
        </div>
        <p>
          <span className={`badge badge--dispute-${d.state}`}>{d.stateLabel}</span>
          {d.overdue ? <span className="badge badge--overdue"> Overdue</span> : null}
        </p>
      </div>
      {search.get("raised") === "1" ? (
        <p className="alert alert--success" role="status">
          Your dispute was sent. {d.state === "awaiting_supervisor" ? "The supervisor reviews it first." : "An arbiter will decide it."}
        </p>
      ) : null}
      {done && doneMessages[done] ? (
        <p className="alert alert--success" role="status">
          {doneMessages[done]}
        </p>
      ) : null}
      {failed && failed.values.intent !== "decide" ? (
        <p className="alert alert--error" role="alert">
          {failed.message}
        </p>
      ) : null}

      <dl className="dispute-facts">
        {d.state === "open" || d.state === "in_review" ? (
          <div>
            <dt>Due</dt>
            <dd>{d.dueAt}</dd>
          </div>
        ) : null}
        {d.names.taker ? (
          <div>
            <dt>Arbiter</dt>
            <dd>
              {d.names.taker}
              {d.takenAt ? `, since ${d.takenAt}` : ""}
            </dd>
          </div>
        ) : null}
        {d.decidedAt ? (
          <div>
            <dt>Decided</dt>
            <dd>
              {d.decidedAt} by {d.names.decider}
              {d.decisionRevision ? ` (revision ${d.decisionRevision}; the score is now ${score})` : " (every answer kept)"}
            </dd>
          </div>
        ) : null}
        {d.withdrawnAt ? (
          <div>
            <dt>Withdrawn</dt>
            <dd>{d.withdrawnAt}</dd>
          </div>
        ) : null}
      </dl>
      {d.supervisor && d.names.supervisor ? (
        <p>
          {d.state === "declined" ? "Declined" : "Endorsed"} by {d.names.supervisor} on {d.supervisor.at}
          {d.supervisor.note ? `: “${d.supervisor.note}”` : "."}
        </p>
      ) : null}
      {d.decisionNote ? <p>Arbiter’s note: “{d.decisionNote}”</p> : null}

      <div className="dispute-actions">
        {d.may.take ? (
          <Form method="post">
            <CsrfField />
            <button type="submit" name="intent" value="take" className="button button--primary" disabled={posting === "take"}>
              Take this dispute
            </button>
          </Form>
        ) : null}
        {d.may.withdraw ? (
          <ConfirmDialog opener="Withdraw…" title="Withdraw this dispute?" intent="withdraw" confirmLabel="Withdraw" keepLabel="Keep the dispute" tone="danger">
            <p>The evaluation stays as it is. You can dispute it again while the window is open.</p>
          </ConfirmDialog>
        ) : null}
      </div>
      {d.may.endorse ? (
        <Form method="post" className="dispute-note" aria-labelledby="supervisor-title">
          <h2 id="supervisor-title">Your review as supervisor</h2>
          <CsrfField />
          <div className="field">
            <label htmlFor="supervisor-note">Note (required to decline; the agent reads it)</label>
            <textarea id="supervisor-note" name="note" rows={2} defaultValue={failed?.values.note ?? ""} />
            {failed?.fieldErrors.note ? <p className="field__error">{failed.fieldErrors.note}</p> : null}
          </div>
          <div className="dispute-actions">
            <button type="submit" name="intent" value="endorse" className="button button--primary">
              Endorse: send to QA
            </button>
            <button type="submit" name="intent" value="decline" className="button">
              Decline
            </button>
          </div>
        </Form>
      ) : null}

      <DisputeQuestions questions={d.questions} onPlay={media?.player ? (ms) => setPlay({ ms, nonce: Date.now() }) : null} />

      {d.may.decide ? (
        <DisputeDecisionForm
          questions={d.questions}
          mayLower={d.decisionMayLower}
          fieldErrors={failed?.values.intent === "decide" ? failed.fieldErrors : {}}
          message={failed?.values.intent === "decide" ? failed.message : null}
          submitting={posting === "decide"}
        />
      ) : null}

      {media ? (
        <ReviewMedia
          key={d.evaluationId}
          evaluationId={d.evaluationId}
          player={media.player}
          transcript={media.transcript}
          annotations={media.annotations}
          questions={media.questions}
          editable={false}
          currentUserId={currentUserId}
          timeZone={timeZone}
          playRequest={play}
        />
      ) : null}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
