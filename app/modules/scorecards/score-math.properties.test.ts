/**
 * The invariants DESIGN.md promises of the score math, over arbitrary valid definitions
 * and answers (test-arbitraries.ts).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type ScoreResult, roundScore, scoreEvaluation } from "./score-math";
import {
  type Answers,
  type ScorecardDefinition,
  answersSchema,
  isScoringQuestion,
  questionsInOrder,
  scorecardDefinitionSchema,
  validateAnswers,
} from "./scorecard-definition.schema";
import { answerValues, definitionArbitrary, scenarioArbitrary } from "./test-arbitraries";

const withShowIf = scenarioArbitrary({ withShowIf: true });

/** What a score says, without how the answers were given (answered/na flags, missingRequired). */
function scoreView(result: ScoreResult) {
  return {
    overall: result.overall,
    passed: result.passed,
    autoFailed: result.autoFailed,
    sections: result.sections.map((s) => ({
      score: s.score,
      criticalFailed: s.criticalFailed,
      questions: s.questions.map((q) => ({ visible: q.visible, q: q.q, counted: q.counted, criticalFailed: q.criticalFailed })),
    })),
  };
}

const visibility = (result: ScoreResult) => result.sections.flatMap((s) => s.questions.map((q) => q.visible));
const close = (a: number | null, b: number | null) => (a === null || b === null ? a === b : Math.abs(a - b) < 1e-9);

describe("score math properties", () => {
  it("the arbitraries make definitions the schema keeps and answers validateAnswers accepts", () => {
    fc.assert(
      fc.property(withShowIf, ({ definition, answers }) => {
        expect(scorecardDefinitionSchema.parse(definition)).toEqual(definition);
        expect(validateAnswers(definition, answersSchema.parse(answers))).toEqual({ ok: true });
      }),
    );
  });

  it("is bounded: overall and section scores in [0, 100] or null, q in [0, 1]; a pass has a score", () => {
    fc.assert(
      fc.property(withShowIf, ({ definition, answers }) => {
        const result = scoreEvaluation(definition, answers);
        const inRange = (x: number | null, max: number) => x === null || (x >= 0 && x <= max);
        expect(inRange(result.overall, 100)).toBe(true);
        for (const section of result.sections) {
          expect(inRange(section.score, 100)).toBe(true);
          for (const question of section.questions) expect(inRange(question.q, 1)).toBe(true);
        }
        if (result.passed) expect(roundScore(result.overall!)).toBeGreaterThanOrEqual(definition.passMark);
      }),
    );
  });

  it("auto-failed ⇒ overall 0 and not passed; auto-failed exactly when a visible all-critical question scored below 0.5", () => {
    fc.assert(
      fc.property(withShowIf, ({ definition, answers }) => {
        const result = scoreEvaluation(definition, answers);
        if (result.autoFailed) expect(result).toMatchObject({ overall: 0, passed: false });
        const questions = result.sections.flatMap((s) => s.questions);
        expect(result.autoFailed).toBe(questions.some((q) => q.critical === "all" && q.visible && q.q !== null && q.q < 0.5));
      }),
    );
  });

  it("hidden questions never count and are never missing; missing ones are visible, required and unanswered", () => {
    fc.assert(
      fc.property(withShowIf, ({ definition, answers }) => {
        const result = scoreEvaluation(definition, answers);
        const byId = new Map(result.sections.flatMap((s) => s.questions.map((q) => [q.id, q])));
        for (const question of byId.values()) {
          if (!question.visible) expect(question).toMatchObject({ q: null, counted: false, criticalFailed: false });
        }
        const required = new Set(questionsInOrder(definition).flatMap(({ question }) => (question.required ? [question.id] : [])));
        for (const id of result.missingRequired) {
          expect(required.has(id)).toBe(true);
          expect(byId.get(id)).toMatchObject({ visible: true, answered: false });
        }
      }),
    );
  });

  it("N/A answers change nothing: N/A and unanswered score alike", () => {
    fc.assert(
      fc.property(withShowIf, ({ definition, answers }) => {
        // Swap every N/A for no answer and every missing answer that may be N/A for N/A.
        const swapped: Answers = { ...answers };
        for (const { question } of questionsInOrder(definition)) {
          if (!isScoringQuestion(question) || !question.allowNa) continue;
          if (answers[question.id]?.na) delete swapped[question.id];
          else if (!Object.hasOwn(answers, question.id)) swapped[question.id] = { na: true };
        }
        expect(scoreView(scoreEvaluation(definition, swapped))).toEqual(scoreView(scoreEvaluation(definition, answers)));
      }),
    );
  });

  it("scaling every question weight and every section weight by a whole factor changes nothing", () => {
    fc.assert(
      fc.property(withShowIf, fc.integer({ min: 2, max: 20 }), ({ definition, answers }, factor) => {
        const scaled: ScorecardDefinition = {
          ...definition,
          sections: definition.sections.map((section) => ({
            ...section,
            weight: section.weight * factor,
            questions: section.questions.map((q) => (isScoringQuestion(q) ? { ...q, weight: q.weight * factor } : q)),
          })),
        };
        const before = scoreEvaluation(definition, answers);
        const after = scoreEvaluation(scaled, answers);
        expect(close(after.overall, before.overall)).toBe(true);
        expect(after.overall === null ? null : roundScore(after.overall)).toBe(before.overall === null ? null : roundScore(before.overall));
        expect({ passed: after.passed, autoFailed: after.autoFailed }).toEqual({ passed: before.passed, autoFailed: before.autoFailed });
        after.sections.forEach((section, i) => expect(close(section.score, before.sections[i]!.score)).toBe(true));
      }),
    );
  });

  /**
   * Two answers to one scoring question, the second with q at least the first's; the rest as
   * generated. Returns the two scores.
   */
  const raised = (showIf: boolean) =>
    scenarioArbitrary({ withShowIf: showIf })
      .chain(({ definition, answers }) => {
        const scoring = questionsInOrder(definition).flatMap(({ question }) => (isScoringQuestion(question) ? [question] : []));
        return scoring.length === 0
          ? fc.constant(null)
          : fc.tuple(fc.constantFrom(...scoring), fc.nat(), fc.nat()).map(([question, a, b]) => ({ definition, answers, question, a, b }));
      })
      .filter((x) => x !== null)
      .map(({ definition, answers, question, a, b }) => {
        const values = answerValues(question);
        const scoreOf = (v: number) => scoreEvaluation(definition, { ...answers, [question.id]: { value: values[v % values.length]! } });
        const [low, high] = [scoreOf(a), scoreOf(b)];
        const q = (result: ScoreResult) => result.sections.flatMap((s) => s.questions).find((x) => x.id === question.id)!.q;
        return (q(low) ?? 0) <= (q(high) ?? 0) ? { low, high } : { low: high, high: low };
      });

  function neverLower({ low, high }: { low: ScoreResult; high: ScoreResult }) {
    if (high.overall === null) expect(low.overall === null || low.overall === 0).toBe(true);
    else if (low.overall !== null) expect(high.overall).toBeGreaterThanOrEqual(low.overall);
    // Raising a weight-0 critical answer past 0.5 can leave nothing counted: the forced 0 of
    // its section goes and the evaluation has no score, so nothing passes or fails. With a
    // pass mark of 0 the forced 0 had "passed"; that is not a lower result, only no result.
    if (low.passed && high.overall !== null) expect(high.passed).toBe(true);
    if (high.autoFailed) expect(low.autoFailed).toBe(true);
  }

  it("raising one answer never lowers the score (no showIf)", () => {
    fc.assert(fc.property(raised(false), neverLower));
  });

  it("raising one answer never lowers the score unless it changes what is visible", () => {
    fc.assert(
      fc.property(raised(true), (pair) => {
        fc.pre(visibility(pair.low).every((v, i) => v === visibility(pair.high)[i]));
        neverLower(pair);
      }),
    );
  });

  it("gives the same result for inputs that went through JSON (browser and server parity)", () => {
    fc.assert(
      fc.property(withShowIf, ({ definition, answers }) => {
        const result = scoreEvaluation(definition, answers);
        const definitionAgain = scorecardDefinitionSchema.parse(JSON.parse(JSON.stringify(definition)));
        const answersAgain = answersSchema.parse(JSON.parse(JSON.stringify(answers)));
        expect(scoreEvaluation(definitionAgain, answersAgain)).toEqual(result);
        expect(JSON.parse(JSON.stringify(result))).toEqual(result);
      }),
    );
  });

  it("does not depend on answers to questions it does not know", () => {
    fc.assert(
      fc.property(definitionArbitrary({ withShowIf: true }), (definition) => {
        expect(scoreEvaluation(definition, { "not-a-question": { value: true } })).toEqual(scoreEvaluation(definition, {}));
      }),
    );
  });
});
