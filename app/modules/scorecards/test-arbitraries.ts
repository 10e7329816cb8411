/**
 * Test only: fast-check arbitraries of valid scorecard definitions and answers to them,
 * shared by the property tests of the score math and its explanation. Every definition is
 * built from generated "shapes" and then parsed by the real schema, so a bug here shows up
 * as a refused definition rather than as a test of something the schema would not accept.
 */
import fc from "fast-check";
import {
  type Answer,
  type AnswerValue,
  type Answers,
  type Question,
  type ScorecardDefinition,
  type ScorecardDefinitionInput,
  type ScoringQuestion,
  isScoringQuestion,
  questionsInOrder,
  scorecardDefinitionSchema,
} from "./scorecard-definition.schema";

type QuestionInput = ScorecardDefinitionInput["sections"][number]["questions"][number];
type OmitEach<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** A question without id and prompt, and with showIf as indexes to resolve against earlier questions. */
type Shape = OmitEach<QuestionInput, "id" | "prompt" | "showIf"> & { pick: { ref: number; values: number[] } | null };

const scoring = fc.record({
  weight: fc.integer({ min: 0, max: 5 }),
  allowNa: fc.boolean(),
  critical: fc.constantFrom(null, null, null, "section" as const, "all" as const),
  required: fc.boolean(),
});

const pick = (withShowIf: boolean) =>
  withShowIf
    ? fc.option(fc.record({ ref: fc.nat(), values: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }) }), { freq: 2 })
    : fc.constant(null);

function shape(withShowIf: boolean): fc.Arbitrary<Shape> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.tuple(scoring, pick(withShowIf)).map(([c, p]): Shape => ({ kind: "binary", ...c, pick: p })) },
    {
      weight: 3,
      arbitrary: fc
        .tuple(scoring, fc.integer({ min: -3, max: 3 }), fc.integer({ min: 1, max: 10 }), pick(withShowIf))
        .map(([c, min, span, p]): Shape => ({ kind: "scale", ...c, min, max: min + span, pick: p })),
    },
    {
      weight: 3,
      arbitrary: fc
        .tuple(scoring, fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 2, maxLength: 4 }), pick(withShowIf))
        .map(([c, halves, p]): Shape => {
          // Half points too; the last option is worth something when nothing else is.
          const points = halves.map((h, i) => (i === halves.length - 1 && halves.every((x) => x === 0) ? 1 : h / 2));
          return { kind: "choice", ...c, options: points.map((pts, i) => ({ id: `o${i}`, label: `Option ${i}`, points: pts })), pick: p };
        }),
    },
    { weight: 1, arbitrary: fc.tuple(fc.boolean(), pick(withShowIf)).map(([required, p]): Shape => ({ kind: "text", required, pick: p })) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.boolean(), pick(withShowIf)).map(([required, p]): Shape => ({
        kind: "tags",
        required,
        options: [0, 1, 2].map((i) => ({ id: `t${i}`, label: `Tag ${i}` })),
        pick: p,
      })),
    },
  );
}

/** Every answer value a scoring question takes, in order of rising q for binary and scale. */
export function answerValues(question: ScoringQuestion): (boolean | number | string)[] {
  switch (question.kind) {
    case "binary":
      return [false, true];
    case "scale":
      return Array.from({ length: question.max - question.min + 1 }, (_, i) => question.min + i);
    case "choice":
      return question.options.map((option) => option.id);
  }
}

function build(passMark: number, sections: { weight: number; shapes: Shape[] }[]): ScorecardDefinition {
  const earlier: ScoringQuestion[] = [];
  const input: ScorecardDefinitionInput = {
    passMark,
    sections: sections.map((section, s) => ({
      id: `s${s}`,
      title: `Section ${s}`,
      weight: section.weight,
      questions: section.shapes.map(({ pick: p, ...rest }, i): QuestionInput => {
        const id = `q${s}-${i}`;
        const question = { ...rest, id, prompt: `Question ${s}.${i}` } as QuestionInput;
        const reference = p && earlier.length > 0 ? earlier[p.ref % earlier.length] : undefined;
        if (reference) {
          const values = answerValues(reference);
          question.showIf = { questionId: reference.id, equals: [...new Set(p!.values.map((v) => values[v % values.length]!))] };
        }
        // Only the kind and the answer range matter for showIf checks, so the input will do.
        if (question.kind !== "text" && question.kind !== "tags") earlier.push(question as ScoringQuestion);
        return question;
      }),
    })),
  };
  return scorecardDefinitionSchema.parse(input);
}

export function definitionArbitrary({ withShowIf }: { withShowIf: boolean }): fc.Arbitrary<ScorecardDefinition> {
  return fc
    .tuple(
      fc.integer({ min: 0, max: 1000 }).map((x) => x / 10),
      fc.array(fc.record({ weight: fc.integer({ min: 0, max: 5 }), shapes: fc.array(shape(withShowIf), { minLength: 1, maxLength: 5 }) }), {
        minLength: 1,
        maxLength: 4,
      }),
    )
    .map(([passMark, sections]) => build(passMark, sections));
}

/** Unanswered, N/A where allowed, or a valid value. */
export function answerArbitrary(question: Question): fc.Arbitrary<Answer | undefined> {
  const value: fc.Arbitrary<AnswerValue> =
    question.kind === "text"
      ? fc.string({ maxLength: 5 })
      : question.kind === "tags"
        ? fc.subarray(question.options.map((o) => o.id))
        : fc.constantFrom(...answerValues(question));
  const options: fc.Arbitrary<Answer | undefined>[] = [fc.constant(undefined), value.map((v) => ({ value: v }))];
  if (isScoringQuestion(question) && question.allowNa) options.push(fc.constant({ na: true }));
  return fc.oneof(...options);
}

export function answersArbitrary(definition: ScorecardDefinition): fc.Arbitrary<Answers> {
  const entries = questionsInOrder(definition).map(({ question }) =>
    answerArbitrary(question).map((answer) => [question.id, answer] as const),
  );
  return fc
    .tuple(...entries)
    .map((pairs) => Object.fromEntries(pairs.filter((pair): pair is readonly [string, Answer] => pair[1] !== undefined)) as Answers);
}

export function scenarioArbitrary(options: { withShowIf: boolean }): fc.Arbitrary<{ definition: ScorecardDefinition; answers: Answers }> {
  return definitionArbitrary(options).chain((definition) => answersArbitrary(definition).map((answers) => ({ definition, answers })));
}
