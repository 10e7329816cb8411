/**
 * The scorecards the scorecard tests share (score math, its explanation, the definition's
 * schema): the worked example of docs/decisions/0009, the example changed for one test
 * (`exampleWith`), and small helpers around it. Test code only.
 */
import { scoreEvaluation } from "./score-math";
import { type Answers, type ScorecardDefinitionInput, scorecardDefinitionSchema } from "./scorecard-definition.schema";

export const define = (input: ScorecardDefinitionInput) => scorecardDefinitionSchema.parse(input);

/**
 * The worked example of docs/decisions/0009: Greeting (weight 1) has "greeted" (weight 2)
 * and "tone" 1..5; Resolution (weight 2) has "outcome" (critical for the section) and
 * "survey", shown only when the outcome is "solved".
 */
export const exampleInput = {
  sections: [
    {
      id: "greeting",
      title: "Greeting",
      questions: [
        { kind: "binary", id: "greeted", prompt: "Greeted the customer", weight: 2 },
        { kind: "scale", id: "tone", prompt: "Tone", min: 1, max: 5 },
      ],
    },
    {
      id: "resolution",
      title: "Resolution",
      weight: 2,
      questions: [
        {
          kind: "choice",
          id: "outcome",
          prompt: "Outcome",
          critical: "section",
          options: [
            { id: "solved", label: "Solved", points: 2 },
            { id: "partly", label: "Partly", points: 1 },
            { id: "no", label: "Not solved", points: 0 },
          ],
        },
        {
          kind: "binary",
          id: "survey",
          prompt: "Offered the survey",
          allowNa: true,
          showIf: { questionId: "outcome", equals: ["solved"] },
        },
        { kind: "text", id: "notes", prompt: "Notes" },
      ],
    },
  ],
} satisfies ScorecardDefinitionInput;

export const example = define(exampleInput);

type SectionInput = ScorecardDefinitionInput["sections"][number];
type QuestionInput = SectionInput["questions"][number];

/**
 * The worked example (unparsed) with what one test needs changed, so the test states only
 * the difference: sections' fields, questions' fields by id, questions added at the end of
 * a section, sections added after its two.
 */
export function exampleWith(changes: {
  sections?: Record<string, Partial<Omit<SectionInput, "questions">>>;
  questions?: Record<string, Record<string, unknown>>;
  add?: Record<string, QuestionInput[]>;
  addSections?: SectionInput[];
}): ScorecardDefinitionInput {
  return {
    ...exampleInput,
    sections: [
      ...exampleInput.sections.map((section) => ({
        ...section,
        ...changes.sections?.[section.id],
        questions: [
          ...section.questions.map((question) => ({ ...question, ...changes.questions?.[question.id] })),
          ...(changes.add?.[section.id] ?? []),
        ],
      })),
      ...(changes.addSections ?? []),
    ],
  };
}

export const score = (answers: Answers) => scoreEvaluation(example, answers);
export const section = (answers: Answers, id: string) => score(answers).sections.find((s) => s.id === id);
export const question = (answers: Answers, id: string) =>
  score(answers)
    .sections.flatMap((s) => s.questions)
    .find((q) => q.id === id);

/** One section of the given questions, weights 1 unless said. */
export const oneSection = (...questions: ScorecardDefinitionInput["sections"][number]["questions"]) =>
  define({ sections: [{ id: "s", title: "S", questions }] });
