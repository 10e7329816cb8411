import { Link } from "@remix-run/react";
import { channelLabels } from "../lib/format";
import { ScoreBadge, type ScoreBadgeView } from "./score-badge";

export interface InteractionRow {
  id: string;
  channel: "call" | "chat" | "email";
  startedAt: string;
  duration: string;
  agentName: string;
  teamName: string | null;
  queue: string | null;
  customerName: string | null;
  summary: string | null;
  status: "processing" | "ready" | "failed";
  /** Its current evaluation the viewer may see (list-score-badges.server.ts), if any. */
  score: ScoreBadgeView | null;
}

export function InteractionTable({ items, caption, empty }: { items: InteractionRow[]; caption: string; empty: string }) {
  if (items.length === 0) {
    return <p className="empty-state">{empty}</p>;
  }
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Channel</th>
            <th scope="col">Agent</th>
            <th scope="col">Customer</th>
            <th scope="col">Queue</th>
            <th scope="col" className="num">
              Length
            </th>
            <th scope="col">Score</th>
            <th scope="col">Summary</th>
          </tr>
        </thead>
        <tbody>
          {items.map((item) => (
            <tr key={item.id}>
              <td>
                <Link to={`/interactions/${item.id}`}>{item.startedAt}</Link>
              </td>
              <td>
                <span className={`badge badge--${item.channel}`}>{channelLabels[item.channel]}</span>
                {item.status !== "ready" ? <span className={`badge badge--${item.status}`}>{item.status}</span> : null}
              </td>
              <td>
                {item.agentName}
                {item.teamName ? <span className="muted small block">{item.teamName}</span> : null}
              </td>
              <td>{item.customerName ?? "—"}</td>
              <td>{item.queue ?? "—"}</td>
              <td className="num">{item.duration}</td>
              <td>{item.score ? <ScoreBadge badge={item.score} /> : "—"}</td>
              <td className="summary-cell">{item.summary ?? ""}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
