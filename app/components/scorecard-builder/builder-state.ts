/**
 * The scorecard builder's edits, as pure functions over the definition being edited. The
 * builder keeps one `ScorecardDefinition` in page state and replaces it on every edit; what
 * is typed may be invalid on the way (a blank prompt, a weight being retyped as NaN), and
 * the schema says so when it is saved. Ids are made once and never change: answers,
 * showIf conditions and stored evaluations refer to them.
 */
import {
  type Question,
  type QuestionKind,
  type ScorecardDefinition,
  type ScoringQuestion,
  type Section,
  isScoringQuestion,
  questionsInOrder,
} from "../../modules/scorecards/scorecard-definition.schema";
import { scalePoints } from "../scorecard-form/answers";

export type Random = () => number;

export const kindLabels: Record<QuestionKind, string> = {
  binary: "Yes / no",
  scale: "Scale",
  choice: "Choice",
  text: "Text (not scored)",
  tags: "Tags (not scored)",
};

export const questionKinds = Object.keys(kindLabels) as QuestionKind[];

/** Every id in the definition (sections, questions, options), so a new one never clashes. */
export function takenIds(definition: ScorecardDefinition): Set<string> {
  const ids = new Set<string>();
  for (const section of definition.sections) {
    ids.add(section.id);
    for (const question of section.questions) {
      ids.add(question.id);
      if (question.kind === "choice" || question.kind === "tags") for (const option of question.options) ids.add(option.id);
    }
  }
  return ids;
}

/** `q-` + 8 random base-36 characters, not yet in `taken` (which it joins). Valid under the schema's id rule. */
export function createId(prefix: "s" | "q" | "o", taken: Set<string>, random: Random = Math.random): string {
  for (;;) {
    let suffix = "";
    while (suffix.length < 8) suffix += Math.floor(random() * 36).toString(36);
    const id = `${prefix}-${suffix}`;
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

/** A new question of a kind, with the defaults an author most often wants. */
export function newQuestion(kind: QuestionKind, taken: Set<string>, random: Random = Math.random, prompt = ""): Question {
  const id = createId("q", taken, random);
  return withKind({ id, kind: "text", prompt, help: undefined, required: false }, kind, taken, random);
}

export function newSection(taken: Set<string>, random: Random = Math.random): Section {
  const id = createId("s", taken, random);
  return { id, title: "", description: undefined, weight: 1, questions: [newQuestion("binary", taken, random)] };
}

const scoringDefaults = { weight: 1, allowNa: false, critical: null, required: true } as const;

/**
 * The question as another kind: id, prompt, help and showIf stay; scoring settings stay
 * between scoring kinds; options stay between choice and tags (labels kept, points added).
 */
export function withKind(question: Question, kind: QuestionKind, taken: Set<string>, random: Random = Math.random): Question {
  if (question.kind === kind) return question;
  const common = {
    id: question.id,
    prompt: question.prompt,
    help: question.help,
    ...(question.showIf ? { showIf: question.showIf } : {}),
  };
  const scoring = isScoringQuestion(question)
    ? { weight: question.weight, allowNa: question.allowNa, critical: question.critical, required: question.required }
    : scoringDefaults;
  const labels =
    question.kind === "choice" || question.kind === "tags"
      ? question.options.map((option) => ({ id: option.id, label: option.label }))
      : [];
  const option = (label: string) => ({ id: createId("o", taken, random), label });
  switch (kind) {
    case "binary":
      return { ...common, kind, ...scoring };
    case "scale":
      return { ...common, kind, ...scoring, min: 1, max: 5, minLabel: undefined, maxLabel: undefined };
    case "choice": {
      const base = labels.length >= 2 ? labels : [option("Yes"), option("Partly"), option("No")];
      return { ...common, kind, ...scoring, options: base.map((o, index) => ({ ...o, points: Math.max(base.length - 1 - index, 0) })) };
    }
    case "text":
      return { ...common, kind, required: false };
    case "tags":
      return { ...common, kind, required: false, options: labels.length >= 1 ? labels : [option("")] };
  }
}

// ——— Immutable edits by position ———

export function updateSection(definition: ScorecardDefinition, s: number, change: (section: Section) => Section): ScorecardDefinition {
  return { ...definition, sections: definition.sections.map((section, index) => (index === s ? change(section) : section)) };
}

export function updateQuestion(
  definition: ScorecardDefinition,
  s: number,
  i: number,
  change: (question: Question) => Question,
): ScorecardDefinition {
  return updateSection(definition, s, (section) => ({
    ...section,
    questions: section.questions.map((question, index) => (index === i ? change(question) : question)),
  }));
}

function move<T>(items: readonly T[], from: number, to: number): T[] {
  const copy = [...items];
  const [item] = copy.splice(from, 1);
  if (item === undefined) return copy;
  copy.splice(to, 0, item);
  return copy;
}

export function addSection(definition: ScorecardDefinition, random: Random = Math.random): { definition: ScorecardDefinition; section: Section } {
  const section = newSection(takenIds(definition), random);
  return { definition: { ...definition, sections: [...definition.sections, section] }, section };
}

export function moveSection(definition: ScorecardDefinition, s: number, delta: -1 | 1): ScorecardDefinition {
  const to = s + delta;
  if (to < 0 || to >= definition.sections.length) return definition;
  return { ...definition, sections: move(definition.sections, s, to) };
}

/** Removes a section; questions that depended on its questions lose their condition (`released` counts them). */
export function removeSection(definition: ScorecardDefinition, s: number): { definition: ScorecardDefinition; released: number } {
  return cleanShowIf({ ...definition, sections: definition.sections.filter((_, index) => index !== s) });
}

export function addQuestion(
  definition: ScorecardDefinition,
  s: number,
  kind: QuestionKind,
  random: Random = Math.random,
): { definition: ScorecardDefinition; question: Question } {
  const question = newQuestion(kind, takenIds(definition), random);
  return { definition: updateSection(definition, s, (section) => ({ ...section, questions: [...section.questions, question] })), question };
}

/**
 * Moves a question one place; past the first or last place of its section it goes to the
 * end of the section above or the start of the section below.
 */
export function moveQuestion(definition: ScorecardDefinition, s: number, i: number, delta: -1 | 1): ScorecardDefinition {
  const section = definition.sections[s];
  const question = section?.questions[i];
  if (!section || !question) return definition;
  const to = i + delta;
  if (to >= 0 && to < section.questions.length) {
    return updateSection(definition, s, (current) => ({ ...current, questions: move(current.questions, i, to) }));
  }
  const target = s + delta;
  if (target < 0 || target >= definition.sections.length) return definition;
  return {
    ...definition,
    sections: definition.sections.map((current, index) => {
      if (index === s) return { ...current, questions: current.questions.filter((_, k) => k !== i) };
      if (index === target) return { ...current, questions: delta < 0 ? [...current.questions, question] : [question, ...current.questions] };
      return current;
    }),
  };
}

/** Whether a question can move that way (inside its section or into the neighbouring one). */
export function canMoveQuestion(definition: ScorecardDefinition, s: number, i: number, delta: -1 | 1): boolean {
  const section = definition.sections[s];
  if (!section) return false;
  const to = i + delta;
  if (to >= 0 && to < section.questions.length) return true;
  return s + delta >= 0 && s + delta < definition.sections.length;
}

export function removeQuestion(definition: ScorecardDefinition, s: number, i: number): { definition: ScorecardDefinition; released: number } {
  return cleanShowIf(updateSection(definition, s, (section) => ({ ...section, questions: section.questions.filter((_, index) => index !== i) })));
}

export function changeKind(
  definition: ScorecardDefinition,
  s: number,
  i: number,
  kind: QuestionKind,
  random: Random = Math.random,
): { definition: ScorecardDefinition; released: number } {
  const taken = takenIds(definition);
  return cleanShowIf(updateQuestion(definition, s, i, (question) => withKind(question, kind, taken, random)));
}

export function addOption(definition: ScorecardDefinition, s: number, i: number, random: Random = Math.random): { definition: ScorecardDefinition; optionId: string | null } {
  const taken = takenIds(definition);
  let optionId: string | null = null;
  const next = updateQuestion(definition, s, i, (question) => {
    if (question.kind === "choice") {
      optionId = createId("o", taken, random);
      return { ...question, options: [...question.options, { id: optionId, label: "", points: 0 }] };
    }
    if (question.kind === "tags") {
      optionId = createId("o", taken, random);
      return { ...question, options: [...question.options, { id: optionId, label: "" }] };
    }
    return question;
  });
  return { definition: next, optionId };
}

/** Removes an option; a showIf that named it forgets it (and is dropped when nothing is left). */
export function removeOption(definition: ScorecardDefinition, s: number, i: number, k: number): { definition: ScorecardDefinition; released: number } {
  return cleanShowIf(
    updateQuestion(definition, s, i, (question) => {
      if (question.kind === "choice") return { ...question, options: question.options.filter((_, index) => index !== k) };
      if (question.kind === "tags") return { ...question, options: question.options.filter((_, index) => index !== k) };
      return question;
    }),
  );
}

// ——— showIf ———

/** Whether a showIf value can still be an answer of the question it names (scale range aside: ends are edited digit by digit). */
function valueFits(reference: ScoringQuestion, value: unknown): boolean {
  switch (reference.kind) {
    case "binary":
      return typeof value === "boolean";
    case "scale":
      return Number.isInteger(value);
    case "choice":
      return reference.options.some((option) => option.id === value);
  }
}

/**
 * After a question, option or kind went away: a showIf naming a question that is gone or no
 * longer scoring is removed, and values that are no longer answers of it are dropped (the
 * whole showIf when none is left). `released` counts the questions that lost their condition.
 * Order problems (a condition on a later question after a move) are left for the schema to
 * report: moving back fixes them without losing the condition.
 */
export function cleanShowIf(definition: ScorecardDefinition): { definition: ScorecardDefinition; released: number } {
  const byId = new Map(questionsInOrder(definition).map(({ question }) => [question.id, question]));
  let released = 0;
  let changed = false;
  const sections = definition.sections.map((section) => {
    let sectionChanged = false;
    const questions = section.questions.map((question) => {
      if (!question.showIf) return question;
      const reference = byId.get(question.showIf.questionId);
      const equals = reference && isScoringQuestion(reference) ? question.showIf.equals.filter((value) => valueFits(reference, value)) : [];
      if (equals.length === question.showIf.equals.length) return question;
      sectionChanged = true;
      if (equals.length > 0) return { ...question, showIf: { ...question.showIf, equals } };
      released += 1;
      const { showIf: _dropped, ...rest } = question;
      return rest;
    });
    if (!sectionChanged) return section;
    changed = true;
    return { ...section, questions };
  });
  return { definition: changed ? { ...definition, sections } : definition, released };
}

/** The questions a question may depend on: scoring questions before it, in definition order. */
export function earlierScoringQuestions(definition: ScorecardDefinition, questionId: string): ScoringQuestion[] {
  const earlier: ScoringQuestion[] = [];
  for (const { question } of questionsInOrder(definition)) {
    if (question.id === questionId) break;
    if (isScoringQuestion(question)) earlier.push(question);
  }
  return earlier;
}

/** The answers of a question a showIf can compare with, labelled for the author. */
export function showIfChoices(reference: ScoringQuestion): { value: boolean | number | string; label: string }[] {
  switch (reference.kind) {
    case "binary":
      return [
        { value: true, label: "Yes" },
        { value: false, label: "No" },
      ];
    case "scale":
      return scalePoints(reference).map((value) => ({ value, label: String(value) }));
    case "choice":
      return reference.options.map((option) => ({ value: option.id, label: option.label || "(option without a label)" }));
  }
}

/** A default condition on `reference`: its best answer (yes, the top of a scale, the first option). */
export function defaultShowIf(reference: ScoringQuestion): { questionId: string; equals: (boolean | number | string)[] } {
  const choices = showIfChoices(reference);
  const first = reference.kind === "scale" ? choices[choices.length - 1] : choices[0];
  return { questionId: reference.id, equals: first ? [first.value] : [] };
}

/** Counts for the builder's headings and the publish dialog. */
export function countQuestions(definition: ScorecardDefinition): { questions: number; scoring: number } {
  const all = questionsInOrder(definition);
  return { questions: all.length, scoring: all.filter(({ question }) => isScoringQuestion(question)).length };
}

/**
 * How an editor hands a change to the builder: the new definition, the element to focus
 * next, and for a change that loses something (a removal, a kind change) the message that
 * announces it with an Undo.
 */
export type ApplyEdit = (next: ScorecardDefinition, effect?: { focus?: string; undoable?: string }) => void;

/** "Removed question 3." plus what happened to the questions that depended on it. */
export function lossMessage(done: string, released: number): string {
  if (released === 0) return `${done}.`;
  return `${done}; ${released === 1 ? "1 question that depended on it is" : `${released} questions that depended on it are`} now always shown.`;
}
