/**
 * The recorded result of a set of answers: what a submit and a correction both store. Each
 * answer must fit its question and every visible required question must be answered (422
 * naming them); the score is the pure score math's, rounded as it is shown. Pure: no I/O.
 */
import { DomainError } from "../../lib/errors";
import { questionsInOrder, validateAnswers, type Answers, type ScorecardDefinition } from "../scorecards/scorecard-definition.schema";
import { isComplete, roundScore, scoreEvaluation } from "../scorecards/score-math";

export interface RecordedScore {
  score: number | null;
  passed: boolean;
  autoFailed: boolean;
}

export function scoreCompleteAnswers(definition: ScorecardDefinition, answers: Answers, verb: "submitting" | "saving the correction" | "deciding the dispute"): RecordedScore {
  assertAnswersFit(definition, answers);
  const result = scoreEvaluation(definition, answers);
  if (!isComplete(result)) {
    const prompts = new Map(questionsInOrder(definition).map(({ question }) => [question.id, question.prompt]));
    const fieldErrors = Object.fromEntries(result.missingRequired.map((id) => [`answers.${id}`, "Answer this question (or mark it N/A where allowed)"]));
    const names = result.missingRequired.map((id) => `“${prompts.get(id) ?? id}”`).join(", ");
    throw new DomainError("invalid", `Answer every required question before ${verb}: ${names}.`, fieldErrors);
  }
  return { score: result.overall === null ? null : roundScore(result.overall), passed: result.passed, autoFailed: result.autoFailed };
}

/** 422 naming each answer that does not fit its question (unknown ids, wrong kind, out of range, N/A not allowed). */
export function assertAnswersFit(definition: ScorecardDefinition, answers: Answers): void {
  const check = validateAnswers(definition, answers);
  if (!check.ok) {
    const fieldErrors = Object.fromEntries(check.issues.map((issue) => [`answers.${issue.questionId}`, issue.message]));
    throw new DomainError("invalid", check.issues.map((issue) => issue.message).join(" "), fieldErrors);
  }
}
