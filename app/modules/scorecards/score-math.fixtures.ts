/**
 * The scorecards the score-math tests share: the worked example of docs/decisions/0009 and
 * small helpers around it. Test code only.
 */
import { scoreEvaluation } from "./score-math";
import { type Answers, type ScorecardDefinitionInput, scorecardDefinitionSchema } from "./scorecard-definition.schema";

export const define = (input: ScorecardDefinitionInput) => scorecardDefinitionSchema.parse(input);

/**
 * The worked example of docs/decisions/0009: Greeting (weight 1) has "greeted" (weight 2)
 * and "tone" 1..5; Resolution (weight 2) has "outcome" (critical for the section) and
 * "survey", shown only when the outcome is "solved".
 */
export const example = define({
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
});

export const score = (answers: Answers) => scoreEvaluation(example, answers);
export const section = (answers: Answers, id: string) => score(answers).sections.find((s) => s.id === id);
export const question = (answers: Answers, id: string) =>
  score(answers)
    .sections.flatMap((s) => s.questions)
    .find((q) => q.id === id);

/** One section of the given questions, weights 1 unless said. */
export const oneSection = (...questions: ScorecardDefinitionInput["sections"][number]["questions"]) =>
  define({ sections: [{ id: "s", title: "S", questions }] });
