import { describe, expect, it } from "vitest";
import { type ScorecardDefinition, scorecardDefinitionSchema } from "../../modules/scorecards/scorecard-definition.schema";
import {
  addOption,
  addQuestion,
  addSection,
  canMoveQuestion,
  changeKind,
  cleanShowIf,
  createId,
  defaultShowIf,
  earlierScoringQuestions,
  lossMessage,
  moveQuestion,
  moveSection,
  newQuestion,
  removeOption,
  removeQuestion,
  removeSection,
  showIfChoices,
  takenIds,
} from "./builder-state";

/** A random source that replays the given numbers, then repeats the last. */
const replay = (...values: number[]) => {
  let i = 0;
  return () => values[Math.min(i++, values.length - 1)]!;
};

const definition = (): ScorecardDefinition =>
  scorecardDefinitionSchema.parse({
    passMark: 80,
    sections: [
      {
        id: "s1",
        title: "Opening",
        questions: [
          { id: "greet", kind: "binary", prompt: "Greeted" },
          {
            id: "outcome",
            kind: "choice",
            prompt: "Outcome",
            options: [
              { id: "fixed", label: "Fixed", points: 2 },
              { id: "later", label: "Later", points: 1 },
              { id: "no", label: "No", points: 0 },
            ],
          },
        ],
      },
      {
        id: "s2",
        title: "Close",
        questions: [
          { id: "followup", kind: "binary", prompt: "Booked a follow-up", showIf: { questionId: "outcome", equals: ["later", "no"] } },
          { id: "thanks", kind: "binary", prompt: "Thanked", showIf: { questionId: "greet", equals: [true] } },
          { id: "tone", kind: "scale", prompt: "Tone", min: 1, max: 5 },
        ],
      },
    ],
  });

const ids = (d: ScorecardDefinition) => d.sections.map((section) => [section.id, section.questions.map((q) => q.id)]);

describe("ids", () => {
  it("are the prefix and 8 base-36 characters, valid for the schema, and never one already taken", () => {
    const taken = new Set(["q-00000000"]);
    const id = createId("q", taken, replay(0, 0, 0, 0, 0, 0, 0, 0, 0.5));
    expect(id).toMatch(/^q-[0-9a-z]{8}$/);
    expect(id).not.toBe("q-00000000");
    expect(taken.has(id)).toBe(true);
    expect(takenIds(definition())).toEqual(new Set(["s1", "greet", "outcome", "fixed", "later", "no", "s2", "followup", "thanks", "tone"]));
  });

  it("are given to new sections, questions and options, and existing ids never change", () => {
    const before = definition();
    const { definition: withSection, section } = addSection(before);
    expect(section.id).toMatch(/^s-/);
    expect(section.questions[0]!.id).toMatch(/^q-/);
    const { definition: withQuestion, question } = addQuestion(withSection, 0, "choice");
    expect(question.kind).toBe("choice");
    const options = question.kind === "choice" ? question.options : [];
    expect(options.map((o) => o.id)).toEqual([expect.stringMatching(/^o-/), expect.stringMatching(/^o-/), expect.stringMatching(/^o-/)]);
    expect(new Set([...takenIds(withQuestion)]).size).toBe(takenIds(withQuestion).size);
    // Every id that was there is still there, in place.
    expect(ids(withQuestion).slice(0, 2)).toEqual([
      ["s1", ["greet", "outcome", question.id]],
      ["s2", ["followup", "thanks", "tone"]],
    ]);
  });

  it("makes new questions that the schema accepts once they have a prompt", () => {
    for (const kind of ["binary", "scale", "choice", "text", "tags"] as const) {
      const question = newQuestion(kind, new Set(), Math.random, "Prompt");
      const tagged = question.kind === "tags" ? { ...question, options: question.options.map((o) => ({ ...o, label: "Tag" })) } : question;
      const result = scorecardDefinitionSchema.safeParse({ sections: [{ id: "s", title: "S", questions: [tagged] }] });
      expect(result.success, kind).toBe(true);
    }
  });
});

describe("moving", () => {
  it("moves sections up and down, and not past the ends", () => {
    const d = definition();
    expect(ids(moveSection(d, 1, -1)).map(([id]) => id)).toEqual(["s2", "s1"]);
    expect(moveSection(d, 0, -1)).toBe(d);
    expect(moveSection(d, 1, 1)).toBe(d);
  });

  it("moves questions within a section, and across into the neighbouring section at its ends", () => {
    const d = definition();
    expect(ids(moveQuestion(d, 1, 2, -1))[1]).toEqual(["s2", ["followup", "tone", "thanks"]]);
    // The first question of section 2 goes to the end of section 1, and back.
    const up = moveQuestion(d, 1, 0, -1);
    expect(ids(up)).toEqual([
      ["s1", ["greet", "outcome", "followup"]],
      ["s2", ["thanks", "tone"]],
    ]);
    expect(ids(moveQuestion(up, 0, 2, 1))).toEqual(ids(d));
    expect(canMoveQuestion(d, 0, 0, -1)).toBe(false);
    expect(canMoveQuestion(d, 1, 2, 1)).toBe(false);
    expect(canMoveQuestion(d, 0, 1, 1)).toBe(true);
    expect(moveQuestion(d, 0, 0, -1)).toBe(d);
  });

  it("keeps a condition that a move puts out of order, for the schema to report and a move back to fix", () => {
    const d = definition();
    // "followup" depends on "outcome"; moving "followup" above it breaks the order.
    const broken = moveQuestion(moveQuestion(d, 1, 0, -1), 0, 2, -1);
    expect(ids(broken)[0]).toEqual(["s1", ["greet", "followup", "outcome"]]);
    expect(broken.sections[0]!.questions[1]!.showIf).toEqual({ questionId: "outcome", equals: ["later", "no"] });
    const check = scorecardDefinitionSchema.safeParse(broken);
    expect(check.success).toBe(false);
    expect(check.error!.issues[0]!.path).toEqual(["sections", 0, "questions", 1, "showIf", "questionId"]);
  });
});

describe("removing, with showIf clean-up", () => {
  it("removes a question and the conditions that named it", () => {
    const { definition: d, released } = removeQuestion(definition(), 0, 0);
    expect(released).toBe(1);
    const thanks = d.sections[1]!.questions.find((q) => q.id === "thanks")!;
    expect(thanks.showIf).toBeUndefined();
    expect("showIf" in thanks).toBe(false);
    expect(d.sections[1]!.questions.find((q) => q.id === "followup")!.showIf).toBeDefined();
  });

  it("removes a section and releases every question that depended on its questions", () => {
    const { definition: d, released } = removeSection(definition(), 0);
    expect(released).toBe(2);
    expect(d.sections.map((s) => s.id)).toEqual(["s2"]);
    expect(d.sections[0]!.questions.every((q) => q.showIf === undefined)).toBe(true);
    expect(scorecardDefinitionSchema.safeParse(d).success).toBe(true);
  });

  it("drops a removed option from the conditions, and the condition once none is left", () => {
    const first = removeOption(definition(), 0, 1, 2);
    expect(first.released).toBe(0);
    expect(first.definition.sections[1]!.questions[0]!.showIf).toEqual({ questionId: "outcome", equals: ["later"] });
    const second = removeOption(first.definition, 0, 1, 1);
    expect(second.released).toBe(1);
    expect(second.definition.sections[1]!.questions[0]!.showIf).toBeUndefined();
  });

  it("cleans conditions when a kind change leaves them nothing to compare", () => {
    const toText = changeKind(definition(), 0, 0, "text");
    expect(toText.released).toBe(1);
    expect(toText.definition.sections[0]!.questions[0]).toEqual({ id: "greet", kind: "text", prompt: "Greeted", help: undefined, required: false });
    // Yes/no to scale: `true` is not a scale value.
    expect(changeKind(definition(), 0, 0, "scale").released).toBe(1);
    // A definition without problems is returned as it is.
    const clean = definition();
    expect(cleanShowIf(clean)).toEqual({ definition: clean, released: 0 });
  });

  it("says what was lost", () => {
    expect(lossMessage("Removed question 2", 0)).toBe("Removed question 2.");
    expect(lossMessage("Removed question 2", 1)).toBe("Removed question 2; 1 question that depended on it is now always shown.");
    expect(lossMessage("Removed section 1", 3)).toContain("3 questions that depended on it are");
  });
});

describe("kinds and options", () => {
  it("keeps id, prompt, help, condition and scoring settings across scoring kinds; options between choice and tags", () => {
    const d = definition();
    const asScale = changeKind(d, 1, 0, "scale").definition.sections[1]!.questions[0]!;
    expect(asScale).toMatchObject({ id: "followup", kind: "scale", min: 1, max: 5, weight: 1, showIf: { questionId: "outcome" } });
    const asTags = changeKind(d, 0, 1, "tags").definition.sections[0]!.questions[1]!;
    expect(asTags).toMatchObject({ kind: "tags", options: [{ id: "fixed", label: "Fixed" }, { id: "later", label: "Later" }, { id: "no", label: "No" }] });
    const back = changeKind(changeKind(d, 0, 1, "tags").definition, 0, 1, "choice").definition.sections[0]!.questions[1]!;
    expect(back).toMatchObject({ kind: "choice", options: [{ id: "fixed", points: 2 }, { id: "later", points: 1 }, { id: "no", points: 0 }] });
  });

  it("adds options with new ids to choice and tags questions only", () => {
    const { definition: d, optionId } = addOption(definition(), 0, 1);
    expect(optionId).toMatch(/^o-/);
    const outcome = d.sections[0]!.questions[1]!;
    expect(outcome.kind === "choice" && outcome.options.at(-1)).toEqual({ id: optionId, label: "", points: 0 });
    expect(addOption(definition(), 0, 0).optionId).toBeNull();
  });
});

describe("conditions offered", () => {
  it("offers the scoring questions before a question, in order", () => {
    expect(earlierScoringQuestions(definition(), "tone").map((q) => q.id)).toEqual(["greet", "outcome", "followup", "thanks"]);
    expect(earlierScoringQuestions(definition(), "greet")).toEqual([]);
  });

  it("lists the answers of a question and picks its best one by default", () => {
    const d = definition();
    const [greet, outcome] = d.sections[0]!.questions;
    const tone = d.sections[1]!.questions[2]!;
    if (greet?.kind !== "binary" || outcome?.kind !== "choice" || tone.kind !== "scale") throw new Error("fixture");
    expect(showIfChoices(greet)).toEqual([
      { value: true, label: "Yes" },
      { value: false, label: "No" },
    ]);
    expect(showIfChoices(tone).map((c) => c.value)).toEqual([1, 2, 3, 4, 5]);
    expect(showIfChoices({ ...tone, max: 40 })).toEqual([]);
    expect(defaultShowIf(greet)).toEqual({ questionId: "greet", equals: [true] });
    expect(defaultShowIf(tone)).toEqual({ questionId: "tone", equals: [5] });
    expect(defaultShowIf(outcome)).toEqual({ questionId: "outcome", equals: ["fixed"] });
  });
});
