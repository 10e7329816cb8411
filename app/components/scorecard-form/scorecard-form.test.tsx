/**
 * The scorecard form rendered to HTML (no browser): which questions show, with which
 * controls, and the live score, pass/fail, critical and auto-fail indicators and the
 * explanation, for given answers. The answer edits it makes are pure and tested directly.
 */
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { type Answers, scorecardDefinitionSchema } from "../../modules/scorecards/scorecard-definition.schema";
import { scalePoints, tagsOf, toggleTag, withAnswer } from "./answers";
import { ScoreExplanation, ScoreSummary, ScorecardForm } from "./scorecard-form";

const definition = scorecardDefinitionSchema.parse({
  passMark: 80,
  sections: [
    {
      id: "opening",
      title: "Opening",
      questions: [
        { id: "greet", kind: "binary", prompt: "Greeted the customer", critical: "all", help: "By name" },
        { id: "tone", kind: "scale", prompt: "Tone", min: 1, max: 5, minLabel: "Cold", maxLabel: "Warm", allowNa: true },
        { id: "followup", kind: "binary", prompt: "Booked a follow-up", showIf: { questionId: "greet", equals: [false] } },
      ],
    },
    {
      id: "notes",
      title: "Notes",
      weight: 0,
      questions: [
        { id: "why", kind: "tags", prompt: "Why", options: [{ id: "billing", label: "Billing" }, { id: "outage", label: "Outage" }] },
        { id: "note", kind: "text", prompt: "Note" },
        { id: "outcome", kind: "choice", prompt: "Outcome", options: [{ id: "fixed", label: "Fixed", points: 2 }, { id: "no", label: "Not fixed", points: 0 }] },
      ],
    },
  ],
});

const render = (answers: Answers, props: { readOnly?: boolean; errors?: Record<string, string> } = {}) =>
  renderToStaticMarkup(<ScorecardForm definition={definition} answers={answers} onChange={() => undefined} {...props} />);

describe("ScorecardForm", () => {
  it("renders each visible question with its control, N/A where allowed, and a collapsed comment", () => {
    const html = render({});
    expect(html).toContain("<legend class=\"scorecard-question__prompt\">Greeted the customer");
    expect(html.match(/type="radio"/g)).toHaveLength(2 + 5 + 2);
    expect(html).toContain("Cold");
    expect(html).toContain("Warm");
    expect(html.match(/N\/A \(does not apply/g)).toHaveLength(1);
    expect(html.match(/type="checkbox"/g)).toHaveLength(1 + 2);
    expect(html).toContain("<textarea");
    expect(html).toContain("Add a comment");
    expect(html).not.toContain("<details class=\"scorecard-question__comment\" open");
    // Hidden until "Greeted" is answered no.
    expect(html).not.toContain("Booked a follow-up");
    expect(render({ greet: { value: false } })).toContain("Booked a follow-up");
  });

  it("shows the live total, pass/fail, critical failures and auto-fail", () => {
    const passing = render({ greet: { value: true }, tone: { value: 5 } });
    expect(passing).toContain('role="status"');
    expect(passing).toContain("100.0");
    expect(passing).toContain("Pass (pass mark 80)");

    const middling = render({ greet: { value: true }, tone: { value: 2 } });
    // (1×1 + 1×0.25) / 2 = 62.5
    expect(middling).toContain("62.5");
    expect(middling).toContain("Fail (pass mark 80)");

    const failed = render({ greet: { value: false }, tone: { value: 5 } });
    expect(failed).toContain("Fail: auto-failed by a critical question");
    expect(failed).toContain("Auto-failed");
    expect(failed).toContain("Critical failed");

    expect(render({})).toContain("No score yet");
  });

  it("shows read-only answers as the answer chosen with its points, not as disabled controls, and errors by question id", () => {
    const answers: Answers = {
      greet: { value: true, comment: "Used the name" },
      tone: { value: 4 },
      why: { value: ["outage", "billing"] },
      note: { value: "Escalate next time" },
      outcome: { value: "no" },
    };
    const html = render(answers, { readOnly: true, errors: { tone: "Answer the tone" } });
    expect(html).not.toContain("<input");
    expect(html).not.toContain("<textarea");
    expect(html).not.toContain("Add a comment");
    const answerTexts = [...html.matchAll(/<p class="scorecard-answer[^"]*">(.*?)<\/p>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, "|"));
    expect(answerTexts).toEqual([
      "|Yes||1 of 1 point|",
      "|4 on 1 to 5||3 of 4 points|",
      "|Outage, Billing|",
      "|Escalate next time|",
      "|Not fixed||0 of 2 points|",
    ]);
    expect(html).toContain("Used the name");
    expect(html).toContain("Answer the tone");
    expect(render({ tone: { value: 5, na: true } }, { readOnly: true })).toContain("N/A (does not apply)");
    expect(render({}, { readOnly: true })).toContain("Not answered");
  });

  it("summarises and explains on their own", () => {
    const answers = { greet: { value: true }, tone: { value: 3 } };
    const summary = renderToStaticMarkup(<ScoreSummary definition={definition} answers={answers} />);
    expect(summary).toContain("75.0");
    expect(summary).toContain("not counted (weight 0)");
    const explanation = renderToStaticMarkup(<ScoreExplanation definition={definition} answers={answers} />);
    expect(explanation).toContain("Opening: (1×1 + 1×0.5) / (1 + 1) = 0.75 → 75.0");
    expect(explanation).toContain("75.0 &lt; 80 pass mark → fail");
  });
});

describe("answer edits", () => {
  it("merges a change, drops parts set to nothing, and removes an empty answer", () => {
    const answers: Answers = { greet: { value: true } };
    expect(withAnswer(answers, "greet", { comment: "Good" })).toEqual({ greet: { value: true, comment: "Good" } });
    expect(withAnswer(answers, "greet", { na: true })).toEqual({ greet: { value: true, na: true } });
    expect(withAnswer({ greet: { value: true, na: true } }, "greet", { na: false })).toEqual({ greet: { value: true } });
    expect(withAnswer(answers, "greet", { value: undefined })).toEqual({});
    expect(withAnswer(answers, "tone", { value: 3 })).toEqual({ greet: { value: true }, tone: { value: 3 } });
    expect(answers).toEqual({ greet: { value: true } });
  });

  it("toggles tags and lists scale points", () => {
    expect(toggleTag(["a"], "b", true)).toEqual(["a", "b"]);
    expect(toggleTag(["a", "b"], "a", false)).toEqual(["b"]);
    expect(toggleTag(["a"], "a", true)).toEqual(["a"]);
    expect(tagsOf("x")).toEqual([]);
    expect(scalePoints({ min: 0, max: 3 })).toEqual([0, 1, 2, 3]);
    expect(scalePoints({ min: 1, max: 1 })).toEqual([]);
    expect(scalePoints({ min: 1, max: Number.NaN })).toEqual([]);
  });
});
