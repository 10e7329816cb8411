/**
 * A QA lead's and an admin's home block (issue 14 §3): this month against last — quality score
 * with its interval, pass and auto-fail rates with theirs, n beside each, every number linking
 * to the evaluations behind it — then the overdue work: disputes, acknowledgements, the queue.
 */
import { Link } from "@remix-run/react";
import type { LeadHome as LeadHomeData } from "../../modules/reports/lead-home.server";
import { formatRate, formatScore } from "../charts";
import { Stat } from "./stat";

type Month = LeadHomeData["months"][number];

export function LeadHome({ home }: { home: LeadHomeData }) {
  return (
    <>
      <section aria-labelledby="lead-quality-title">
        <div className="section-header">
          <h2 id="lead-quality-title">Quality this month</h2>
          <Link to={home.overviewHref}>Quality overview</Link>
        </div>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Quality this month so far against last month, with 95% intervals and n</caption>
            <thead>
              <tr>
                <th scope="col">Month</th>
                <th scope="col" className="num">
                  n
                </th>
                <th scope="col" className="num">
                  Quality score (95% interval)
                </th>
                <th scope="col" className="num">
                  Pass rate (95% interval)
                </th>
                <th scope="col" className="num">
                  Auto-fail rate (95% interval)
                </th>
              </tr>
            </thead>
            <tbody>
              {[...home.months].reverse().map((month) => (
                <MonthRow key={month.from} month={month} />
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section aria-labelledby="lead-overdue-title">
        <div className="section-header">
          <h2 id="lead-overdue-title">Overdue work</h2>
        </div>
        <div className="stats">
          {home.disputes ? (
            <Stat
              overdue={home.disputes.items.length > 0}
              value={home.disputes.more ? `${home.disputes.items.length}+` : home.disputes.items.length}
              label={
                <>
                  Overdue disputes (<Link to="/disputes?overdue=1">see them</Link>)
                </>
              }
            />
          ) : null}
          {home.acknowledgements ? (
            <Stat
              overdue={home.acknowledgements.overdue > 0}
              value={home.acknowledgements.overdue}
              label={
                <>
                  Overdue acknowledgements of {home.acknowledgements.awaiting} awaited (<Link to="/acknowledgements">see them</Link>)
                </>
              }
            />
          ) : null}
          {home.queue ? (
            <Stat
              overdue={home.queue.overdue > 0}
              value={home.queue.overdue}
              label={
                <>
                  Overdue reviews of {home.queue.open} open (<Link to="/assignments">assignments</Link>)
                </>
              }
            />
          ) : null}
        </div>
        {home.disputes && home.disputes.items.length > 0 ? (
          <ul className="lead-home__disputes">
            {home.disputes.items.map((dispute) => (
              <li key={dispute.id}>
                <Link to={`/disputes/${dispute.id}`}>
                  {dispute.agentName} · {dispute.scorecardName}
                </Link>{" "}
                <span className="muted small">was due {dispute.due}</span>
              </li>
            ))}
          </ul>
        ) : null}
      </section>
    </>
  );
}

function MonthRow({ month }: { month: Month }) {
  const { point } = month;
  return (
    <tr>
      <th scope="row">{month.label}</th>
      <td className="num">{point ? <Link to={month.href.all}>{point.n}</Link> : 0}</td>
      <EstimateCell to={month.href.all} value={point?.score?.mean} low={point?.score?.interval?.low} high={point?.score?.interval?.high} format={formatScore} />
      <EstimateCell to={month.href.pass} value={point?.passRate?.rate} low={point?.passRate?.interval.low} high={point?.passRate?.interval.high} format={formatRate} />
      <EstimateCell to={month.href.autofail} value={point?.autoFailRate?.rate} low={point?.autoFailRate?.interval.low} high={point?.autoFailRate?.interval.high} format={formatRate} />
    </tr>
  );
}

/** A month's estimate with its interval, linking to the evaluations behind it; "–" when there is none. */
function EstimateCell({ to, value, low, high, format }: { to: string; value: number | undefined; low: number | undefined; high: number | undefined; format: (value: number) => string }) {
  return (
    <td className="num">
      {value === undefined ? (
        "–"
      ) : (
        <Link to={to}>
          {format(value)}
          {low === undefined || high === undefined ? "" : ` (${format(low)} to ${format(high)})`}
        </Link>
      )}
    </td>
  );
}
