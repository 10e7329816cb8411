import { describe, expect, it } from "vitest";
import { roundScore, scoreEvaluation } from "./score-math";
import { define, example, oneSection, question } from "./score-math.fixtures";
import { type Answers, answersSchema, scorecardDefinitionSchema } from "./scorecard-definition.schema";

describe("pass mark and rounding", () => {
  const definition = (passMark: number) =>
    define({
      passMark,
      sections: [
        {
          id: "s",
          title: "S",
          questions: [
            {
              kind: "choice",
              id: "c",
              prompt: "C",
              options: [
                { id: "full", label: "Full", points: 1000 },
                { id: "a", label: "A", points: 799.5 },
                { id: "b", label: "B", points: 799.4 },
              ],
            },
          ],
        },
      ],
    });

  it("decides on the score as shown and stored, one decimal half up", () => {
    expect(scoreEvaluation(definition(80), { c: { value: "a" } })).toMatchObject({ passed: true });
    expect(roundScore(scoreEvaluation(definition(80), { c: { value: "a" } }).overall!)).toBe(80);
    expect(scoreEvaluation(definition(80), { c: { value: "b" } })).toMatchObject({ passed: false });
    expect(scoreEvaluation(definition(79.9), { c: { value: "b" } })).toMatchObject({ passed: true });
    expect(scoreEvaluation(definition(0), {})).toMatchObject({ overall: null, passed: false });
  });

  it("roundScore: one decimal, half up, immune to floating-point noise", () => {
    expect([83.333, 83.35, 2.25, 0.05, 100, 0, 61.111].map(roundScore)).toEqual([83.3, 83.4, 2.3, 0.1, 100, 0, 61.1]);
    expect(roundScore(79.94999999999999)).toBe(80);
    expect(roundScore(0.1 + 0.2)).toBe(0.3);
  });
});

describe("answers the schema or validateAnswers would refuse", () => {
  it("count as not given, so a half-typed draft still scores", () => {
    expect(question({ tone: { value: 9 } }, "tone")).toMatchObject({ answered: false, q: null });
    expect(question({ outcome: { value: "gone" } }, "outcome")).toMatchObject({ answered: false, q: null });
    expect(question({ greeted: { value: "yes" } }, "greeted")).toMatchObject({ answered: false });
    // N/A where it is not allowed is ignored; the value, if any, counts.
    expect(question({ greeted: { na: true, value: false } }, "greeted")).toMatchObject({ na: false, answered: true, q: 0 });
    expect(question({ greeted: { na: true } }, "greeted")).toMatchObject({ na: false, answered: false });
  });

  it("a question id like 'constructor' is not read from Object.prototype", () => {
    const definition = oneSection({ kind: "binary", id: "constructor", prompt: "C" });
    expect(scoreEvaluation(definition, {})).toMatchObject({ overall: null, missingRequired: ["constructor"] });
  });
});

describe("browser and server agree", () => {
  it("gives the same result for inputs that went through JSON, and the result itself survives JSON", () => {
    const answers: Answers = {
      greeted: { value: true, comment: "good" },
      tone: { value: 4 },
      outcome: { value: "solved" },
      survey: { na: true },
    };
    const result = scoreEvaluation(example, answers);
    const definitionAgain = scorecardDefinitionSchema.parse(JSON.parse(JSON.stringify(example)));
    const answersAgain = answersSchema.parse(JSON.parse(JSON.stringify(answers)));
    expect(scoreEvaluation(definitionAgain, answersAgain)).toEqual(result);
    expect(JSON.parse(JSON.stringify(result))).toEqual(result);
  });
});
