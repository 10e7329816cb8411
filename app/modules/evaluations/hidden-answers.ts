/**
 * Answers hidden from the agent (a note for the supervisor): a scorecard marks question ids
 * hidden (scorecard_hidden_questions, outside the versioned definition), and an agent's view
 * of an evaluation then has neither those questions, nor their answers and comments, nor the
 * annotations linked to them. Only non-scoring questions are ever hidden: a score and its
 * explanation stay visible to the agent, so a marked id that is a scoring question in the
 * evaluation's own version is shown all the same. Who reads the agent's view is an access
 * rule (access/rules.ts `seesHiddenAnswers`). Pure: no I/O.
 */
import { isScoringQuestion, questionsInOrder, type Answers, type ScorecardDefinition } from "../scorecards/scorecard-definition.schema";

/** The ids of `definition` an agent must not see: marked hidden and not scored in this version. */
export function hiddenQuestionIds(definition: ScorecardDefinition, marked: Iterable<string>): Set<string> {
  const markedIds = new Set(marked);
  return new Set(
    questionsInOrder(definition)
      .filter(({ question }) => markedIds.has(question.id) && !isScoringQuestion(question))
      .map(({ question }) => question.id),
  );
}

/** The definition without the hidden questions; a section left with none is left out. */
export function definitionWithout(definition: ScorecardDefinition, hidden: ReadonlySet<string>): ScorecardDefinition {
  if (hidden.size === 0) return definition;
  return {
    ...definition,
    sections: definition.sections
      .map((section) => ({ ...section, questions: section.questions.filter((question) => !hidden.has(question.id)) }))
      .filter((section) => section.questions.length > 0),
  };
}

export function answersWithout(answers: Answers, hidden: ReadonlySet<string>): Answers {
  return Object.fromEntries(Object.entries(answers).filter(([questionId]) => !hidden.has(questionId)));
}

export function annotationsWithout<A extends { questionId: string | null }>(annotations: readonly A[], hidden: ReadonlySet<string>): A[] {
  return annotations.filter((annotation) => annotation.questionId === null || !hidden.has(annotation.questionId));
}
