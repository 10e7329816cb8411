/**
 * "History" on the evaluation page: every revision in order — what it was (submitted,
 * corrected, re-scored after a dispute), who, when, why, the score it gave and, against the
 * one before, the score and the answers it changed — then the void, if there is one.
 */
import type { RevisionView, VoidView } from "./history-types";

export function RevisionHistory({ revisions, voided }: { revisions: RevisionView[]; voided: VoidView | null }) {
  if (revisions.length === 0) return null;
  return (
    <section className="revision-history" aria-labelledby="history-title">
      <h3 id="history-title">History</h3>
      <ol className="revision-history__list">
        {revisions.map((revision) => (
          <li key={revision.sequence} className="revision-history__item" aria-labelledby={`revision-${revision.sequence}`}>
            <h4 id={`revision-${revision.sequence}`} className="revision-history__title">
              Revision {revision.sequence}: {revision.title}
              {revision.current && !voided ? <span className="badge">In force</span> : null}
            </h4>
            <p className="muted small">
              {revision.actorName} · {revision.at}
            </p>
            {revision.reason ? (
              <p className="revision-history__reason">
                <span className="revision-history__label">Reason:</span> {revision.reason}
              </p>
            ) : null}
            <p>
              <span className="revision-history__label">Score:</span>{" "}
              {revision.scoreBefore !== null ? (
                <>
                  <del>{revision.scoreBefore}</del> → <ins>{revision.score}</ins>
                </>
              ) : (
                revision.score
              )}{" "}
              {revision.verdictBefore !== null ? (
                <>
                  (<del>{revision.verdictBefore}</del> → <ins>{revision.verdict}</ins>)
                </>
              ) : (
                `(${revision.verdict})`
              )}
            </p>
            {revision.changes.length > 0 ? (
              <>
                <p className="revision-history__label">
                  {revision.changes.length === 1 ? "1 answer changed" : `${revision.changes.length} answers changed`}
                </p>
                <ul className="revision-history__changes">
                  {revision.changes.map((change) => (
                    <li key={change.questionId}>
                      <q>{change.prompt}</q>: <span className="visually-hidden">from</span> <del>{change.before}</del>{" "}
                      <span aria-hidden="true">→</span> <span className="visually-hidden">to</span> <ins>{change.after}</ins>
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </li>
        ))}
        {voided ? (
          <li className="revision-history__item revision-history__item--void" aria-labelledby="revision-void">
            <h4 id="revision-void" className="revision-history__title">
              Voided
            </h4>
            <p className="muted small">
              {voided.byName} · {voided.at}
            </p>
            <p className="revision-history__reason">
              <span className="revision-history__label">Reason:</span> {voided.reason}
            </p>
          </li>
        ) : null}
      </ol>
    </section>
  );
}
