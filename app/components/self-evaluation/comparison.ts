/**
 * The agent's self-evaluation beside the reviewer's answers, question by question, with the
 * gap (issue 13 §5). Pure. The gap is the agent's points minus the reviewer's on the
 * question's own scale (yes/no 1 point, a scale its steps above the minimum, a choice its
 * option points): +1 means the agent gave themselves one point more than the reviewer did.
 * Questions are matched by id, so a self-evaluation on another version of the same scorecard
 * compares on the questions both have; the rows follow the review's definition. A question
 * either side left unanswered, N/A or non-scoring has no gap.
 */
import { questionsInOrder, type Answers, type ScorecardDefinition } from "../../modules/scorecards/scorecard-definition.schema";
import { answerSummary } from "../scorecard-form/answers";

export interface ComparisonRow {
  questionId: string;
  section: string;
  prompt: string;
  agent: string;
  reviewer: string;
  /** Agent's points − reviewer's points; null where either has none. */
  gap: number | null;
  possible: number | null;
}

export interface ScoredSide {
  definition: ScorecardDefinition;
  answers: Answers;
  score: number | null;
}

export function compareAnswers(self: ScoredSide, review: ScoredSide): { rows: ComparisonRow[]; scoreGap: number | null } {
  const selfQuestions = new Map(questionsInOrder(self.definition).map(({ question }) => [question.id, question]));
  const rows = questionsInOrder(review.definition).map(({ section, question }) => {
    const reviewer = answerSummary(question, review.answers[question.id]);
    const selfQuestion = selfQuestions.get(question.id);
    const agent = selfQuestion ? answerSummary(selfQuestion, self.answers[question.id]) : null;
    const gap = agent?.points && reviewer.points ? agent.points.earned - reviewer.points.earned : null;
    return {
      questionId: question.id,
      section: section.title,
      prompt: question.prompt,
      agent: agent ? agent.text : "Not on the agent’s form",
      reviewer: reviewer.text,
      gap,
      possible: reviewer.points?.possible ?? null,
    };
  });
  const scoreGap = self.score !== null && review.score !== null ? Math.round((self.score - review.score) * 10) / 10 : null;
  return { rows, scoreGap };
}

/** "+2", "−1", "0", "—": signed, with a real minus sign. */
export function formatGap(gap: number | null, decimals = 0): string {
  if (gap === null) return "—";
  if (gap === 0) return decimals > 0 ? (0).toFixed(decimals) : "0";
  return `${gap > 0 ? "+" : "−"}${Math.abs(gap).toFixed(decimals)}`;
}
