/**
 * The arbiter's decision on the dispute page: per disputed question keep, accept the proposal or
 * set another answer (the question's own control), each with a note, and an optional overall
 * note. Posted as one JSON field (intent "decide"); a refusal keeps what was chosen and names
 * the question.
 */
import { Form } from "@remix-run/react";
import { useState } from "react";
import type { QuestionDecision } from "../../modules/disputes/dispute-states";
import { MAX_DISPUTE_TEXT } from "../../modules/disputes/dispute.schema";
import type { Answer, ScoringQuestion } from "../../modules/scorecards/scorecard-definition.schema";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";
import { AnswerControl } from "../scorecard-form/answer-controls";

interface Choice {
  decision: QuestionDecision | "";
  answer: Answer | undefined;
  note: string;
}

export function DisputeDecisionForm(props: {
  questions: { id: string; prompt: string; question: ScoringQuestion; original: string; proposed: string }[];
  mayLower: boolean;
  fieldErrors: Record<string, string>;
  message: string | null;
  submitting: boolean;
}) {
  const { questions, fieldErrors } = props;
  const [choices, setChoices] = useState<Record<string, Choice>>(() => Object.fromEntries(questions.map((q) => [q.id, { decision: "", answer: undefined, note: "" }])));
  const [note, setNote] = useState("");
  const set = (id: string, patch: Partial<Choice>) => setChoices((current) => ({ ...current, [id]: { ...(current[id] as Choice), ...patch } }));
  const payload = JSON.stringify({
    decisions: questions.map((q) => {
      const c = choices[q.id] as Choice;
      return { questionId: q.id, decision: c.decision, note: c.note, ...(c.decision === "other" ? { answer: c.answer ?? {} } : {}) };
    }),
    note,
  });
  return (
    <Form method="post" className="dispute-decision" aria-labelledby="decision-title">
      <h2 id="decision-title">Decide</h2>
      <p className="muted small">
        Only the disputed questions change. {props.mayLower ? "A decision may score a question below its original answer." : "A decision cannot score a question below its original answer."}
      </p>
      {props.message ? (
        <p className="alert alert--error" role="alert">
          {props.message}
        </p>
      ) : null}
      <CsrfField />
      <input type="hidden" name="payload" value={payload} />
      {questions.map((q, index) => {
        const c = choices[q.id] as Choice;
        const base = `decide-${q.id}`;
        return (
          <fieldset key={q.id} className="field">
            <legend>“{q.prompt}”</legend>
            {(["keep", "accept", "other"] as const).map((decision) => (
              <label key={decision} className="check">
                <input type="radio" name={`${base}-decision`} value={decision} checked={c.decision === decision} onChange={() => set(q.id, { decision })} />
                {decision === "keep" ? `Keep “${q.original}”` : decision === "accept" ? `Accept “${q.proposed}”` : "Set another answer"}
              </label>
            ))}
            {c.decision === "other" ? (
              <AnswerControl question={q.question} answer={c.answer} name={`${base}-answer`} disabled={false} onValue={(value) => set(q.id, { answer: value === undefined ? undefined : { value } })} />
            ) : null}
            <FieldError id={`${base}-decision-error`} message={fieldErrors[`decisions.${index}.decision`] ?? fieldErrors[`decisions.${index}.answer`]} />
            <label htmlFor={`${base}-note`}>Note on “{q.prompt}”</label>
            <textarea id={`${base}-note`} rows={2} maxLength={MAX_DISPUTE_TEXT} value={c.note} onChange={(event) => set(q.id, { note: event.target.value })} />
            <FieldError id={`${base}-note-error`} message={fieldErrors[`decisions.${index}.note`]} />
          </fieldset>
        );
      })}
      <div className="field dispute-note">
        <label htmlFor="decision-note">Overall note (optional)</label>
        <textarea id="decision-note" rows={2} maxLength={MAX_DISPUTE_TEXT} value={note} onChange={(event) => setNote(event.target.value)} />
      </div>
      <div className="dispute-actions">
        <button type="submit" name="intent" value="decide" className="button button--primary" disabled={props.submitting}>
          {props.submitting ? "Saving…" : "Save decision"}
        </button>
      </div>
    </Form>
  );
}
