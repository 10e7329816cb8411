import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ExplanationLine, explainScore, formatScore } from "./explain-score";
import { scoreEvaluation } from "./score-math";
import { define, exampleWith } from "./score-math.fixtures";
import type { Answers } from "./scorecard-definition.schema";
import { scenarioArbitrary } from "./test-arbitraries";

/**
 * The worked example of decision 0009 with what an explanation has to say something about:
 * a weight-0 question, a survey also shown for a partly solved outcome, an N/A-able recap, and
 * a weight-0 section with a critical-for-all question.
 */
const definition = define(
  exampleWith({
    questions: { survey: { showIf: { questionId: "outcome", equals: ["solved", "partly"] } } },
    add: {
      greeting: [{ kind: "binary", id: "name", prompt: "Used the name", weight: 0 }],
      resolution: [{ kind: "binary", id: "recap", prompt: "Recapped", allowNa: true }],
    },
    addSections: [
      {
        id: "compliance",
        title: "Compliance",
        weight: 0,
        questions: [{ kind: "binary", id: "verified", prompt: "Verified identity", critical: "all", allowNa: true }],
      },
    ],
  }),
);

const texts = (lines: ExplanationLine[]) => lines.map((line) => `${line.kind}: ${line.text}`);

describe("explainScore", () => {
  it("shows each section's and the overall arithmetic, and what is not counted and why", () => {
    const answers: Answers = {
      greeted: { value: true },
      tone: { value: 3 },
      name: { value: true },
      outcome: { value: "partly" },
      survey: { na: true },
      recap: { value: true },
      verified: { value: true },
    };
    expect(texts(explainScore(definition, answers))).toEqual([
      'not-counted: "Used the name": not counted, weight 0 (scored 1)',
      "section: Greeting: (2×1 + 1×0.5) / (2 + 1) = 0.833 → 83.3",
      'not-counted: "Offered the survey": not counted, N/A',
      "section: Resolution: (1×0.5 + 1×1) / (1 + 1) = 0.75 → 75.0",
      "section: Compliance: (1×1) / 1 = 1 → 100.0; weight 0, so it does not count in the overall",
      "overall: Overall: 100 × (1×0.833 + 2×0.75) / (1 + 2) = 77.8",
      "pass: 77.8 < 80 pass mark → fail",
    ]);
  });

  it("carries the numbers behind each line at full precision", () => {
    const lines = explainScore(definition, {
      greeted: { value: true },
      tone: { value: 4 },
      outcome: { value: "solved" },
      survey: { value: true },
    });
    const greeting = lines.find((line) => line.kind === "section" && line.sectionId === "greeting");
    expect(greeting).toMatchObject({
      weight: 1,
      terms: [
        { questionId: "greeted", weight: 2, q: 1 },
        { questionId: "tone", weight: 1, q: 0.75 },
      ],
      fraction: 2.75 / 3,
      score: (100 * 2.75) / 3,
      criticalFailed: false,
      counted: true,
    });
    const overall = lines.find((line) => line.kind === "overall");
    expect(overall).toMatchObject({
      terms: [
        { sectionId: "greeting", weight: 1, fraction: 2.75 / 3 },
        { sectionId: "resolution", weight: 2, fraction: 1 },
      ],
      autoFailed: false,
    });
    expect(lines.at(-2)).toMatchObject({ kind: "pass", passMark: 80, passed: true, text: "97.2 ≥ 80 pass mark → pass" });
  });

  it("explains critical failures, hidden questions and missing answers", () => {
    const answers: Answers = {
      greeted: { value: true },
      tone: { value: 3 },
      outcome: { value: "no" },
      survey: { value: true },
      verified: { value: false },
    };
    expect(texts(explainScore(definition, answers))).toEqual([
      'not-counted: "Used the name": not counted, not answered',
      "section: Greeting: (2×1 + 1×0.5) / (2 + 1) = 0.833 → 83.3",
      'not-counted: "Offered the survey": not counted, hidden (shown only when "Outcome" is "Solved" or "Partly")',
      'not-counted: "Recapped": not counted, not answered',
      'critical: "Outcome" is critical for section "Resolution" and scored 0 < 0.5: the section scores 0',
      "section: Resolution: (1×0) / 1 = 0, but a critical question failed → 0.0",
      'critical: "Verified identity" is critical for the whole evaluation and scored 0 < 0.5: overall is 0',
      "section: Compliance: (1×0) / 1 = 0 → 0.0; weight 0, so it does not count in the overall",
      "overall: Overall: 0, auto-failed by a critical question",
      "pass: Auto-failed by a critical question → fail",
      'incomplete: Not complete: 2 required questions have no answer: "Used the name", "Recapped"',
    ]);
  });

  it("says when there is no score at all", () => {
    const lines = explainScore(definition, { name: { value: true }, recap: { na: true }, verified: { na: true } });
    expect(texts(lines).filter((line) => !line.startsWith("not-counted"))).toEqual([
      "section: Greeting: N/A, no question counts",
      "section: Resolution: N/A, no question counts",
      "section: Compliance: N/A, no question counts; weight 0, so it does not count in the overall",
      "overall: Overall: no score, no section with a weight above 0 has a score",
      "pass: No score → not passed",
      'incomplete: Not complete: 3 required questions have no answer: "Greeted the customer", "Tone", "Outcome"',
    ]);
  });

  it("reads a stored result as well as answers, and the lines agree with the score", () => {
    fc.assert(
      fc.property(scenarioArbitrary({ withShowIf: true }), ({ definition: generated, answers }) => {
        const result = scoreEvaluation(generated, answers);
        const lines = explainScore(generated, answers);
        expect(explainScore(generated, JSON.parse(JSON.stringify(result)) as typeof result)).toEqual(lines);
        const sections = lines.filter((line) => line.kind === "section");
        expect(sections.map((line) => line.score)).toEqual(result.sections.map((s) => s.score));
        for (const line of sections) {
          if (!line.criticalFailed && line.fraction !== null) expect(line.score).toBeCloseTo(100 * line.fraction, 9);
        }
        const pass = lines.find((line) => line.kind === "pass");
        expect(pass).toMatchObject({ passed: result.passed, overall: result.overall });
        if (result.overall !== null && !result.autoFailed) expect(pass?.text.startsWith(formatScore(result.overall))).toBe(true);
        const notCounted = lines.flatMap((line) => (line.kind === "not-counted" ? [line.questionId] : []));
        const scoring = result.sections.flatMap((s) => s.questions.filter((q) => q.kind !== "text" && q.kind !== "tags"));
        expect(notCounted).toEqual(scoring.filter((q) => !q.counted).map((q) => q.id));
      }),
    );
  });
});
