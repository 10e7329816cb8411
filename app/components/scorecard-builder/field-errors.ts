/**
 * Where a definition problem is shown in the builder. The schema's issue paths use positions
 * (["sections", 0, "questions", 2, "options", 1, "label"]); the builder's inputs are named by
 * ids, so an error stays on the right input after questions are moved. Positions are read
 * against the definition the issues were found in.
 */
import type { ScorecardDefinition } from "../../modules/scorecards/scorecard-definition.schema";

/** Element ids of the builder's inputs; errors are keyed by them, and the error summary links to them. */
export const builderIds = {
  passMark: "sc-pass-mark",
  sections: "sc-sections",
  general: "sc-definition",
  section: (sectionId: string, field?: string) => `sc-s-${sectionId}${field ? `-${field}` : ""}`,
  question: (questionId: string, field?: string) => `sc-q-${questionId}${field ? `-${field}` : ""}`,
  option: (questionId: string, optionId: string, field: "label" | "points") => `sc-q-${questionId}-o-${optionId}-${field}`,
};

const sectionFields = new Set(["title", "description", "weight"]);
const questionFields = new Set(["prompt", "help", "kind", "weight", "allowNa", "critical", "required", "min", "max", "minLabel", "maxLabel", "options", "showIf"]);

/** "sections.0.title" → ["sections", 0, "title"]. */
export function parsePath(path: string): (string | number)[] {
  if (path === "" || path === "form") return [];
  return path.split(".").map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/** The element id an issue at `path` of `definition` belongs to. */
export function fieldIdForPath(definition: ScorecardDefinition, path: readonly (string | number)[]): string {
  const [head, s, sub, i, field, k, optionField] = path;
  if (head === "passMark") return builderIds.passMark;
  if (head !== "sections") return builderIds.general;
  if (typeof s !== "number") return builderIds.sections;
  const section = definition.sections[s];
  if (!section) return builderIds.sections;
  if (sub === undefined || sub === "id") return builderIds.section(section.id);
  if (typeof sub === "string" && sectionFields.has(sub)) return builderIds.section(section.id, sub);
  if (sub !== "questions") return builderIds.section(section.id);
  if (typeof i !== "number") return builderIds.section(section.id, "questions");
  const question = section.questions[i];
  if (!question) return builderIds.section(section.id, "questions");
  if (typeof field !== "string" || !questionFields.has(field)) return builderIds.question(question.id);
  if (field === "options" && typeof k === "number" && (question.kind === "choice" || question.kind === "tags")) {
    const option = question.options[k];
    if (option) return builderIds.option(question.id, option.id, optionField === "points" ? "points" : "label");
  }
  return builderIds.question(question.id, field);
}

/** Where an issue is, for the error summary: "Section 2 › question 3", "Pass mark". */
export function locationOf(definition: ScorecardDefinition, path: readonly (string | number)[]): string {
  const [head, s, sub, i] = path;
  if (head === "passMark") return "Pass mark";
  if (head !== "sections" || typeof s !== "number") return "Scorecard";
  const section = `Section ${s + 1}`;
  if (sub !== "questions" || typeof i !== "number" || !definition.sections[s]?.questions[i]) return section;
  return `${section} › question ${i + 1}`;
}

export interface FieldProblem {
  /** The element id of the input to fix. */
  id: string;
  where: string;
  message: string;
}

/**
 * Field errors keyed by issue path ("sections.0.questions.1.prompt", as the action answers
 * them), in the order given, with the input each belongs to.
 */
export function fieldProblems(definition: ScorecardDefinition, fieldErrors: Record<string, string>): FieldProblem[] {
  return Object.entries(fieldErrors).map(([key, message]) => {
    const path = parsePath(key);
    return { id: fieldIdForPath(definition, path), where: locationOf(definition, path), message };
  });
}

/** The same, keyed by element id; the first message per input wins. */
export function errorsByField(problems: readonly FieldProblem[]): Record<string, string> {
  const byField: Record<string, string> = {};
  for (const problem of problems) byField[problem.id] ??= problem.message;
  return byField;
}
