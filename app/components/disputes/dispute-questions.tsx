/**
 * The disputed questions side by side: the answer given, the one proposed and, once decided, the
 * one decided, with the raiser's reason, the evidence (quoted; "Play" seeks the player to it) and
 * the arbiter's note.
 */
import type { DisputePageView } from "./dispute-page-view.server";

export function DisputeQuestions({ questions, onPlay }: { questions: DisputePageView["questions"]; onPlay: ((ms: number) => void) | null }) {
  return (
    <section className="dispute-questions" aria-labelledby="dispute-questions-title">
      <h2 id="dispute-questions-title">Disputed questions</h2>
      {questions.map((q) => (
        <article key={q.id} className="dispute-question" aria-labelledby={`dq-${q.id}`}>
          <h3 id={`dq-${q.id}`}>{q.prompt}</h3>
          <dl className="dispute-compare">
            <div>
              <dt>Answer given</dt>
              <dd>{q.original}</dd>
            </div>
            <div>
              <dt>Proposed</dt>
              <dd>{q.proposed}</dd>
            </div>
            {q.decided !== null ? (
              <div>
                <dt>Decided</dt>
                <dd>
                  {q.decided} <span className="muted small block">{q.decision}</span>
                </dd>
              </div>
            ) : null}
          </dl>
          <p>
            <strong>{q.reasonCode}.</strong> {q.reasonText}
          </p>
          {q.evidence ? (
            <div>
              <p className="muted small">Evidence</p>
              {q.evidence.quote ? <blockquote className="dispute-quote">{q.evidence.quote}</blockquote> : null}
              {q.evidence.playMs !== null && onPlay ? (
                <button type="button" className="button button--quiet" onClick={() => onPlay(q.evidence!.playMs!)}>
                  Play the evidence ({q.evidence.label})
                </button>
              ) : !q.evidence.quote ? (
                <p>{q.evidence.label}</p>
              ) : null}
            </div>
          ) : null}
          {q.decisionNote ? (
            <p>
              <span className="muted small">Arbiter’s note:</span> {q.decisionNote}
            </p>
          ) : null}
        </article>
      ))}
    </section>
  );
}
