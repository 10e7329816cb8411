import { describe, expect, it } from "vitest";
import type { SamplingRuleSettings } from "../../modules/sampling/sampling-rule.schema";
import { listErrorFor, metadataRowCount, newRuleForm, parseRuleForm, ruleFormFromSettings, typedRuleForm, type TypedRuleForm } from "./rule-form-values";

const SCORECARD = "7d0f3a8e-1b2c-4d5e-8f90-123456789abc";
const AGENT = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const REVIEWER = "1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d";
const OTHER_REVIEWER = "2c3d4e5f-6071-4b8c-9d0e-1f2a3b4c5d6e";

const settings: SamplingRuleSettings = {
  name: "Weekly billing calls",
  purpose: "review",
  scorecardId: SCORECARD,
  filters: {
    channels: ["call"],
    teamIds: [],
    agentIds: [AGENT],
    queues: ["billing"],
    tags: ["refund", "vip"],
    tagsMode: "all",
    durationMinMs: 90_000,
    durationMaxMs: 1_200_000,
    window: { kind: "last_n_days", days: 14 },
    metadata: { region: "EU" },
  },
  quota: { kind: "percentage", percent: 2.5 },
  reviewerIds: [REVIEWER, OTHER_REVIEWER],
  capPerReviewer: 40,
  dueInHours: 72,
  schedule: { kind: "monthly", day: 3, hour: 7 },
};

/** The form's fields as a browser posts them: one entry per text field, repeated names for ticked boxes. */
function posted(typed: TypedRuleForm): Record<string, string | string[]> {
  return { ...typed.values, ...typed.lists };
}

describe("the rule form's values", () => {
  it("shows a saved rule in minutes and comma-separated tags, and reads it back unchanged", () => {
    const typed = ruleFormFromSettings(settings);
    expect(typed.values).toMatchObject({
      "filters.durationMinMinutes": "1.5",
      "filters.durationMaxMinutes": "20",
      "filters.tags": "refund, vip",
      "filters.metadata.0.key": "region",
      "filters.metadata.0.value": "EU",
      "quota.percent": "2.5",
      "schedule.day": "3",
      // Fields of the kinds not chosen keep defaults, so switching kind shows sensible values.
      "quota.n": "5",
      "schedule.weekday": "1",
    });
    expect(typed.lists.reviewerIds).toEqual([REVIEWER, OTHER_REVIEWER]);
    expect(parseRuleForm({ ...posted(typed), intent: "save", _csrf: "token" })).toEqual({ ok: true, settings });
  });

  it("keys errors by the field that shows them, minutes included", () => {
    const typed = ruleFormFromSettings(settings);
    const result = parseRuleForm({
      ...posted(typed),
      "filters.durationMinMinutes": "ten",
      "filters.durationMaxMinutes": "1441",
      "quota.percent": "0",
      "filters.metadata.1.value": "orphan",
    });
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        "filters.durationMinMinutes": "Shortest: enter a number of minutes from 0 to 1440",
        "filters.durationMaxMinutes": "Longest: enter a number of minutes from 0 to 1440",
        "filters.metadata.1.key": "Metadata key is required",
        "quota.percent": "Percentage must be more than 0 and at most 100, with at most two decimals",
      },
    });
    const reversed = parseRuleForm({ ...posted(typed), "filters.durationMinMinutes": "30", "filters.durationMaxMinutes": "2" });
    expect(reversed).toEqual({ ok: false, fieldErrors: { "filters.durationMaxMinutes": "Longest duration must not be shorter than the shortest" } });
  });

  it("keeps every ticked box of a post, and drops the CSRF token and the intent", () => {
    expect(typedRuleForm({ _csrf: "t", intent: "save", name: "A", reviewerIds: [REVIEWER, OTHER_REVIEWER], "filters.channels": "chat" })).toEqual({
      values: { name: "A" },
      lists: { reviewerIds: [REVIEWER, OTHER_REVIEWER], "filters.channels": ["chat"] },
    });
  });

  it("offers at least three metadata rows, and one blank after the last filled one", () => {
    expect(metadataRowCount(newRuleForm().values)).toBe(3);
    expect(metadataRowCount({ "filters.metadata.3.key": "a", "filters.metadata.3.value": "b" })).toBe(5);
  });

  it("shows an error on one item of a list at the list", () => {
    expect(listErrorFor({ "filters.agentIds.2": "Choose an agent from the list" }, "filters.agentIds")).toBe("Choose an agent from the list");
    expect(listErrorFor({ "filters.agentIdsX": "no" }, "filters.agentIds")).toBeUndefined();
  });
});
