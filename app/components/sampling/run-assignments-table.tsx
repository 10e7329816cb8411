import { Link, useSearchParams } from "@remix-run/react";
import { ScoreBadge, type ScoreBadgeView } from "../score-badge";
import { searchWith } from "../search-link";

export interface RunAssignmentView {
  id: string;
  interactionId: string;
  /** "Call with Robin Vale": the conversation as people name it, linked to its page. */
  conversation: string;
  /** When it started, in the organisation's time zone. */
  startedAt: string;
  agentName: string;
  reviewerName: string;
  status: string;
  skipReason: string | null;
  dueAt: string;
  /** Its current evaluation, once the review is submitted. */
  score: ScoreBadgeView | null;
}

interface RunAssignmentsProps {
  assignments: RunAssignmentView[];
  next: string | null;
  isFirstPage: boolean;
  /** The agent the list is narrowed to, from the per-agent table. */
  agent: { id: string; name: string } | null;
  failed: boolean;
}

const HASH = "#assignments-title";

/** The assignments a run made, a page at a time, by agent; optionally one agent's. */
export function RunAssignmentsSection({ assignments, next, isFirstPage, agent, failed }: RunAssignmentsProps) {
  const [params] = useSearchParams();
  const everyAgent = searchWith(params, { agent: null, after: null }, HASH);
  return (
    <section aria-labelledby="assignments-title" className="rule-page__section">
      <h2 id="assignments-title">{agent ? `Assignments made for ${agent.name}` : "Assignments made"}</h2>
      {agent ? (
        <p>
          <Link to={everyAgent}>Show the assignments of every agent</Link>
        </p>
      ) : null}
      {assignments.length === 0 ? (
        <div className="empty-state" role="status">
          {!isFirstPage ? (
            <>
              <p>There are no more assignments after the previous page.</p>
              <p>
                <Link to={searchWith(params, { after: null }, HASH)}>First page of assignments</Link>
              </p>
            </>
          ) : agent ? (
            <p>This run assigned nothing of {agent.name}&rsquo;s.</p>
          ) : (
            <p>{failed ? "The run failed, so nothing was assigned." : "This run assigned nothing: there was nothing new to draw."}</p>
          )}
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table sampling-table">
            <caption className="visually-hidden">Assignments made by this run, by agent</caption>
            <thead>
              <tr>
                <th scope="col">Conversation</th>
                <th scope="col">Started</th>
                <th scope="col">Agent</th>
                <th scope="col">Reviewer</th>
                <th scope="col">Status</th>
                <th scope="col">Due</th>
              </tr>
            </thead>
            <tbody>
              {assignments.map((assignment) => (
                <tr key={assignment.id}>
                  <td>
                    <Link to={`/interactions/${assignment.interactionId}`}>{assignment.conversation}</Link>
                    {assignment.score ? (
                      <span className="block">
                        <ScoreBadge badge={assignment.score} />
                      </span>
                    ) : null}
                  </td>
                  <td>{assignment.startedAt}</td>
                  <td>{assignment.agentName}</td>
                  <td>{assignment.reviewerName}</td>
                  <td>
                    {assignment.status}
                    {assignment.skipReason ? <span className="muted small block">Skipped: {assignment.skipReason}</span> : null}
                  </td>
                  <td>{assignment.dueAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Pages of assignments">
        {!isFirstPage && assignments.length > 0 ? <Link to={searchWith(params, { after: null }, HASH)}>First page of assignments</Link> : null}
        {next ? (
          <Link to={searchWith(params, { after: next }, HASH)} rel="next">
            Next page of assignments
          </Link>
        ) : null}
      </nav>
    </section>
  );
}
