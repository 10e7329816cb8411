import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "../components/error-page";
import { AgentHome } from "../components/home/agent-home";
import { SupervisorHome } from "../components/home/supervisor-home";
import { FeedbackTable, feedbackRowView } from "../components/feedback-table";
import { InteractionTable } from "../components/interaction-table";
import { LeadHome } from "../components/home/lead-home";
import { requireViewer } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { formatDuration } from "../lib/format";
import { formatDateTime } from "../lib/time";
import { countMyWaitingFeedback, listMyFeedback } from "../modules/feedback/list-my-feedback.server";
import { loadLeadHome } from "../modules/reports/lead-home.server";
import { listScoreBadges } from "../modules/feedback/list-score-badges.server";
import { countInteractionsSince, listInteractions } from "../modules/interactions/list-interactions.server";
import { countUsers } from "../modules/users/count-users.server";
import { loadTeamHome } from "../modules/reports/team-home.server";
import { getOrganisation } from "../modules/users/get-organisation.server";
import { can } from "../modules/access/permissions";
import { QaHome } from "../components/home/qa-home";
import { loadQaHome } from "../modules/reports/qa-home.server";
import { roleLabels } from "../modules/users/roles";

export const meta: MetaFunction = () => [{ title: "Home · Parley" }];

const LATEST_FEEDBACK = 5;

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const now = new Date();
  const weekAgo = new Date(Date.now() - 7 * 24 * 3600 * 1000);
  const monthAgo = new Date(Date.now() - 30 * 24 * 3600 * 1000);
  const organisation = await getOrganisation(db());
  const tz = organisation.timeZone;
  const [week, month, recent, people, feedback, waiting, leadHome, qaHome, teamHome] = await Promise.all([
    countInteractionsSince(db(), viewer, weekAgo),
    countInteractionsSince(db(), viewer, monthAgo),
    listInteractions(db(), viewer, { limit: 5 }),
    can(viewer, "users:manage") ? countUsers(db(), viewer) : null,
    // An agent's home leads with their latest feedback, what waits for them first.
    viewer.role === "agent" ? listMyFeedback(db(), viewer, { limit: LATEST_FEEDBACK, now, timeZone: tz }) : null,
    viewer.role === "agent" ? countMyWaitingFeedback(db(), viewer, now, tz) : null,
    // A lead's (and an admin's) home leads to the overview and the overdue work (issue 14 §3).
    viewer.role === "qa_lead" || viewer.role === "admin" ? loadLeadHome(db(), viewer, { now, timeZone: tz }) : null,
    // A QA specialist's home leads with their queue and their output.
    viewer.role === "qa" ? loadQaHome(db(), viewer, now, tz) : null,
    // A supervisor's home is their team; an agent's adds their card (issue 14 §3).
    viewer.role === "supervisor" || viewer.role === "agent" ? loadTeamHome(db(), viewer, { now, timeZone: tz }) : null,
  ]);
  const scores = await listScoreBadges(db(), viewer, recent.items.map((item) => item.id));
  return {
    name: viewer.name.split(" ")[0],
    viewerId: viewer.id,
    teamHome,
    role: viewer.role,
    roleLabel: roleLabels[viewer.role],
    organisation: organisation.name,
    week,
    month,
    people,
    recent: recent.items.map((item) => ({
      ...item,
      startedAt: formatDateTime(item.startedAt, organisation.timeZone),
      duration: formatDuration(item.durationMs),
      score: scores[item.id] ?? null,
    })),
    leadHome,
    qaHome,
    timeZone: tz,
    feedback: feedback
      ? { items: feedback.items.map((item) => feedbackRowView(item, tz)), waiting: waiting ?? { awaiting: 0, overdue: 0 } }
      : null,
  };
}

const scopeLine: Record<string, string> = {
  admin: "You see every team's conversations and manage people and teams.",
  qa_lead: "You see every team's conversations.",
  qa: "You see every team's conversations to review them.",
  supervisor: "You see the conversations of the teams you lead.",
  agent: "You see your own conversations and the feedback on them.",
};

export default function Home() {
  const data = useLoaderData<typeof loader>();
  const conversations = data.role === "agent" ? "Your conversations" : "Conversations";
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Hello, {data.name}</h1>
          <p className="muted">
            {data.roleLabel} at {data.organisation}. {scopeLine[data.role]}
          </p>
        </div>
      </div>
      {data.teamHome?.kind === "supervisor" ? <SupervisorHome home={data.teamHome} /> : null}
      {data.feedback ? <LatestFeedback feedback={data.feedback} /> : null}
      {data.leadHome ? <LeadHome home={data.leadHome} /> : null}
      {data.qaHome ? <QaHome home={data.qaHome} timeZone={data.timeZone} /> : null}
      {data.teamHome?.kind === "agent" ? <AgentHome home={data.teamHome} agentId={data.viewerId} /> : null}
      <section aria-labelledby="numbers-title" className="stats">
        <h2 id="numbers-title" className="visually-hidden">
          At a glance
        </h2>
        <div className="stat">
          <span className="stat__value">{data.week.total}</span>
          <span className="stat__label">{conversations} in the last 7 days</span>
        </div>
        <div className="stat">
          <span className="stat__value">{data.month.calls}</span>
          <span className="stat__label">Calls in the last 30 days</span>
        </div>
        <div className="stat">
          <span className="stat__value">{data.month.chats}</span>
          <span className="stat__label">Chats in the last 30 days</span>
        </div>
        {data.people ? (
          <div className="stat">
            <span className="stat__value">{data.people.active}</span>
            <span className="stat__label">
              Active users (<Link to="/admin/users">manage</Link>)
            </span>
          </div>
        ) : null}
      </section>
      <section aria-labelledby="recent-title">
        <div className="section-header">
          <h2 id="recent-title">Most recent</h2>
          <Link to="/interactions">See all</Link>
        </div>
        <InteractionTable
          items={data.recent}
          caption={`${conversations}, most recent first`}
          empty={data.role === "agent" ? "You have no conversations yet." : "No conversations have been imported yet."}
        />
      </section>
    </>
  );
}

const waitingText = (count: number) => (count === 1 ? "1 evaluation waits for your acknowledgement." : `${count} evaluations wait for your acknowledgement.`);

function LatestFeedback({ feedback }: { feedback: NonNullable<ReturnType<typeof useLoaderData<typeof loader>>["feedback"]> }) {
  return (
    <section aria-labelledby="feedback-title">
      <div className="section-header">
        <h2 id="feedback-title">Your latest feedback</h2>
        <Link to="/feedback">All your feedback</Link>
      </div>
      {feedback.waiting.awaiting > 0 ? (
        <p className="alert alert--info">
          <strong>{waitingText(feedback.waiting.awaiting)}</strong>
          {feedback.waiting.overdue > 0 ? ` ${feedback.waiting.overdue} of them ${feedback.waiting.overdue === 1 ? "is" : "are"} overdue.` : null}{" "}
          <Link to="/feedback">Acknowledge on My feedback</Link>
        </p>
      ) : null}
      {feedback.items.length === 0 ? (
        <p className="empty-state">No feedback yet: when an evaluation of one of your conversations is released to you, it appears here.</p>
      ) : (
        <FeedbackTable items={feedback.items} caption="Your latest feedback, what waits for you first" />
      )}
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
