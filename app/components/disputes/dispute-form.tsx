/**
 * "Dispute this evaluation" (issue 13 §6): the agent, or their supervisor for them, picks the
 * scoring questions they dispute; for each, the answer they propose, a reason from the
 * organisation's list with text, and optional evidence taken from the player beside it — the
 * current moment of the recording, or text selected in the transcript ("Use as evidence"),
 * which goes to the question chosen under "Evidence goes to". Posted to
 * /evaluations/:id/disputes; a refusal keeps everything typed and names the field.
 */
import { useFetcher } from "@remix-run/react";
import { useEffect, useMemo, useRef, useState } from "react";
import { MAX_DISPUTE_TEXT, type Evidence } from "../../modules/disputes/dispute.schema";
import { isScoringQuestion, questionsInOrder, type Answer, type Answers, type ScorecardDefinition } from "../../modules/scorecards/scorecard-definition.schema";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";
import { AnswerControl } from "../scorecard-form/answer-controls";
import { answerSummary } from "../scorecard-form/answers";
import { evidenceLabel } from "./evidence-label";
import type { EvidenceListener } from "./use-evidence-capture";

interface Item {
  proposed: Answer | undefined;
  reasonCode: string;
  reasonText: string;
  evidence: Evidence | null;
}

export interface DisputeFormProps {
  evaluationId: string;
  revisionId: string;
  definition: ScorecardDefinition;
  answers: Answers;
  reasonCodes: string[];
  connect: (listener: EvidenceListener | null) => void;
  onCancel: () => void;
}

interface Failure {
  ok: false;
  message: string;
  fieldErrors: Record<string, string>;
}

export function DisputeForm({ evaluationId, revisionId, definition, answers, reasonCodes, connect, onCancel }: DisputeFormProps) {
  const fetcher = useFetcher<Failure>();
  const questions = useMemo(() => questionsInOrder(definition).flatMap(({ question }) => (isScoringQuestion(question) ? [question] : [])), [definition]);
  const [items, setItems] = useState<Record<string, Item>>({});
  const picked = questions.filter((q) => Object.hasOwn(items, q.id));
  const [target, setTarget] = useState("");
  const effectiveTarget = picked.some((q) => q.id === target) ? target : (picked[0]?.id ?? "");
  const targetRef = useRef(effectiveTarget);
  targetRef.current = effectiveTarget;

  useEffect(() => {
    connect((anchor) => {
      const id = targetRef.current;
      if (!id) return;
      setItems((current) => (current[id] ? { ...current, [id]: { ...current[id], evidence: { ...anchor } } } : current));
    });
    return () => connect(null);
  }, [connect]);

  const update = (id: string, patch: Partial<Item>) => setItems((current) => ({ ...current, [id]: { ...(current[id] as Item), ...patch } }));
  const toggle = (id: string, on: boolean) =>
    setItems((current) => {
      const next = { ...current };
      if (on) next[id] = { proposed: undefined, reasonCode: reasonCodes[0] ?? "", reasonText: "", evidence: null };
      else delete next[id];
      return next;
    });

  const failure = fetcher.data && fetcher.data.ok === false ? fetcher.data : null;
  const errorFor = (id: string, field: string) => {
    const index = picked.findIndex((q) => q.id === id);
    return failure?.fieldErrors[`questions.${index}.${field}`];
  };
  const payload = JSON.stringify({
    revisionId,
    questions: picked.map((q) => {
      const item = items[q.id] as Item;
      const proposed = item.proposed?.na ? { na: true } : item.proposed?.value === undefined ? {} : { value: item.proposed.value };
      return { questionId: q.id, proposed, reasonCode: item.reasonCode, reasonText: item.reasonText, evidence: item.evidence };
    }),
  });
  const submitting = fetcher.state !== "idle";

  return (
    <fetcher.Form method="post" action={`/evaluations/${evaluationId}/disputes`} className="dispute-form" aria-labelledby="dispute-form-title">
      <h3 id="dispute-form-title">Dispute this evaluation</h3>
      <p className="muted small">
        Choose the questions you disagree with and the answer you propose. To add evidence, choose the question it is for, then select words in the transcript and
        press “Use as evidence”, or pause the recording where it happens and press “Use the current moment as evidence”.
      </p>
      <CsrfField />
      <input type="hidden" name="payload" value={payload} />
      {failure ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}
      <fieldset className="field">
        <legend>Questions</legend>
        {questions.map((question) => {
          const item = items[question.id];
          const name = `dispute-${question.id}`;
          return (
            <div key={question.id} className="dispute-form__question">
              <label className="check">
                <input type="checkbox" checked={item !== undefined} onChange={(event) => toggle(question.id, event.target.checked)} /> Dispute “{question.prompt}”
                <span className="muted small"> (answered: {answerSummary(question, answers[question.id]).text})</span>
              </label>
              {item ? (
                <div className="dispute-form__details">
                  <fieldset className="field">
                    <legend>Proposed answer</legend>
                    <AnswerControl
                      question={question}
                      answer={item.proposed?.na ? undefined : item.proposed}
                      name={`${name}-proposed`}
                      disabled={item.proposed?.na === true}
                      onValue={(value) => update(question.id, { proposed: value === undefined ? undefined : { value } })}
                      describedBy={errorFor(question.id, "proposed") ? `${name}-proposed-error` : undefined}
                    />
                    {question.allowNa ? (
                      <label className="check">
                        <input type="checkbox" checked={item.proposed?.na === true} onChange={(event) => update(question.id, { proposed: event.target.checked ? { na: true } : undefined })} /> N/A
                        (does not apply)
                      </label>
                    ) : null}
                    <FieldError id={`${name}-proposed-error`} message={errorFor(question.id, "proposed")} />
                  </fieldset>
                  <div className="field">
                    <label htmlFor={`${name}-reason`}>Reason</label>
                    <select id={`${name}-reason`} value={item.reasonCode} onChange={(event) => update(question.id, { reasonCode: event.target.value })}>
                      {reasonCodes.map((code) => (
                        <option key={code} value={code}>
                          {code}
                        </option>
                      ))}
                    </select>
                    <FieldError id={`${name}-reason-error`} message={errorFor(question.id, "reasonCode")} />
                  </div>
                  <div className="field">
                    <label htmlFor={`${name}-text`}>Why the answer should change</label>
                    <textarea
                      id={`${name}-text`}
                      rows={3}
                      maxLength={MAX_DISPUTE_TEXT}
                      value={item.reasonText}
                      onChange={(event) => update(question.id, { reasonText: event.target.value })}
                      aria-describedby={errorFor(question.id, "reasonText") ? `${name}-text-error` : undefined}
                    />
                    <FieldError id={`${name}-text-error`} message={errorFor(question.id, "reasonText")} />
                  </div>
                  <p className="dispute-form__evidence" aria-live="polite">
                    Evidence: {item.evidence ? evidenceLabel(item.evidence) : <span className="muted">none</span>}{" "}
                    {item.evidence ? (
                      <button type="button" className="button button--quiet" onClick={() => update(question.id, { evidence: null })}>
                        Remove evidence
                      </button>
                    ) : null}
                  </p>
                </div>
              ) : null}
            </div>
          );
        })}
      </fieldset>
      {picked.length > 1 ? (
        <div className="field">
          <label htmlFor="dispute-evidence-target">Evidence from the player goes to</label>
          <select id="dispute-evidence-target" value={effectiveTarget} onChange={(event) => setTarget(event.target.value)}>
            {picked.map((q) => (
              <option key={q.id} value={q.id}>
                {q.prompt}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div className="dispute-actions">
        <button type="submit" className="button button--primary" disabled={submitting || picked.length === 0}>
          {submitting ? "Sending…" : "Send dispute"}
        </button>
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </fetcher.Form>
  );
}
