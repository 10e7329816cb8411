import { describe, expect, it } from "vitest";
import { isComplete, questionScore, roundScore, scoreEvaluation } from "./score-math";
import { define, oneSection, question, score, section } from "./score-math.fixtures";
import { type Answers, type ScoringQuestion } from "./scorecard-definition.schema";

describe("questionScore", () => {
  const [binary, scale, choice] = define({
    sections: [
      {
        id: "s",
        title: "S",
        questions: [
          { kind: "binary", id: "b", prompt: "B" },
          { kind: "scale", id: "sc", prompt: "Sc", min: -2, max: 2 },
          {
            kind: "choice",
            id: "c",
            prompt: "C",
            options: [
              { id: "lo", label: "Lo", points: 0 },
              { id: "mid", label: "Mid", points: 1.5 },
              { id: "hi", label: "Hi", points: 6 },
            ],
          },
        ],
      },
    ],
  }).sections[0]!.questions as ScoringQuestion[];

  it("binary: yes 1, no 0", () => {
    expect([true, false].map((v) => questionScore(binary!, v))).toEqual([1, 0]);
  });
  it("scale: (v − min) / (max − min)", () => {
    expect([-2, -1, 0, 1, 2].map((v) => questionScore(scale!, v))).toEqual([0, 0.25, 0.5, 0.75, 1]);
  });
  it("choice: points / the question's highest points", () => {
    expect(["lo", "mid", "hi"].map((v) => questionScore(choice!, v))).toEqual([0, 0.25, 1]);
  });
});

describe("scoreEvaluation — the worked example", () => {
  it("weights questions within a section and sections within the evaluation", () => {
    const result = score({ greeted: { value: true }, tone: { value: 3 }, outcome: { value: "partly" }, notes: { value: "ok" } });
    expect(result).toEqual({
      overall: (1 * ((100 * (2 * 1 + 1 * 0.5)) / 3) + 2 * 50) / 3,
      passed: false,
      autoFailed: false,
      passMark: 80,
      missingRequired: [],
      sections: [
        {
          id: "greeting",
          title: "Greeting",
          weight: 1,
          score: (100 * (2 * 1 + 1 * 0.5)) / 3,
          criticalFailed: false,
          questions: [
            {
              id: "greeted",
              kind: "binary",
              visible: true,
              answered: true,
              na: false,
              q: 1,
              weight: 2,
              critical: null,
              counted: true,
              criticalFailed: false,
            },
            {
              id: "tone",
              kind: "scale",
              visible: true,
              answered: true,
              na: false,
              q: 0.5,
              weight: 1,
              critical: null,
              counted: true,
              criticalFailed: false,
            },
          ],
        },
        {
          id: "resolution",
          title: "Resolution",
          weight: 2,
          score: 50,
          criticalFailed: false,
          questions: [
            {
              id: "outcome",
              kind: "choice",
              visible: true,
              answered: true,
              na: false,
              q: 0.5,
              weight: 1,
              critical: "section",
              counted: true,
              criticalFailed: false,
            },
            {
              id: "survey",
              kind: "binary",
              visible: false,
              answered: false,
              na: false,
              q: null,
              weight: 1,
              critical: null,
              counted: false,
              criticalFailed: false,
            },
            {
              id: "notes",
              kind: "text",
              visible: true,
              answered: true,
              na: false,
              q: null,
              weight: 0,
              critical: null,
              counted: false,
              criticalFailed: false,
            },
          ],
        },
      ],
    });
    expect(roundScore(result.overall!)).toBe(61.1);
    expect(roundScore(result.sections[0]!.score!)).toBe(83.3);
  });

  it("passes at or above the pass mark", () => {
    const result = score({ greeted: { value: true }, tone: { value: 5 }, outcome: { value: "solved" }, survey: { value: true } });
    expect(result).toMatchObject({ overall: 100, passed: true, autoFailed: false });
    expect(isComplete(result)).toBe(true);
  });
});

describe("N/A and unanswered", () => {
  it("neither counts; a section with nothing counted is N/A and leaves the overall", () => {
    const answers: Answers = { greeted: { value: true }, outcome: { value: "solved" }, survey: { na: true } };
    expect(section(answers, "greeting")?.score).toBe(100);
    expect(question(answers, "survey")).toMatchObject({ visible: true, answered: true, na: true, q: null, counted: false });
    expect(section(answers, "resolution")?.score).toBe(100);
    expect(section({ greeted: { value: false } }, "resolution")?.score).toBeNull();
    expect(score({ greeted: { value: false } }).overall).toBe(0);
    expect(score({ greeted: { value: true } }).overall).toBe(100);
  });

  it("no counted section at all: overall null, not passed", () => {
    expect(score({})).toMatchObject({ overall: null, passed: false, autoFailed: false });
  });

  it("missingRequired: visible required questions without an answer; N/A is an answer; text is optional by default", () => {
    expect(score({}).missingRequired).toEqual(["greeted", "tone", "outcome"]);
    expect(score({ outcome: { value: "solved" } }).missingRequired).toEqual(["greeted", "tone", "survey"]);
    expect(score({ outcome: { value: "solved" }, survey: { na: true } }).missingRequired).toEqual(["greeted", "tone"]);
    const required = oneSection(
      { kind: "text", id: "t", prompt: "T", required: true },
      { kind: "tags", id: "g", prompt: "G", required: true, options: [{ id: "x", label: "X" }] },
    );
    expect(scoreEvaluation(required, { t: { value: "  " }, g: { value: [] } }).missingRequired).toEqual(["t", "g"]);
    const answered = scoreEvaluation(required, { t: { value: "fine" }, g: { value: ["x"] } });
    expect(answered.missingRequired).toEqual([]);
    expect(isComplete(answered)).toBe(true);
    expect(isComplete(score({}))).toBe(false);
  });
});

describe("weights", () => {
  it("a weight-0 question keeps its q but does not move the score; alone it leaves the section N/A", () => {
    const definition = oneSection({ kind: "binary", id: "a", prompt: "A" }, { kind: "binary", id: "zero", prompt: "Zero", weight: 0 });
    const result = scoreEvaluation(definition, { a: { value: true }, zero: { value: false } });
    expect(result.overall).toBe(100);
    expect(result.sections[0]?.questions[1]).toMatchObject({ q: 0, counted: false, weight: 0 });
    expect(scoreEvaluation(definition, { zero: { value: true } }).overall).toBeNull();
  });

  it("a weight-0 section is scored but left out of the overall", () => {
    const definition = define({
      sections: [
        { id: "a", title: "A", questions: [{ kind: "binary", id: "qa", prompt: "QA" }] },
        { id: "b", title: "B", weight: 0, questions: [{ kind: "binary", id: "qb", prompt: "QB" }] },
      ],
    });
    const result = scoreEvaluation(definition, { qa: { value: true }, qb: { value: false } });
    expect(result.sections[1]?.score).toBe(0);
    expect(result.overall).toBe(100);
    expect(scoreEvaluation(definition, { qb: { value: true } }).overall).toBeNull();
  });
});

describe("visibility (showIf)", () => {
  const chain = oneSection(
    { kind: "binary", id: "a", prompt: "A", allowNa: true },
    { kind: "scale", id: "b", prompt: "B", min: 0, max: 4, showIf: { questionId: "a", equals: [true] } },
    { kind: "binary", id: "c", prompt: "C", critical: "all", showIf: { questionId: "b", equals: [3, 4] } },
  );
  const visible = (answers: Answers) => scoreEvaluation(chain, answers).sections[0]!.questions.map((q) => q.visible);

  it("shows a question when the one it names is visible and answered with a listed value", () => {
    expect(visible({ a: { value: true }, b: { value: 4 } })).toEqual([true, true, true]);
    expect(visible({ a: { value: true }, b: { value: 2 } })).toEqual([true, true, false]);
    expect(visible({ a: { value: false }, b: { value: 4 } })).toEqual([true, false, false]);
  });

  it("an unanswered or N/A question hides its dependants", () => {
    expect(visible({})).toEqual([true, false, false]);
    expect(visible({ a: { na: true, value: true }, b: { value: 4 } })).toEqual([true, false, false]);
  });

  it("a hidden question never counts, is never required and never fails as critical", () => {
    const result = scoreEvaluation(chain, { a: { value: false }, b: { value: 4 }, c: { value: false } });
    expect(result).toMatchObject({ overall: 0, autoFailed: false, missingRequired: [] });
    expect(result.sections[0]?.questions[2]).toMatchObject({
      visible: false,
      answered: true,
      q: null,
      counted: false,
      criticalFailed: false,
    });
    expect(scoreEvaluation(chain, { a: { value: true }, b: { value: 4 } }).missingRequired).toEqual(["c"]);
  });
});

describe("critical questions", () => {
  it("section: a score below 0.5 zeroes the section, 0.5 itself does not", () => {
    const failed = { greeted: { value: true }, tone: { value: 5 }, outcome: { value: "no" } };
    expect(section(failed, "resolution")).toMatchObject({ score: 0, criticalFailed: true });
    expect(question(failed, "outcome")).toMatchObject({ q: 0, criticalFailed: true });
    expect(score(failed)).toMatchObject({ overall: 100 / 3, autoFailed: false, passed: false });
    expect(section({ outcome: { value: "partly" } }, "resolution")).toMatchObject({ score: 50, criticalFailed: false });
  });

  it("section: zeroes the section even when its other answers are perfect, and when the question has weight 0", () => {
    const definition = oneSection(
      { kind: "binary", id: "gate", prompt: "Gate", weight: 0, critical: "section" },
      { kind: "binary", id: "a", prompt: "A", weight: 5 },
    );
    expect(scoreEvaluation(definition, { gate: { value: false }, a: { value: true } })).toMatchObject({ overall: 0, passed: false });
    expect(scoreEvaluation(definition, { gate: { value: false } }).sections[0]).toMatchObject({ score: 0, criticalFailed: true });
    expect(scoreEvaluation(definition, { gate: { value: true } }).overall).toBeNull();
  });

  it("all: the evaluation is 0 and auto-failed, whatever else; the section itself keeps its score", () => {
    const definition = define({
      sections: [
        {
          id: "id",
          title: "Identity",
          questions: [{ kind: "scale", id: "verified", prompt: "Verified identity", min: 1, max: 5, critical: "all", allowNa: true }],
        },
        { id: "rest", title: "Rest", weight: 9, questions: [{ kind: "binary", id: "a", prompt: "A" }] },
      ],
    });
    const failed = scoreEvaluation(definition, { verified: { value: 2 }, a: { value: true } });
    expect(failed).toMatchObject({ overall: 0, autoFailed: true, passed: false });
    expect(failed.sections[0]).toMatchObject({ score: 25, criticalFailed: false });
    expect(failed.sections[0]?.questions[0]).toMatchObject({ q: 0.25, criticalFailed: true });
    expect(scoreEvaluation(definition, { verified: { value: 2 } })).toMatchObject({ overall: 0, autoFailed: true });
    expect(scoreEvaluation(definition, { verified: { value: 3 }, a: { value: true } })).toMatchObject({
      overall: 95,
      autoFailed: false,
      passed: true,
    });
    expect(scoreEvaluation(definition, { verified: { na: true }, a: { value: true } })).toMatchObject({ overall: 100, autoFailed: false });
  });
});
