import { useEffect, useRef } from "react";
import { describePeriod } from "../../modules/sampling/describe-rule";
import type { SamplePreview as Preview } from "../../modules/sampling/preview-sampling-rule.server";

export interface PreviewView {
  periodKey: string;
  /** The period's local days in words. */
  period: string;
  matched: number;
  taken: number;
  wouldDraw: number;
  wouldAssign: number;
  shortfall: number;
  perAgent: { agentId: string; agentName: string; matched: number; taken: number; wanted: number; drawn: number; shortfall: number }[];
  perReviewer: { reviewerId: string; reviewerName: string; wouldGet: number }[];
}

/** A preview as the page shows it: the period in the organisation's days, no raw dates. */
export function toPreviewView(preview: Preview, timeZone: string): PreviewView {
  const { periodStart, periodEnd, ...rest } = preview;
  return { ...rest, period: describePeriod(periodStart, periodEnd, timeZone) };
}

/** What a run now would draw, from the form's current values. The heading takes focus when it appears. */
export function SamplePreview({ preview }: { preview: PreviewView }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    heading.current?.focus();
  }, [preview]);
  const unassigned = preview.wouldDraw - preview.wouldAssign;
  return (
    <section className="panel sample-preview" aria-labelledby="preview-title">
      <h2 id="preview-title" ref={heading} tabIndex={-1}>
        Preview: {preview.periodKey}
      </h2>
      <p className="muted">
        Period {preview.period}. Nothing has been saved or assigned; a run now would draw these numbers as long as nothing changes
        in the meantime.
      </p>
      <dl className="stats sampling-stats">
        <Stat label="Matched" value={preview.matched} />
        <Stat label="Already taken" value={preview.taken} />
        <Stat label="Would draw" value={preview.wouldDraw} />
        <Stat label="Would assign" value={preview.wouldAssign} />
        <Stat label="Shortfall" value={preview.shortfall} warn={preview.shortfall > 0} />
      </dl>
      {unassigned > 0 ? (
        <p className="alert alert--shortfall" role="status">
          {unassigned} drawn {unassigned === 1 ? "conversation" : "conversations"} would stay unassigned: the reviewers have reached
          their caps, or the only reviewer is the agent.
        </p>
      ) : null}
      <h3>Per agent</h3>
      {preview.perAgent.length === 0 ? (
        <p className="empty-state">No agent has conversations matching these filters in the period.</p>
      ) : (
        <div className="table-wrap">
          <table className="table sampling-table">
            <caption className="visually-hidden">Per agent, by name</caption>
            <thead>
              <tr>
                <th scope="col">Agent</th>
                <th scope="col" className="num">Matched</th>
                <th scope="col" className="num">Already taken</th>
                <th scope="col" className="num">Wanted</th>
                <th scope="col" className="num">Would draw</th>
                <th scope="col" className="num">Shortfall</th>
              </tr>
            </thead>
            <tbody>
              {preview.perAgent.map((agent) => (
                <tr key={agent.agentId} className={agent.shortfall > 0 ? "row--shortfall" : undefined}>
                  <th scope="row">{agent.agentName}</th>
                  <td className="num">{agent.matched}</td>
                  <td className="num">{agent.taken}</td>
                  <td className="num">{agent.wanted}</td>
                  <td className="num">{agent.drawn}</td>
                  <td className="num">{agent.shortfall > 0 ? <strong>{agent.shortfall} short</strong> : "0"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Per reviewer</h3>
      {preview.perReviewer.length === 0 ? (
        <p className="empty-state">None of the chosen reviewers is active: nothing would be assigned.</p>
      ) : (
        <div className="table-wrap">
          <table className="table sampling-table">
            <caption className="visually-hidden">Per reviewer</caption>
            <thead>
              <tr>
                <th scope="col">Reviewer</th>
                <th scope="col" className="num">Would get</th>
              </tr>
            </thead>
            <tbody>
              {preview.perReviewer.map((reviewer) => (
                <tr key={reviewer.reviewerId}>
                  <th scope="row">{reviewer.reviewerName}</th>
                  <td className="num">{reviewer.wouldGet}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function Stat({ label, value, warn = false }: { label: string; value: number | string; warn?: boolean }) {
  return (
    <div className={warn ? "stat stat--warn" : "stat"}>
      <dt className="stat__label">{label}</dt>
      <dd className="stat__value">{value}</dd>
    </div>
  );
}
