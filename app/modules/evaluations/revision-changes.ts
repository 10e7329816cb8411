/**
 * What a revision changed against the one before it: the answers that differ, named by their
 * question and in the scorecard's order, leaving out questions hidden from the viewer. An
 * answer differs when its value, its N/A or its comment does. Pure: no I/O.
 */
import { answerFor, questionsInOrder, type Answer, type Answers, type Question, type ScorecardDefinition } from "../scorecards/scorecard-definition.schema";

export interface AnswerChange {
  question: Question;
  before: Answer | undefined;
  after: Answer | undefined;
}

/** The parts of an answer that mean something, in a fixed order, so key order and absent defaults compare equal. */
function comparable(answer: Answer | undefined): string {
  return JSON.stringify([answer?.value ?? null, answer?.na === true, answer?.comment?.trim() ?? ""]);
}

export function answerChanges(definition: ScorecardDefinition, previous: Answers, current: Answers, hidden: ReadonlySet<string> = new Set()): AnswerChange[] {
  return questionsInOrder(definition)
    .filter(({ question }) => !hidden.has(question.id))
    .map(({ question }) => ({ question, before: answerFor(previous, question.id), after: answerFor(current, question.id) }))
    .filter((change) => comparable(change.before) !== comparable(change.after));
}
