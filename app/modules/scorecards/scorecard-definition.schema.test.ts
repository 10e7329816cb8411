import { describe, expect, it } from "vitest";
import { exampleWith } from "./score-math.fixtures";
import { type ScorecardDefinitionInput, answersSchema, scorecardDefinitionSchema, validateAnswers } from "./scorecard-definition.schema";

/** The worked example with text to trim, labels, an empty description and a tags question. */
const valid: ScorecardDefinitionInput = exampleWith({
  sections: { greeting: { title: " Greeting " }, resolution: { description: "" } },
  questions: { greeted: { prompt: "Greeted the customer by name" }, tone: { minLabel: "Cold", maxLabel: " " } },
  add: { resolution: [{ kind: "tags", id: "causes", prompt: "Root causes", options: [{ id: "billing", label: "Billing" }] }] },
});

type Input = Record<string, unknown>;

/** `valid` with its first section's questions replaced. */
function withQuestions(...questions: Input[]): Input {
  return { sections: [{ id: "s", title: "S", questions }] };
}

function errors(input: unknown) {
  const result = scorecardDefinitionSchema.safeParse(input);
  if (result.success) throw new Error("expected the definition to be refused");
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("scorecardDefinitionSchema", () => {
  it("fills in defaults and trims text", () => {
    const definition = scorecardDefinitionSchema.parse(valid);
    expect(definition.passMark).toBe(80);
    const [greeting, resolution] = definition.sections;
    expect(greeting).toMatchObject({ title: "Greeting", weight: 1 });
    expect(greeting?.questions[0]).toEqual({
      kind: "binary",
      id: "greeted",
      prompt: "Greeted the customer by name",
      help: undefined,
      showIf: undefined,
      weight: 2,
      allowNa: false,
      critical: null,
      required: true,
    });
    expect(greeting?.questions[1]).toMatchObject({ minLabel: "Cold", maxLabel: undefined, weight: 1 });
    expect(resolution?.description).toBeUndefined();
    expect(resolution?.questions[2]).toMatchObject({ kind: "text", required: false });
    expect(resolution?.questions[3]).toMatchObject({ kind: "tags", required: false });
  });

  it("reads its own output again unchanged, also through JSON (a stored version re-validates)", () => {
    const once = scorecardDefinitionSchema.parse(valid);
    expect(scorecardDefinitionSchema.parse(once)).toEqual(once);
    expect(scorecardDefinitionSchema.parse(JSON.parse(JSON.stringify(once)))).toEqual(once);
  });

  it("says what is missing", () => {
    expect(errors({})).toEqual({ sections: "A scorecard needs its sections" });
    expect(errors({ sections: [] })).toEqual({ sections: "A scorecard needs at least one section" });
    expect(errors({ sections: [{}] })).toEqual({
      "sections.0.id": "Section id is required",
      "sections.0.title": "Section title is required",
      "sections.0.questions": "A section needs its questions",
    });
    expect(errors({ sections: [{ id: "s", title: "S", questions: [] }] })).toEqual({
      "sections.0.questions": "A section needs at least one question",
    });
    expect(errors(withQuestions({ kind: "binary" }))).toEqual({
      "sections.0.questions.0.id": "Question id is required",
      "sections.0.questions.0.prompt": "Question is required",
    });
    expect(errors(withQuestions({ id: "q", prompt: "Q" }))).toEqual({
      "sections.0.questions.0.kind": "Question type: choose yes/no, scale, choice, text or tags",
    });
  });

  it("refuses bad values with a message per field", () => {
    const bad = {
      passMark: 80.05,
      sections: [
        {
          id: "has space",
          title: "S",
          weight: 101,
          questions: [{ kind: "binary", id: "", prompt: "Q", weight: 1.5, allowNa: "yes", critical: "team" }],
        },
      ],
    };
    expect(errors(bad)).toEqual({
      passMark: "Pass mark must be from 0 to 100, with at most one decimal",
      "sections.0.id": 'Section id must be 1 to 64 letters, digits, "-" or "_", starting with a letter or digit',
      "sections.0.weight": "Section weight must be a whole number from 0 to 100",
      "sections.0.questions.0.id": "Question id is required",
      "sections.0.questions.0.weight": "Question weight must be a whole number from 0 to 100",
      "sections.0.questions.0.allowNa": "Allow N/A must be true or false",
      "sections.0.questions.0.critical": 'Critical must be empty, "section" or "all"',
    });
    expect(errors({ ...valid, passMark: 101 })).toEqual({ passMark: "Pass mark must be from 0 to 100, with at most one decimal" });
    expect(scorecardDefinitionSchema.parse({ ...valid, passMark: 72.5 }).passMark).toBe(72.5);
    // As read back from a float4 (`real`) column.
    expect(scorecardDefinitionSchema.parse({ ...valid, passMark: Math.fround(79.9) }).passMark).toBe(79.9);
    expect(errors({ sections: [{ id: "__proto__", title: "S", questions: [{ kind: "text", id: "t", prompt: "T" }] }] })).toEqual({
      "sections.0.id": 'Section id must be 1 to 64 letters, digits, "-" or "_", starting with a letter or digit',
    });
  });

  it("scales: 2 to 11 points", () => {
    const scale = (min: number, max: number) => withQuestions({ kind: "scale", id: "q", prompt: "Q", min, max });
    for (const [min, max] of [
      [0, 1],
      [1, 5],
      [0, 10],
      [-2, 2],
    ] as const) {
      expect(scorecardDefinitionSchema.safeParse(scale(min, max)).success).toBe(true);
    }
    expect(errors(scale(1, 1))).toEqual({ "sections.0.questions.0.max": "The scale maximum must be above its minimum" });
    expect(errors(scale(5, 1))).toEqual({ "sections.0.questions.0.max": "The scale maximum must be above its minimum" });
    expect(errors(scale(0, 11))).toEqual({ "sections.0.questions.0.max": "A scale has 2 to 11 points; 0 to 11 has 12" });
    expect(errors(scale(1, 2.5))).toEqual({ "sections.0.questions.0.max": "Scale maximum must be a whole number from -100 to 100" });
  });

  it("choices: at least 2 options, unique ids, something worth points", () => {
    const choice = (options: unknown) => withQuestions({ kind: "choice", id: "q", prompt: "Q", options });
    expect(errors(choice([{ id: "a", label: "A", points: 1 }]))).toEqual({
      "sections.0.questions.0.options": "A choice question needs at least 2 options",
    });
    expect(
      errors(
        choice([
          { id: "a", label: "A", points: 0 },
          { id: "a", label: "B", points: 0 },
          { id: "c", label: "", points: -1 },
        ]),
      ),
    ).toEqual({
      "sections.0.questions.0.options.1.id": 'Option id "a" is used twice',
      "sections.0.questions.0.options.2.label": "Option label is required",
      "sections.0.questions.0.options.2.points": "Points must not be negative",
      "sections.0.questions.0.options": "At least one option must be worth more than 0 points",
    });
    expect(
      errors(
        withQuestions({
          kind: "tags",
          id: "t",
          prompt: "T",
          options: [
            { id: "x", label: "X" },
            { id: "x", label: "Y" },
          ],
        }),
      ),
    ).toEqual({ "sections.0.questions.0.options.1.id": 'Option id "x" is used twice' });
  });

  it("ids are unique across sections and questions", () => {
    const definition = {
      sections: [
        { id: "a", title: "First", questions: [{ kind: "binary", id: "b", prompt: "Bee" }] },
        {
          id: "b",
          title: "Second",
          questions: [
            { kind: "binary", id: "a", prompt: "Ay" },
            { kind: "text", id: "c", prompt: "C" },
            { kind: "binary", id: "c", prompt: "C again" },
          ],
        },
      ],
    };
    expect(errors(definition)).toEqual({
      "sections.1.id": 'Id "b" is already used by question "Bee"',
      "sections.1.questions.0.id": 'Id "a" is already used by section "First"',
      "sections.1.questions.2.id": 'Id "c" is already used by question "C"',
    });
  });

  describe("showIf", () => {
    const base = [
      { kind: "binary", id: "yes", prompt: "Resolved" },
      { kind: "scale", id: "tone", prompt: "Tone", min: 1, max: 5 },
      {
        kind: "choice",
        id: "pick",
        prompt: "Outcome",
        options: [
          { id: "a", label: "A", points: 1 },
          { id: "b", label: "B", points: 0 },
        ],
      },
      { kind: "text", id: "notes", prompt: "Notes" },
    ];
    const dependent = (showIf: unknown) => withQuestions(...base, { kind: "binary", id: "dep", prompt: "Dependent", showIf });
    const at = "sections.0.questions.4.showIf";

    it("accepts valid answers of an earlier scoring question, also in an earlier section", () => {
      for (const showIf of [
        { questionId: "yes", equals: [true] },
        { questionId: "tone", equals: [1, 5] },
        { questionId: "pick", equals: ["a", "b"] },
      ]) {
        expect(scorecardDefinitionSchema.safeParse(dependent(showIf)).success).toBe(true);
      }
      expect(scorecardDefinitionSchema.safeParse(valid).success).toBe(true);
    });

    it("refuses later, unknown, own and non-scoring questions", () => {
      const later = withQuestions(
        { kind: "binary", id: "first", prompt: "First", showIf: { questionId: "second", equals: [true] } },
        { kind: "binary", id: "second", prompt: "Second" },
      );
      expect(errors(later)).toEqual({
        "sections.0.questions.0.showIf.questionId":
          'Show if: "Second" comes after this question; a question can only depend on an earlier one',
      });
      expect(errors(dependent({ questionId: "nope", equals: [true] }))).toEqual({
        [`${at}.questionId`]: 'Show if: there is no question with id "nope"',
      });
      expect(errors(dependent({ questionId: "dep", equals: [true] }))).toEqual({
        [`${at}.questionId`]: "Show if: a question cannot depend on itself",
      });
      expect(errors(dependent({ questionId: "notes", equals: ["x"] }))).toEqual({
        [`${at}.questionId`]:
          'Show if: "Notes" is a text question, which has no answer to compare; choose a yes/no, scale or choice question',
      });
      expect(errors(dependent({ questionId: "yes", equals: [] }))).toEqual({
        [`${at}.equals`]: "Show if: choose at least one answer that shows this question",
      });
    });

    it("refuses values that are not answers of the question it names", () => {
      expect(errors(dependent({ questionId: "yes", equals: [true, "yes"] }))).toEqual({
        [`${at}.equals.1`]: 'Show if: "Resolved" is answered yes (true) or no (false), not "yes"',
      });
      expect(errors(dependent({ questionId: "tone", equals: [0, 3, 2.5, "4"] }))).toEqual({
        [`${at}.equals.0`]: 'Show if: "Tone" takes whole numbers from 1 to 5, not 0',
        [`${at}.equals.2`]: 'Show if: "Tone" takes whole numbers from 1 to 5, not 2.5',
        [`${at}.equals.3`]: 'Show if: "Tone" takes whole numbers from 1 to 5, not "4"',
      });
      expect(errors(dependent({ questionId: "pick", equals: ["a", "z"] }))).toEqual({
        [`${at}.equals.1`]: 'Show if: "Outcome" has no option with id "z"',
      });
    });
  });
});

describe("answersSchema", () => {
  it("reads answers of every kind", () => {
    const answers = {
      greeted: { value: true, comment: "Nice" },
      tone: { value: 4 },
      outcome: { value: "solved" },
      survey: { na: true },
      notes: { value: "Called back" },
      causes: { value: ["billing"] },
    };
    expect(answersSchema.parse(answers)).toEqual(answers);
  });

  it("refuses shapes that are no answer", () => {
    const result = answersSchema.safeParse({
      a: { value: { nested: 1 } },
      b: { value: "x".repeat(20_001) },
      c: 5,
      d: { comment: "x".repeat(5001) },
      e: { na: "yes" },
      "bad id": { value: true },
    });
    expect(result.success).toBe(false);
    expect(Object.fromEntries(result.error?.issues.map((issue) => [issue.path.join("."), issue.message]) ?? [])).toEqual({
      "a.value": "An answer is yes/no, a number, text, an option id or a list of tag ids",
      "b.value": "An answer must be at most 20000 characters",
      c: "Each answer must be an object with a value, N/A or a comment",
      "d.comment": "A comment must be at most 5000 characters",
      "e.na": "N/A must be true or false",
      "bad id": "Answers must be an object keyed by question id",
    });
  });

  it("never lets a __proto__ key through as data", () => {
    const parsed = answersSchema.parse(JSON.parse('{"__proto__": {"value": true}, "a": {"value": true}}'));
    expect(Object.keys(parsed)).toEqual(["a"]);
    expect(Object.getPrototypeOf(parsed)).toBe(Object.prototype);
  });
});

describe("validateAnswers", () => {
  const definition = scorecardDefinitionSchema.parse(valid);

  it("accepts valid answers, partial ones, N/A where allowed and answers to hidden questions", () => {
    expect(validateAnswers(definition, {})).toEqual({ ok: true });
    expect(
      validateAnswers(definition, {
        greeted: { value: false },
        tone: { value: 1 },
        outcome: { value: "no" },
        survey: { na: true, value: true },
        notes: { value: "" },
        causes: { value: [] },
      }),
    ).toEqual({ ok: true });
  });

  it("names each question and what is wrong with its answer", () => {
    const result = validateAnswers(definition, {
      greeted: { value: "yes", na: true },
      tone: { value: 6 },
      outcome: { value: "maybe" },
      survey: { value: 1 },
      notes: { value: ["x"] },
      causes: { value: ["billing", "weather", "billing"] },
      gone: { value: true },
      constructor: { value: true },
    });
    expect(result).toEqual({
      ok: false,
      issues: [
        { questionId: "greeted", message: '"Greeted the customer by name" cannot be marked N/A' },
        { questionId: "greeted", message: '"Greeted the customer by name": answer yes or no' },
        { questionId: "tone", message: '"Tone": answer a whole number from 1 to 5' },
        { questionId: "outcome", message: '"Outcome": "maybe" is not one of its options' },
        { questionId: "survey", message: '"Offered the survey": answer yes or no' },
        { questionId: "notes", message: '"Notes": answer with text' },
        { questionId: "causes", message: '"Root causes": "weather" is not one of its tags' },
        { questionId: "gone", message: 'This scorecard has no question with id "gone"' },
        { questionId: "constructor", message: 'This scorecard has no question with id "constructor"' },
      ],
    });
    expect(validateAnswers(definition, { causes: { value: ["billing", "billing"] }, notes: { na: true }, tone: { value: 2.5 } })).toEqual({
      ok: false,
      issues: [
        { questionId: "causes", message: '"Root causes": tag "billing" is chosen twice' },
        { questionId: "notes", message: '"Notes" cannot be marked N/A' },
        { questionId: "tone", message: '"Tone": answer a whole number from 1 to 5' },
      ],
    });
  });
});
