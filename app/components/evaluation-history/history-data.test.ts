import { describe, expect, it } from "vitest";
import type { RevisionEntry } from "../../modules/evaluations/list-evaluation-history.server";
import { scorecardDefinitionSchema } from "../../modules/scorecards/scorecard-definition.schema";
import { reviewDefinition } from "../../../test/evaluation-fixtures";
import { historyView } from "./history-data.server";

const definition = scorecardDefinitionSchema.parse(reviewDefinition);
const question = (id: string) => definition.sections.flatMap((s) => s.questions).find((q) => q.id === id)!;
const entry = (over: Partial<RevisionEntry>): RevisionEntry => ({
  sequence: 1,
  cause: "submit",
  actorName: "Quinn",
  reason: null,
  at: new Date("2026-12-07T09:30:00Z"),
  score: 71.9,
  passed: false,
  autoFailed: false,
  changes: [],
  current: false,
  ...over,
});

describe("the history in words", () => {
  it("shows the score and verdict before only where they changed, and answers as the reader sees them, with a changed comment", () => {
    const view = historyView(
      [
        entry({}),
        entry({
          sequence: 2,
          cause: "edit",
          actorName: "Leah",
          reason: "Rechecked",
          score: 90.6,
          passed: true,
          current: true,
          changes: [
            { question: question("outcome"), before: { value: "next" }, after: { value: "resolved" } },
            { question: question("discovery"), before: { value: 4 }, after: { value: 4, comment: "Asked two clarifying questions" } },
          ],
        }),
        entry({ sequence: 3, cause: "dispute", reason: "Upheld", score: 90.6, passed: true }),
      ],
      "Europe/Berlin",
    );
    expect(view.map((v) => [v.title, v.at, v.score, v.verdict, v.scoreBefore, v.verdictBefore])).toEqual([
      ["Submitted", "7 Dec 2026, 10:30", "71.9", "Fail", null, null],
      ["Corrected", "7 Dec 2026, 10:30", "90.6", "Pass", "71.9", "Fail"],
      ["Re-scored after a dispute", "7 Dec 2026, 10:30", "90.6", "Pass", null, null],
    ]);
    expect(view[1]?.changes).toEqual([
      { questionId: "outcome", prompt: "Outcome", before: "Next steps", after: "Resolved" },
      { questionId: "discovery", prompt: "Understood the issue", before: "4 on 1 to 5 (comment: none)", after: "4 on 1 to 5 (comment: “Asked two clarifying questions”)" },
    ]);
  });
});
