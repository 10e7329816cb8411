/**
 * A scorecard version's definition (sections of questions and the pass mark) and the answers
 * an evaluation gives to it (DESIGN.md "Scorecards and score math", docs/decisions/0009).
 * One schema for the scorecard editor, the API and the stored version: a published version
 * is immutable, so what this accepts is what every evaluation pinned to it is scored against.
 * Messages are written for the scorecard author; issue paths point at the field to fix.
 * Pure: no I/O, safe in the browser.
 */
import { z } from "zod";

export const MAX_SECTIONS = 50;
export const MAX_QUESTIONS_PER_SECTION = 100;
export const MAX_OPTIONS = 50;
export const MAX_SHOW_IF_VALUES = 50;
export const MIN_SCALE_POINTS = 2;
export const MAX_SCALE_POINTS = 11;
/** Scale ends are bounded only so a typo (1 to 1000000) is refused with a clear message. */
export const SCALE_LIMIT = 100;
export const MAX_OPTION_POINTS = 1000;
export const MAX_COMMENT_CHARS = 5000;
export const MAX_TEXT_ANSWER_CHARS = 20_000;
export const DEFAULT_PASS_MARK = 80;
export const DEFAULT_WEIGHT = 1;

/**
 * Ids are keys of the answers object, form field names and URL fragments: a short safe
 * alphabet, and never `__proto__` (a leading letter or digit), so `answers[id]` is plain data.
 */
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

const idSchema = (label: string) =>
  z
    .string({ error: `${label} is required` })
    .min(1, { error: `${label} is required`, abort: true })
    .regex(ID_PATTERN, `${label} must be 1 to 64 letters, digits, "-" or "_", starting with a letter or digit`);

const text = (label: string, max: number) =>
  z
    .string({ error: `${label} is required` })
    .trim()
    .min(1, `${label} is required`)
    .max(max, `${label} must be at most ${max} characters`);

/** Blank is "not given", so an emptied form field does not store an empty label. */
const optionalText = (label: string, max: number) =>
  z
    .string({ error: `${label} must be text` })
    .trim()
    .max(max, `${label} must be at most ${max} characters`)
    .optional()
    .transform((value) => (value === "" ? undefined : value));

function wholeNumber(label: string, min: number, max: number) {
  const message = `${label} must be a whole number from ${min} to ${max}`;
  return z.number({ error: message }).int(message).min(min, message).max(max, message);
}

const weight = (label: string) => wholeNumber(label, 0, 100).default(DEFAULT_WEIGHT);
const flag = (label: string, fallback: boolean) => z.boolean({ error: `${label} must be true or false` }).default(fallback);

export const showIfSchema = z.object(
  {
    questionId: idSchema("Show if: the question"),
    equals: z
      .array(z.union([z.boolean(), z.number(), z.string()]), { error: "Show if: list the answers that show this question" })
      .min(1, "Show if: choose at least one answer that shows this question")
      .max(MAX_SHOW_IF_VALUES, `Show if: at most ${MAX_SHOW_IF_VALUES} answers`),
  },
  { error: "Show if must name an earlier question and the answers that show this one" },
);

const common = {
  id: idSchema("Question id"),
  prompt: text("Question", 500),
  help: optionalText("Help text", 2000),
  showIf: showIfSchema.optional(),
};

const scoring = {
  weight: weight("Question weight"),
  allowNa: flag("Allow N/A", false),
  critical: z.enum(["section", "all"], { error: 'Critical must be empty, "section" or "all"' }).nullable().default(null),
  required: flag("Required", true),
};

function checkOptionIds(options: readonly { id: string }[], ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  options.forEach((option, index) => {
    if (seen.has(option.id))
      ctx.addIssue({ code: "custom", path: ["options", index, "id"], message: `Option id "${option.id}" is used twice` });
    seen.add(option.id);
  });
}

const binarySchema = z.object({ kind: z.literal("binary"), ...common, ...scoring });

const scaleSchema = z
  .object({
    kind: z.literal("scale"),
    ...common,
    ...scoring,
    min: wholeNumber("Scale minimum", -SCALE_LIMIT, SCALE_LIMIT),
    max: wholeNumber("Scale maximum", -SCALE_LIMIT, SCALE_LIMIT),
    minLabel: optionalText("Label of the lowest point", 100),
    maxLabel: optionalText("Label of the highest point", 100),
  })
  .superRefine((question, ctx) => {
    const points = question.max - question.min + 1;
    if (points < MIN_SCALE_POINTS) {
      ctx.addIssue({ code: "custom", path: ["max"], message: "The scale maximum must be above its minimum" });
    } else if (points > MAX_SCALE_POINTS) {
      ctx.addIssue({
        code: "custom",
        path: ["max"],
        message: `A scale has ${MIN_SCALE_POINTS} to ${MAX_SCALE_POINTS} points; ${question.min} to ${question.max} has ${points}`,
      });
    }
  });

const choiceOptionSchema = z.object({
  id: idSchema("Option id"),
  label: text("Option label", 200),
  points: z
    .number({ error: "Points must be a number" })
    .min(0, "Points must not be negative")
    .max(MAX_OPTION_POINTS, `Points must be at most ${MAX_OPTION_POINTS}`),
});

const choiceSchema = z
  .object({
    kind: z.literal("choice"),
    ...common,
    ...scoring,
    options: z
      .array(choiceOptionSchema, { error: "A choice question needs its options" })
      .min(2, "A choice question needs at least 2 options")
      .max(MAX_OPTIONS, `A choice question has at most ${MAX_OPTIONS} options`),
  })
  .superRefine((question, ctx) => {
    checkOptionIds(question.options, ctx);
    // q = points / max points: with every option at 0 the score would be 0/0.
    if (!question.options.some((option) => option.points > 0)) {
      ctx.addIssue({ code: "custom", path: ["options"], message: "At least one option must be worth more than 0 points" });
    }
  });

const textSchema = z.object({ kind: z.literal("text"), ...common, required: flag("Required", false) });

const tagsSchema = z
  .object({
    kind: z.literal("tags"),
    ...common,
    options: z
      .array(z.object({ id: idSchema("Tag id"), label: text("Tag label", 200) }), { error: "A tags question needs its tags" })
      .min(1, "A tags question needs at least 1 tag")
      .max(MAX_OPTIONS, `A tags question has at most ${MAX_OPTIONS} tags`),
    required: flag("Required", false),
  })
  .superRefine((question, ctx) => checkOptionIds(question.options, ctx));

export const questionSchema = z.discriminatedUnion("kind", [binarySchema, scaleSchema, choiceSchema, textSchema, tagsSchema], {
  error: "Question type: choose yes/no, scale, choice, text or tags",
});

export const sectionSchema = z.object({
  id: idSchema("Section id"),
  title: text("Section title", 200),
  description: optionalText("Section description", 2000),
  weight: weight("Section weight"),
  questions: z
    .array(questionSchema, { error: "A section needs its questions" })
    .min(1, "A section needs at least one question")
    .max(MAX_QUESTIONS_PER_SECTION, `A section has at most ${MAX_QUESTIONS_PER_SECTION} questions`),
});

const passMarkMessage = "Pass mark must be from 0 to 100, with at most one decimal";

const definitionObject = z.object({
  // One decimal, like the stored score (roundScore), so the pass decision is exact. The
  // tolerance lets a mark read back from a float4 column (79.9 → 79.90000152587891) through,
  // and the transform makes it 79.9 again.
  passMark: z
    .number({ error: passMarkMessage })
    .min(0, passMarkMessage)
    .max(100, passMarkMessage)
    .refine((mark) => Math.abs(mark * 10 - Math.round(mark * 10)) < 1e-3, passMarkMessage)
    .transform((mark) => Math.round(mark * 10) / 10)
    .default(DEFAULT_PASS_MARK),
  sections: z
    .array(sectionSchema, { error: "A scorecard needs its sections" })
    .min(1, "A scorecard needs at least one section")
    .max(MAX_SECTIONS, `A scorecard has at most ${MAX_SECTIONS} sections`),
});

export const scorecardDefinitionSchema = definitionObject.superRefine(checkDefinition);

export type ScorecardDefinition = z.output<typeof scorecardDefinitionSchema>;
/** What an author or the API may send: defaults not yet filled in. */
export type ScorecardDefinitionInput = z.input<typeof scorecardDefinitionSchema>;
export type Section = ScorecardDefinition["sections"][number];
export type Question = Section["questions"][number];
export type QuestionKind = Question["kind"];
export type ScoringQuestion = Extract<Question, { kind: "binary" | "scale" | "choice" }>;
export type ShowIf = z.output<typeof showIfSchema>;
export type Critical = ScoringQuestion["critical"];

export function isScoringQuestion(question: Question): question is ScoringQuestion {
  return question.kind === "binary" || question.kind === "scale" || question.kind === "choice";
}

/** Every question in definition order (the order showIf depends on), with its section. */
export function questionsInOrder(definition: ScorecardDefinition): { section: Section; question: Question }[] {
  return definition.sections.flatMap((section) => section.questions.map((question) => ({ section, question })));
}

/** A prompt short enough to quote inside a message. */
export function quotePrompt(prompt: string): string {
  return `"${prompt.length > 60 ? `${prompt.slice(0, 59)}…` : prompt}"`;
}

/** The answer values a showIf may compare with, or why there are none. */
function showIfValueProblem(reference: ScoringQuestion, value: unknown): string | null {
  const name = quotePrompt(reference.prompt);
  const shown = JSON.stringify(value);
  switch (reference.kind) {
    case "binary":
      return typeof value === "boolean" ? null : `Show if: ${name} is answered yes (true) or no (false), not ${shown}`;
    case "scale":
      return Number.isInteger(value) && (value as number) >= reference.min && (value as number) <= reference.max
        ? null
        : `Show if: ${name} takes whole numbers from ${reference.min} to ${reference.max}, not ${shown}`;
    case "choice":
      return reference.options.some((option) => option.id === value) ? null : `Show if: ${name} has no option with id ${shown}`;
  }
}

function checkDefinition(definition: z.output<typeof definitionObject>, ctx: z.RefinementCtx) {
  const owners = new Map<string, string>();
  const claim = (id: string, path: (string | number)[], owner: string) => {
    const earlier = owners.get(id);
    if (earlier !== undefined) ctx.addIssue({ code: "custom", path, message: `Id "${id}" is already used by ${earlier}` });
    else owners.set(id, owner);
  };
  const everyQuestion = new Map(
    definition.sections.flatMap((section) => section.questions.map((question) => [question.id, question] as const)),
  );
  const earlierQuestions = new Map<string, Question>();

  definition.sections.forEach((section, s) => {
    claim(section.id, ["sections", s, "id"], `section "${section.title}"`);
    section.questions.forEach((question, i) => {
      const path = ["sections", s, "questions", i];
      claim(question.id, [...path, "id"], `question ${quotePrompt(question.prompt)}`);
      if (question.showIf) checkShowIf(question.id, question.showIf, [...path, "showIf"]);
      earlierQuestions.set(question.id, question);
    });
  });

  // Only earlier questions: visibility is then decided in one pass and can never loop.
  function checkShowIf(ownId: string, showIf: ShowIf, path: (string | number)[]) {
    const issue = (message: string, at: (string | number)[] = ["questionId"]) =>
      ctx.addIssue({ code: "custom", path: [...path, ...at], message });
    const reference = earlierQuestions.get(showIf.questionId);
    if (showIf.questionId === ownId) return issue("Show if: a question cannot depend on itself");
    if (!reference) {
      const later = everyQuestion.get(showIf.questionId);
      return issue(
        later
          ? `Show if: ${quotePrompt(later.prompt)} comes after this question; a question can only depend on an earlier one`
          : `Show if: there is no question with id "${showIf.questionId}"`,
      );
    }
    if (!isScoringQuestion(reference)) {
      return issue(
        `Show if: ${quotePrompt(reference.prompt)} is a ${reference.kind} question, which has no answer to compare; choose a yes/no, scale or choice question`,
      );
    }
    showIf.equals.forEach((value, k) => {
      const problem = showIfValueProblem(reference, value);
      if (problem) issue(problem, ["equals", k]);
    });
  }
}

// ——— Answers ———

const answerSchema = z.object(
  {
    value: z
      .union([z.boolean(), z.number(), z.string(), z.array(z.string({ error: "A tag must be given by its id" }))], {
        error: "An answer is yes/no, a number, text, an option id or a list of tag ids",
      })
      .refine((value) => typeof value !== "string" || value.length <= MAX_TEXT_ANSWER_CHARS, {
        message: `An answer must be at most ${MAX_TEXT_ANSWER_CHARS} characters`,
      })
      .refine((value) => !Array.isArray(value) || value.length <= MAX_OPTIONS, { message: `Choose at most ${MAX_OPTIONS} tags` })
      .optional(),
    na: z.boolean({ error: "N/A must be true or false" }).optional(),
    comment: z
      .string({ error: "A comment must be text" })
      .max(MAX_COMMENT_CHARS, `A comment must be at most ${MAX_COMMENT_CHARS} characters`)
      .optional(),
  },
  { error: "Each answer must be an object with a value, N/A or a comment" },
);

/**
 * Answers by question id. The shape only: whether a value suits its question is
 * `validateAnswers`, which needs the definition. An answer with `na: true` is N/A whatever
 * its value (the form may keep the value while N/A is ticked).
 */
export const answersSchema = z.record(idSchema("Question id"), answerSchema, { error: "Answers must be an object keyed by question id" });

export type Answer = z.output<typeof answerSchema>;
export type AnswerValue = NonNullable<Answer["value"]>;
export type Answers = z.output<typeof answersSchema>;

/** The answer to one question; own keys only, so an id like "constructor" is never inherited. */
export function answerFor(answers: Answers, questionId: string): Answer | undefined {
  return Object.hasOwn(answers, questionId) ? answers[questionId] : undefined;
}

/** Why `value` is not an answer to `question`, or null when it is one. */
export function answerValueProblem(question: Question, value: unknown): string | null {
  switch (question.kind) {
    case "binary":
      return typeof value === "boolean" ? null : "answer yes or no";
    case "scale":
      return Number.isInteger(value) && (value as number) >= question.min && (value as number) <= question.max
        ? null
        : `answer a whole number from ${question.min} to ${question.max}`;
    case "choice":
      if (typeof value !== "string") return "choose one of its options";
      return question.options.some((option) => option.id === value) ? null : `"${value}" is not one of its options`;
    case "text":
      return typeof value === "string" ? null : "answer with text";
    case "tags": {
      if (!Array.isArray(value) || !value.every((tag) => typeof tag === "string")) return "choose tags from its list";
      const unknown = value.find((tag) => !question.options.some((option) => option.id === tag));
      if (unknown !== undefined) return `"${unknown}" is not one of its tags`;
      const twice = value.find((tag, index) => value.indexOf(tag) !== index);
      return twice === undefined ? null : `tag "${twice}" is chosen twice`;
    }
  }
}

export type AnswersCheck = { ok: true } | { ok: false; issues: { questionId: string; message: string }[] };

/**
 * Each answer against its question: known id, a value of the right kind and range, N/A only
 * where allowed. Missing answers are not issues here (a draft may be partial); that is
 * `missingRequired` in the score. Answers to hidden questions are checked too: the form
 * keeps them while the question is hidden, and they count again if it reappears.
 */
export function validateAnswers(definition: ScorecardDefinition, answers: Answers): AnswersCheck {
  const questions = new Map(questionsInOrder(definition).map(({ question }) => [question.id, question]));
  const issues: { questionId: string; message: string }[] = [];
  for (const [questionId, answer] of Object.entries(answers)) {
    const question = questions.get(questionId);
    if (!question) {
      issues.push({ questionId, message: `This scorecard has no question with id "${questionId}"` });
      continue;
    }
    const name = quotePrompt(question.prompt);
    if (answer.na === true && !(isScoringQuestion(question) && question.allowNa)) {
      issues.push({ questionId, message: `${name} cannot be marked N/A` });
    }
    const problem = answer.value === undefined ? null : answerValueProblem(question, answer.value);
    if (problem) issues.push({ questionId, message: `${name}: ${problem}` });
  }
  return issues.length === 0 ? { ok: true } : { ok: false, issues };
}
