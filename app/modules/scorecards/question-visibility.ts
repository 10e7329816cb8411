/**
 * Which questions of a scorecard may be hidden from agents, across all its versions: a
 * question id is one question for this purpose (hiding is per id, outside the versions), and
 * it may be hidden only when no version scores it. Pure: no I/O.
 */
import { isScoringQuestion, questionsInOrder, quotePrompt, type ScorecardDefinition } from "./scorecard-definition.schema";

export interface QuestionVisibility {
  id: string;
  /** The prompt in the newest version that has the question. */
  prompt: string;
  /** Scored in at least one version: always shown to the agent. */
  scoring: boolean;
  hidden: boolean;
}

/** Every question id of `definitions` (newest version first), in the newest version's order. */
export function questionVisibility(definitions: readonly ScorecardDefinition[], hiddenIds: Iterable<string>): QuestionVisibility[] {
  const hidden = new Set(hiddenIds);
  const byId = new Map<string, QuestionVisibility>();
  for (const definition of definitions) {
    for (const { question } of questionsInOrder(definition)) {
      const known = byId.get(question.id);
      if (known) known.scoring ||= isScoringQuestion(question);
      else byId.set(question.id, { id: question.id, prompt: question.prompt, scoring: isScoringQuestion(question), hidden: hidden.has(question.id) });
    }
  }
  return [...byId.values()];
}

/** Why these ids cannot be hidden (unknown, or scored somewhere), by id; empty when they all can. */
export function hidingProblems(questions: readonly QuestionVisibility[], ids: readonly string[]): Record<string, string> {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const problems: Record<string, string> = {};
  for (const id of ids) {
    const question = byId.get(id);
    if (!question) problems[id] = `This scorecard has no question with id "${id}".`;
    else if (question.scoring) {
      problems[id] = `${quotePrompt(question.prompt)} is scored, so it cannot be hidden from the agent: a score and its explanation always stay visible. Only text and tags questions can be hidden.`;
    }
  }
  return problems;
}
