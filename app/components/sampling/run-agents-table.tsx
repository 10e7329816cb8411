import { Link, useSearchParams } from "@remix-run/react";
import { searchWith } from "../search-link";

export interface RunAgentView {
  agentId: string;
  agentName: string;
  matched: number;
  taken: number;
  wanted: number;
  drawn: number;
  shortfall: number;
}

interface RunAgentsProps {
  agents: RunAgentView[];
  next: string | null;
  isFirstPage: boolean;
  shortOnly: boolean;
  agentCount: number;
  agentsShort: number;
}

const HASH = "#agents-title";

/** A run's per-agent tallies, a page at a time, the agents short first; "only agents short" filters. */
export function RunAgentsSection({ agents, next, isFirstPage, shortOnly, agentCount, agentsShort }: RunAgentsProps) {
  const [params] = useSearchParams();
  // Changing the filter starts its list again; the assignments list keeps its place.
  const filterLink = (short: boolean) => searchWith(params, { short: short ? "1" : null, agentsAfter: null }, HASH);
  return (
    <section aria-labelledby="agents-title" className="rule-page__section">
      <h2 id="agents-title">Per agent</h2>
      {agentCount === 0 ? (
        <p className="empty-state">No agent had conversations matching the rule in this period.</p>
      ) : (
        <>
          <p>
            {agentsShort > 0
              ? `${agentsShort} of ${agentCount} ${agentCount === 1 ? "agent" : "agents"} had fewer matching conversations than the quota wants: they are listed first, marked “short”.`
              : `All ${agentCount} ${agentCount === 1 ? "agent" : "agents"} had enough matching conversations for the quota.`}{" "}
            {shortOnly ? (
              <Link to={filterLink(false)}>Show all {agentCount} agents</Link>
            ) : agentsShort > 0 ? (
              <Link to={filterLink(true)}>Show only the {agentsShort} short</Link>
            ) : null}
          </p>
          {agents.length === 0 ? (
            <div className="empty-state" role="status">
              {!isFirstPage ? (
                <p>There are no more agents after the previous page.</p>
              ) : (
                <p>No agent is short in this run.</p>
              )}
              <p>
                <Link to={filterLink(false)}>Show all agents from the start</Link>
              </p>
            </div>
          ) : (
            <div className="table-wrap">
              <table className="table sampling-table">
                <caption className="visually-hidden">
                  {shortOnly ? "Agents short of the quota" : "Per agent"}, most short first, then by name
                </caption>
                <thead>
                  <tr>
                    <th scope="col">Agent</th>
                    <th scope="col" className="num">Matched</th>
                    <th scope="col" className="num">Already taken</th>
                    <th scope="col" className="num">Wanted</th>
                    <th scope="col" className="num">Drawn</th>
                    <th scope="col" className="num">Shortfall</th>
                  </tr>
                </thead>
                <tbody>
                  {agents.map((agent) => (
                    <tr key={agent.agentId} className={agent.shortfall > 0 ? "row--shortfall" : undefined}>
                      <th scope="row">{agent.agentName}</th>
                      <td className="num">{agent.matched}</td>
                      <td className="num">{agent.taken}</td>
                      <td className="num">{agent.wanted}</td>
                      <td className="num">
                        {agent.drawn > 0 ? (
                          <Link
                            to={searchWith(params, { agent: agent.agentId, after: null }, "#assignments-title")}
                            aria-label={`${agent.drawn} drawn: show the assignments of ${agent.agentName}`}
                          >
                            {agent.drawn}
                          </Link>
                        ) : (
                          "0"
                        )}
                      </td>
                      <td className="num">{agent.shortfall > 0 ? <strong className="shortfall">{agent.shortfall} short</strong> : "0"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
          <nav className="pager" aria-label="Pages of agents">
            {!isFirstPage && agents.length > 0 ? <Link to={searchWith(params, { agentsAfter: null }, HASH)}>First page of agents</Link> : null}
            {next ? (
              <Link to={searchWith(params, { agentsAfter: next }, HASH)} rel="next">
                Next page of agents
              </Link>
            ) : null}
          </nav>
        </>
      )}
    </section>
  );
}
