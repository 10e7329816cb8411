/**
 * A QA specialist's home block (issue 14 §3): their queue and their output this week and month,
 * each leading to the page behind it (My queue, the Reviewers report). Data: loadQaHome.
 */
import { Link } from "@remix-run/react";
import type { QaHome as QaHomeData } from "../../modules/reports/qa-home.server";
import { formatDateTime } from "../../lib/time";
import { Stat } from "./stat";

const leniencyText = { lenient: "lenient", strict: "strict", in_line: "in line", too_few: "too few to tell" } as const;
const signed = (value: number) => `${value > 0 ? "+" : ""}${value.toFixed(1)}`;

export function QaHome({ home, timeZone }: { home: QaHomeData; timeZone: string }) {
  const { queue } = home;
  return (
    <>
      <section aria-labelledby="qa-queue-title">
        <div className="section-header">
          <h2 id="qa-queue-title">Your queue</h2>
          <Link to="/queue">Open My queue</Link>
        </div>
        {queue.open === 0 ? (
          <p className="empty-state">Nothing waits in your queue.</p>
        ) : (
          <div className="stats">
            <Stat value={queue.open} label="Open assignments" />
            <Stat value={queue.overdue} label="Overdue" />
            <Stat value={queue.firstDueAt ? formatDateTime(queue.firstDueAt, timeZone) : "–"} label="First due" />
          </div>
        )}
      </section>
      <section aria-labelledby="qa-output-title">
        <div className="section-header">
          <h2 id="qa-output-title">Your output</h2>
          <Link to="/reports/reviewers">Reviewers report</Link>
        </div>
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Your evaluations by review date, this week and this month</caption>
            <thead>
              <tr>
                <th scope="col">Period</th>
                <th scope="col" className="num">
                  Evaluations
                </th>
                <th scope="col" className="num">
                  Median minutes to submit
                </th>
                <th scope="col">Your mean against peers</th>
              </tr>
            </thead>
            <tbody>
              {home.output.map((output) => (
                <tr key={output.label}>
                  <th scope="row">{output.label}</th>
                  <td className="num">
                    <Link to={`/reports/reviewers?period=week&from=${output.from}&to=${output.to}&dateBasis=review`}>{output.n}</Link>
                  </td>
                  <td className="num">{output.medianMinutes === null ? "–" : output.medianMinutes.toFixed(1)}</td>
                  <td>
                    {output.comparisons.length === 0
                      ? "No evaluations yet"
                      : output.comparisons
                          .map((c) =>
                            c.difference === null || c.low === null || c.high === null
                              ? `${c.scorecardName}: ${c.mean === null ? "–" : c.mean.toFixed(1)}, ${leniencyText[c.leniency]}`
                              : `${c.scorecardName}: ${signed(c.difference)} (${signed(c.low)} to ${signed(c.high)}), ${leniencyText[c.leniency]}`,
                          )
                          .join("; ")}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
