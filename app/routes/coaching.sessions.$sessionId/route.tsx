/**
 * One coaching session (issue 15 §2): when, state and plan; for the coach side the agenda
 * (built from the plan and the agent's record, plus the coach's own items), the shared and the
 * private note in the rich-text editor with autosave and conflict handling, and action items;
 * the coach marks the session held, missed or cancelled. The agent sees their own session with
 * the shared note only (read-only), the action items (ticking their own) and acknowledges a held
 * session. The private note is never read for the agent (read-session-notes.server.ts). 404 for a
 * session the viewer may not see.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams, type ClientActionFunctionArgs, type ShouldRevalidateFunction } from "@remix-run/react";
import { z } from "zod";
import { ActionOutcome } from "../../components/action-outcome";
import { SessionAgenda } from "../../components/coaching/session-agenda";
import { SessionNoteEditor } from "../../components/coaching/session-note-editor";
import type { NoteSaveResult } from "../../components/coaching/session-note-save";
import { SessionAcknowledgement, SessionActionItems, SessionStateForm } from "../../components/coaching/session-panel";
import { RouteErrorBoundary } from "../../components/error-page";
import { FeedbackView } from "../../components/rich-text/feedback-view";
import { requireViewer } from "../../lib/auth.server";
import { db } from "../../lib/db.server";
import { errorPage, rethrowAsErrorPage, runUseCase } from "../../lib/errors.server";
import { readForm } from "../../lib/forms.server";
import { editSessionAgenda } from "../../modules/coaching/edit-session-agenda.server";
import { getCoachingSession } from "../../modules/coaching/get-session.server";
import { acknowledgeSession, addActionItem, completeActionItem, setSessionState } from "../../modules/coaching/session-actions.server";
import { sessionPageData } from "./session-page-data.server";
import { noteAction } from "./note-action.server";

export const meta: MetaFunction = () => [{ title: "Coaching session · Parley" }];

const NOT_FOUND = "There is no coaching session at this address, or you do not have access to it.";

function sessionIdOf(params: unknown): string {
  const parsed = z.object({ sessionId: z.uuid() }).safeParse(params);
  if (!parsed.success) throw errorPage("not_found", NOT_FOUND);
  return parsed.data.sessionId;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const detail = await getCoachingSession(db(), viewer, sessionIdOf(params), new Date()).catch((error: unknown) => rethrowAsErrorPage(error, { notFound: NOT_FOUND }));
  return sessionPageData(detail, viewer);
}

const actionSchema = z.discriminatedUnion(
  "intent",
  [
    z.object({ intent: z.literal("session-state"), state: z.string().optional() }),
    z.object({ intent: z.literal("session-ack"), comment: z.string().optional() }),
    z.object({ intent: z.literal("item"), text: z.string().optional(), owner: z.string().optional(), dueOn: z.string().optional() }),
    z.object({ intent: z.literal("item-done"), itemId: z.string() }),
    z.object({ intent: z.literal("agenda"), op: z.enum(["add", "remove", "move-up", "move-down"]), itemId: z.string().optional(), text: z.string().optional() }),
  ],
  { error: "Unknown action; reload the page" },
);

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const sessionId = sessionIdOf(params);
  if (request.headers.get("Content-Type")?.includes("application/json")) return noteAction(request, viewer, sessionId, NOT_FOUND);
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const input = form.input;
  const now = new Date();
  const result = await runUseCase(form.form, async () => {
    switch (input.intent) {
      case "session-state":
        return setSessionState(db(), viewer, sessionId, { state: input.state }, now);
      case "session-ack":
        return acknowledgeSession(db(), viewer, sessionId, { comment: input.comment }, now);
      case "item":
        return addActionItem(db(), viewer, sessionId, { text: input.text ?? "", owner: input.owner, dueOn: input.dueOn ?? "" }, now);
      case "item-done":
        return completeActionItem(db(), viewer, input.itemId, now);
      case "agenda": {
        const edit = input.op === "move-up" || input.op === "move-down" ? { op: "move", itemId: input.itemId, direction: input.op.slice(5) } : { op: input.op, itemId: input.itemId, text: input.text ?? "" };
        return editSessionAgenda(db(), viewer, sessionId, edit, now);
      }
    }
  });
  if (!result.ok) return result.response;
  throw redirect(`/coaching/sessions/${sessionId}?done=${input.intent}`);
}

/**
 * A note autosave that never reaches the server (offline) or meets a server error becomes a
 * failure the editor shows and retries, as in the review workspace; forms go through unchanged.
 */
export async function clientAction({ request, serverAction }: ClientActionFunctionArgs) {
  if (!request.headers.get("Content-Type")?.includes("application/json")) return serverAction<typeof action>();
  if (typeof navigator !== "undefined" && navigator.onLine === false) return { intent: "note", ok: false, kind: "offline", message: "You are offline." } satisfies NoteSaveResult;
  try {
    return await serverAction<typeof action>();
  } catch {
    return { intent: "note", ok: false, kind: "server", message: "The server could not be reached." } satisfies NoteSaveResult;
  }
}

/** A note autosave changes nothing else on the page: nothing is reloaded (the editor keeps its state). */
export const shouldRevalidate: ShouldRevalidateFunction = ({ json, defaultShouldRevalidate }) => {
  if (json && typeof json === "object" && "intent" in json && json.intent === "note") return false;
  return defaultShouldRevalidate;
};

const doneMessages: Record<string, string> = {
  schedule: "Session scheduled. The agent has been told.",
  "session-state": "Session updated.",
  "session-ack": "Session acknowledged. Your coach has been told.",
  item: "Action item added.",
  "item-done": "Action item done.",
  agenda: "Agenda updated.",
};
const stateLabels = { scheduled: "Scheduled", held: "Held", missed: "Missed", cancelled: "Cancelled" } as const;

export default function SessionPage() {
  const page = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const failed = failure && !failure.ok && "fieldErrors" in failure ? failure : null;
  const errors = failed?.fieldErrors ?? {};
  const [search] = useSearchParams();
  const done = search.get("done");
  const { session, notes } = page;
  return (
    <>
      <p className="breadcrumb">
        {page.coachSide ? <Link to="/coaching">Coaching</Link> : <Link to="/my/coaching">My coaching</Link>}
        {page.plan ? (
          <>
            {" · "}
            <Link to={`/coaching/plans/${page.plan.id}`}>{page.plan.title}</Link>
          </>
        ) : null}
      </p>
      <div className="page-header">
        <div>
          <h1>Coaching session with {page.agentName}</h1>
          <p className="muted">
            {session.when}, {session.durationMinutes} minutes, with {session.coachName}. {page.plan ? `On the plan “${page.plan.title}”.` : "A standalone session."}{" "}
            <a href={`/coaching/sessions/${session.id}/calendar.ics`}>Add to calendar (.ics)</a>
          </p>
        </div>
        <p>
          <span className="badge">{stateLabels[session.state]}</span>
        </p>
      </div>
      <ActionOutcome success={done ? doneMessages[done] : null} error={failed?.message} />
      {page.may.manage ? <SessionStateForm state={session.state} /> : null}
      {page.agenda ? <SessionAgenda agenda={page.agenda} editable={page.may.manage && session.state !== "cancelled"} errors={errors} /> : null}
      <section aria-labelledby="session-notes">
        <h2 id="session-notes">Notes</h2>
        {page.may.manage ? (
          <>
            <SessionNoteEditor sessionId={session.id} visibility="shared" title="Shared with the agent" hint={`${page.agentName} reads this note.`} {...notes.shared} timeZone={page.timeZone} />
            {notes.private ? (
              <SessionNoteEditor
                sessionId={session.id}
                visibility="private"
                title="Private coach notes"
                hint={`Only ${page.agentName}’s supervisors, QA leads and admins read this note; never ${page.agentName}.`}
                {...notes.private}
                timeZone={page.timeZone}
              />
            ) : null}
          </>
        ) : (
          <>
            <h3>{page.coachSide ? "Shared with the agent" : "Notes from your coach"}</h3>
            <FeedbackView doc={notes.shared.body} headingLevel={3} emptyText="No notes yet." />
            {notes.private ? (
              <>
                <h3>Private coach notes</h3>
                <FeedbackView doc={notes.private.body} headingLevel={3} emptyText="No private notes." />
              </>
            ) : null}
          </>
        )}
      </section>
      <SessionActionItems
        state={session.state}
        agentName={page.agentName}
        items={session.items}
        coach={page.may.manage}
        agent={page.may.tickAgentItems}
        errors={errors}
        today={page.today}
      />
      <SessionAcknowledgement agentName={page.agentName} acknowledgedAt={session.acknowledgedAt} acknowledgementComment={session.acknowledgementComment} mayAcknowledge={page.may.acknowledge} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
