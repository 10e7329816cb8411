/**
 * The agenda of a session for the coach (build-session-agenda.server.ts): the plan's focus
 * criteria now against their baseline, low-scoring reviews since the last session, open
 * disputes, action items carried from earlier sessions, and the coach's own items, which the
 * coach adds, rewords, moves and removes here.
 */
import { Form, Link } from "@remix-run/react";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";

export interface AgendaView {
  since: string;
  criteria: { questionKey: string; prompt: string; target: number; baseline: string; now: string }[];
  lowEvaluations: { evaluationId: string; conversation: string; score: string; reason: string }[];
  disputes: { id: string; state: string; raised: string }[];
  carriedItems: { id: string; text: string; owner: string; dueOn: string | null; overdue: boolean; from: string }[];
  custom: { id: string; text: string }[];
}

function AgendaItemControls({ item, first, last }: { item: { id: string; text: string }; first: boolean; last: boolean }) {
  return (
    <Form method="post" className="inline-form agenda-item__controls" aria-label={`Change agenda item: ${item.text}`}>
      <CsrfField />
      <input type="hidden" name="itemId" value={item.id} />
      <input type="hidden" name="intent" value="agenda" />
      <button type="submit" name="op" value="move-up" className="button button--small" disabled={first} aria-label={`Move up: ${item.text}`}>
        ↑
      </button>
      <button type="submit" name="op" value="move-down" className="button button--small" disabled={last} aria-label={`Move down: ${item.text}`}>
        ↓
      </button>
      <button type="submit" name="op" value="remove" className="button button--small" aria-label={`Remove: ${item.text}`}>
        Remove
      </button>
    </Form>
  );
}

export function SessionAgenda({ agenda, editable, errors }: { agenda: AgendaView; editable: boolean; errors: Record<string, string> }) {
  return (
    <section aria-labelledby="session-agenda" className="session-agenda">
      <h2 id="session-agenda">Agenda</h2>
      <h3>Focus criteria</h3>
      {agenda.criteria.length === 0 ? (
        <p className="muted">A standalone session: no plan, so no focus criteria.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Focus criteria now against their baseline</caption>
            <thead>
              <tr>
                <th scope="col">Criterion</th>
                <th scope="col">Baseline</th>
                <th scope="col">Now (since the plan started)</th>
                <th scope="col" className="num">
                  Target
                </th>
              </tr>
            </thead>
            <tbody>
              {agenda.criteria.map((c) => (
                <tr key={c.questionKey}>
                  <th scope="row">{c.prompt}</th>
                  <td>{c.baseline}</td>
                  <td>{c.now}</td>
                  <td className="num">{c.target} %</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h3>Low-scoring reviews since {agenda.since}</h3>
      <p className="muted small">Reviews of conversations in that time that failed, or scored a focus criterion below its target.</p>
      {agenda.lowEvaluations.length === 0 ? (
        <p className="empty-state">None.</p>
      ) : (
        <ul>
          {agenda.lowEvaluations.map((e) => (
            <li key={e.evaluationId}>
              <Link to={`/evaluations/${e.evaluationId}`}>Conversation of {e.conversation}</Link>, {e.score} — {e.reason}
            </li>
          ))}
        </ul>
      )}
      <h3>Open disputes</h3>
      {agenda.disputes.length === 0 ? (
        <p className="empty-state">None.</p>
      ) : (
        <ul>
          {agenda.disputes.map((d) => (
            <li key={d.id}>
              <Link to={`/disputes/${d.id}`}>Dispute raised {d.raised}</Link> ({d.state})
            </li>
          ))}
        </ul>
      )}
      <h3>Open action items from earlier sessions</h3>
      {agenda.carriedItems.length === 0 ? (
        <p className="empty-state">None.</p>
      ) : (
        <ul>
          {agenda.carriedItems.map((i) => (
            <li key={i.id}>
              {i.text} <span className="muted small">({i.owner}{i.dueOn ? `, due ${i.dueOn}` : ""}; from the session of {i.from})</span>
              {i.overdue ? <span className="badge badge--overdue"> Overdue</span> : null}
            </li>
          ))}
        </ul>
      )}
      <h3>The coach’s items</h3>
      {agenda.custom.length === 0 ? <p className="empty-state">None yet.</p> : null}
      <ol className="agenda-items">
        {agenda.custom.map((item, index) => (
          <li key={item.id} className="agenda-item">
            <span>{item.text}</span>
            {editable ? <AgendaItemControls item={item} first={index === 0} last={index === agenda.custom.length - 1} /> : null}
          </li>
        ))}
      </ol>
      {editable ? (
        <Form method="post" className="inline-form coaching-inline" aria-label="Add an agenda item">
          <CsrfField />
          <input type="hidden" name="intent" value="agenda" />
          <div className="field">
            <label htmlFor="agenda-text">Agenda item</label>
            <input id="agenda-text" name="text" maxLength={500} aria-describedby="agenda-error" />
            <FieldError id="agenda-error" message={errors.text} />
          </div>
          <button type="submit" name="op" value="add" className="button">
            Add to the agenda
          </button>
        </Form>
      ) : null}
    </section>
  );
}
