import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "../components/error-page";
import { InteractionTable } from "../components/interaction-table";
import { requireViewer } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { formatDuration } from "../lib/format";
import { formatDateTime } from "../lib/time";
import { countInteractionsSince, listInteractions } from "../modules/interactions/list-interactions.server";
import { countUsers } from "../modules/users/count-users.server";
import { getOrganisation } from "../modules/users/get-organisation.server";
import { can } from "../modules/access/permissions";
import { roleLabels } from "../modules/users/roles";

export const meta: MetaFunction = () => [{ title: "Home · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const weekAgo = new Date(Date.now() - 7 * 24 * 3600 * 1000);
  const monthAgo = new Date(Date.now() - 30 * 24 * 3600 * 1000);
  const [organisation, week, month, recent, people] = await Promise.all([
    getOrganisation(db()),
    countInteractionsSince(db(), viewer, weekAgo),
    countInteractionsSince(db(), viewer, monthAgo),
    listInteractions(db(), viewer, { limit: 5 }),
    can(viewer, "users:manage") ? countUsers(db(), viewer) : null,
  ]);
  return {
    name: viewer.name.split(" ")[0],
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
    })),
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

export const ErrorBoundary = RouteErrorBoundary;
