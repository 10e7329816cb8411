import { describe, expect, it } from "vitest";
import { scorecardDefinitionSchema, type ScorecardDefinition } from "../../modules/scorecards/scorecard-definition.schema";
import { builderIds, errorsByField, fieldIdForPath, fieldProblems, locationOf, parsePath } from "./field-errors";
import { fieldErrorsOf } from "../../lib/errors";
import { leavesBuilder } from "./navigation-guard";

const definition = {
  passMark: 80,
  sections: [
    {
      id: "s1",
      title: "",
      weight: 1,
      questions: [
        { id: "q1", kind: "binary", prompt: "Greeted", weight: 1, allowNa: false, critical: null, required: true },
        {
          id: "q2",
          kind: "choice",
          prompt: "Outcome",
          weight: 1,
          allowNa: false,
          critical: null,
          required: true,
          options: [
            { id: "o1", label: "Fixed", points: 1 },
            { id: "o2", label: "", points: 0 },
          ],
        },
      ],
    },
  ],
} as unknown as ScorecardDefinition;

describe("where a definition problem is shown", () => {
  it("reads dotted paths", () => {
    expect(parsePath("sections.0.questions.12.options.1.label")).toEqual(["sections", 0, "questions", 12, "options", 1, "label"]);
    expect(parsePath("form")).toEqual([]);
  });

  it("maps positional issue paths to the inputs, named by ids", () => {
    expect(fieldIdForPath(definition, ["passMark"])).toBe(builderIds.passMark);
    expect(fieldIdForPath(definition, ["sections"])).toBe(builderIds.sections);
    expect(fieldIdForPath(definition, ["sections", 0, "title"])).toBe("sc-s-s1-title");
    expect(fieldIdForPath(definition, ["sections", 0, "id"])).toBe("sc-s-s1");
    expect(fieldIdForPath(definition, ["sections", 0, "questions"])).toBe("sc-s-s1-questions");
    expect(fieldIdForPath(definition, ["sections", 0, "questions", 0, "prompt"])).toBe("sc-q-q1-prompt");
    expect(fieldIdForPath(definition, ["sections", 0, "questions", 0, "id"])).toBe("sc-q-q1");
    expect(fieldIdForPath(definition, ["sections", 0, "questions", 1, "options"])).toBe("sc-q-q2-options");
    expect(fieldIdForPath(definition, ["sections", 0, "questions", 1, "options", 1, "label"])).toBe("sc-q-q2-o-o2-label");
    expect(fieldIdForPath(definition, ["sections", 0, "questions", 1, "options", 0, "points"])).toBe("sc-q-q2-o-o1-points");
    expect(fieldIdForPath(definition, ["sections", 0, "questions", 1, "options", 1, "id"])).toBe("sc-q-q2-o-o2-label");
    expect(fieldIdForPath(definition, ["sections", 0, "questions", 1, "showIf", "equals", 0])).toBe("sc-q-q2-showIf");
    // Positions that are not there (the definition changed): the nearest thing that is.
    expect(fieldIdForPath(definition, ["sections", 3, "title"])).toBe(builderIds.sections);
    expect(fieldIdForPath(definition, ["sections", 0, "questions", 9, "prompt"])).toBe("sc-s-s1-questions");
    expect(fieldIdForPath(definition, ["sections", 0, "questions", 1, "options", 7, "label"])).toBe("sc-q-q2-options");
    expect(fieldIdForPath(definition, ["somethingElse"])).toBe(builderIds.general);
  });

  it("names the place for the summary", () => {
    expect(locationOf(definition, ["passMark"])).toBe("Pass mark");
    expect(locationOf(definition, ["sections", 0, "title"])).toBe("Section 1");
    expect(locationOf(definition, ["sections", 0, "questions", 1, "options", 1, "label"])).toBe("Section 1 › question 2");
  });

  it("turns the schema's issues into field errors and problems, first message per input", () => {
    const parsed = scorecardDefinitionSchema.safeParse(definition);
    expect(parsed.success).toBe(false);
    const fieldErrors = fieldErrorsOf(parsed.error!.issues);
    expect(fieldErrors).toEqual({
      "sections.0.title": "Section title is required",
      "sections.0.questions.1.options.1.label": "Option label is required",
    });
    const problems = fieldProblems(definition, fieldErrors);
    expect(problems).toEqual([
      { id: "sc-s-s1-title", where: "Section 1", message: "Section title is required" },
      { id: "sc-q-q2-o-o2-label", where: "Section 1 › question 2", message: "Option label is required" },
    ]);
    expect(errorsByField([...problems, { id: "sc-s-s1-title", where: "", message: "second" }])).toEqual({
      "sc-s-s1-title": "Section title is required",
      "sc-q-q2-o-o2-label": "Option label is required",
    });
    expect(fieldErrorsOf([{ path: [], message: "whole" }])).toEqual({ form: "whole" });
  });
});

describe("leaving the builder", () => {
  it("is leaving the page or switching versions, not posting the page's own forms", () => {
    const here = { pathname: "/scorecards/x", search: "" };
    expect(leavesBuilder(here, { pathname: "/queue", search: "" })).toBe(true);
    expect(leavesBuilder(here, { pathname: "/scorecards/x", search: "?version=1" })).toBe(true);
    expect(leavesBuilder(here, { pathname: "/scorecards/x", search: "?done=settings" })).toBe(false);
    expect(leavesBuilder({ pathname: "/scorecards/x", search: "?done=saved" }, here)).toBe(false);
  });
});
