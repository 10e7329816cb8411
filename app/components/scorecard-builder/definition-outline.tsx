import { type Question, type ScorecardDefinition, isScoringQuestion, questionsInOrder } from "../../modules/scorecards/scorecard-definition.schema";
import { kindLabels } from "./builder-state";

function details(question: Question, prompts: ReadonlyMap<string, Question>): string[] {
  const parts: string[] = [kindLabels[question.kind]];
  if (question.kind === "scale") parts.push(`${question.min} to ${question.max}`);
  if (question.kind === "choice") parts.push(question.options.map((option) => `${option.label} (${option.points})`).join(", "));
  if (question.kind === "tags") parts.push(question.options.map((option) => option.label).join(", "));
  if (isScoringQuestion(question)) {
    parts.push(`weight ${question.weight}`);
    if (question.critical === "section") parts.push("critical for its section");
    if (question.critical === "all") parts.push("critical for the whole evaluation");
    if (question.allowNa) parts.push("N/A allowed");
  }
  parts.push(question.required ? "required" : "optional");
  if (question.showIf) {
    const reference = prompts.get(question.showIf.questionId);
    const values = question.showIf.equals.map((value) => {
      if (typeof value === "boolean") return value ? "yes" : "no";
      if (reference?.kind === "choice") return reference.options.find((option) => option.id === value)?.label ?? String(value);
      return String(value);
    });
    parts.push(`shown when “${reference?.prompt ?? question.showIf.questionId}” is ${values.join(" or ")}`);
  }
  return parts;
}

/** A published version at a glance: sections with their weights, questions with their settings. */
export function DefinitionOutline({ definition }: { definition: ScorecardDefinition }) {
  const byId = new Map(questionsInOrder(definition).map(({ question }) => [question.id, question]));
  return (
    <div className="definition-outline">
      <p>
        Pass mark <strong>{definition.passMark}</strong>
      </p>
      <ol className="definition-outline__sections">
        {definition.sections.map((section) => (
          <li key={section.id}>
            <p>
              <strong>{section.title}</strong> <span className="muted small">· weight {section.weight}</span>
            </p>
            {section.description ? <p className="muted small">{section.description}</p> : null}
            <ol className="definition-outline__questions">
              {section.questions.map((question) => (
                <li key={question.id}>
                  {question.prompt}
                  <span className="muted small block">{details(question, byId).join(" · ")}</span>
                </li>
              ))}
            </ol>
          </li>
        ))}
      </ol>
    </div>
  );
}
