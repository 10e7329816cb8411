import { describe, expect, it } from "vitest";
import { reviewDefinition } from "../../../test/evaluation-fixtures";
import { scorecardDefinitionSchema, type ScorecardDefinition, type ScoringQuestion } from "../scorecards/scorecard-definition.schema";
import { questionKey, questionResults, questionsWithNewMeaning } from "./question-results";

const definition: ScorecardDefinition = scorecardDefinitionSchema.parse(reviewDefinition);

function withQuestion(id: string, change: (question: ScoringQuestion) => ScoringQuestion): ScorecardDefinition {
  return {
    ...definition,
    sections: definition.sections.map((section) => ({
      ...section,
      questions: section.questions.map((question) => (question.id === id ? change(question as ScoringQuestion) : question)),
    })),
  };
}

describe("question results of a revision", () => {
  it("gives visible answered scoring questions q to six decimals, N/A without q, and nothing for text", () => {
    const results = questionResults(definition, { greeting: { value: true }, identity: { na: true }, discovery: { value: 2 }, outcome: { value: "next" }, note: { value: "x" } });
    expect(results.map(({ questionId, q, na, weight, criticalFailed }) => ({ questionId, q, na, weight, criticalFailed }))).toEqual([
      { questionId: "greeting", q: "1.000000", na: false, weight: 1, criticalFailed: false },
      { questionId: "identity", q: null, na: true, weight: 1, criticalFailed: false },
      { questionId: "discovery", q: "0.250000", na: false, weight: 1, criticalFailed: false },
      { questionId: "outcome", q: "0.500000", na: false, weight: 1, criticalFailed: false },
    ]);
  });
});

describe("a question across versions", () => {
  it("keeps its key through a new prompt, weight or critical setting", () => {
    const reworded = withQuestion("discovery", (q) => ({ ...q, prompt: "Understood the need", weight: 3, critical: "section" }));
    expect(questionsWithNewMeaning(definition, reworded)).toEqual([]);
    expect(questionResults(reworded, { discovery: { value: 3 } })[0]?.questionKey).toBe(questionResults(definition, { discovery: { value: 3 } })[0]?.questionKey);
  });

  it("becomes a new question when its kind, its scale's range or its options' points change", () => {
    const widened = withQuestion("discovery", (q) => ({ ...q, max: 10 }) as ScoringQuestion);
    const repointed = withQuestion("outcome", (q) => (q.kind === "choice" ? { ...q, options: q.options.map((o) => (o.id === "next" ? { ...o, points: 2 } : o)) } : q));
    const rekinded = withQuestion("greeting", (q) => ({ ...q, kind: "scale", min: 0, max: 1 }) as ScoringQuestion);
    expect(questionsWithNewMeaning(definition, widened)).toEqual(["discovery"]);
    expect(questionsWithNewMeaning(definition, repointed)).toEqual(["outcome"]);
    expect(questionsWithNewMeaning(definition, rekinded)).toEqual(["greeting"]);
    const discovery = definition.sections[1]?.questions[0] as ScoringQuestion;
    expect(questionKey(discovery)).not.toBe(questionKey({ ...discovery, max: 10 } as ScoringQuestion));
    expect(questionKey(discovery)).toMatch(/^discovery#[0-9a-f]{8}$/);
  });
});
