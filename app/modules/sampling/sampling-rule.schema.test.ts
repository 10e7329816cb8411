import { describe, expect, it } from "vitest";
import { samplingRuleFormSchema, samplingRuleSchema } from "./sampling-rule.schema";
import { unflattenFields } from "./unflatten-fields";

const SCORECARD = "7d0f3a8e-1b2c-4d5e-8f90-123456789abc";
const TEAM = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const REVIEWER = "1b2c3d4e-5f60-4a7b-8c9d-0e1f2a3b4c5d";

const valid = {
  name: "  Weekly billing calls ",
  scorecardId: SCORECARD,
  filters: {
    channels: ["call"],
    teamIds: [TEAM],
    tags: ["refund", "vip"],
    tagsMode: "all",
    window: { kind: "previous_week" },
    metadata: { region: "EU", tier: 2 },
  },
  quota: { kind: "per_agent", n: 5 },
  reviewerIds: [REVIEWER, REVIEWER],
  capPerReviewer: 40,
  dueInHours: 72,
  schedule: { kind: "weekly", weekday: 1, hour: 6 },
};

function errors(input: unknown, schema: typeof samplingRuleSchema | typeof samplingRuleFormSchema = samplingRuleSchema) {
  const result = schema.safeParse(input);
  if (result.success) throw new Error("expected the rule to be refused");
  return Object.fromEntries(result.error.issues.map((issue) => [issue.path.join("."), issue.message]));
}

describe("samplingRuleSchema", () => {
  it("reads a rule from JSON, with defaults, trimmed text and lists without duplicates", () => {
    expect(samplingRuleSchema.parse(valid)).toEqual({
      name: "Weekly billing calls",
      purpose: "review",
      scorecardId: SCORECARD,
      filters: {
        channels: ["call"],
        teamIds: [TEAM],
        agentIds: [],
        queues: [],
        tags: ["refund", "vip"],
        tagsMode: "all",
        window: { kind: "previous_week" },
        metadata: { region: "EU", tier: "2" },
      },
      quota: { kind: "per_agent", n: 5 },
      reviewerIds: [REVIEWER],
      capPerReviewer: 40,
      dueInHours: 72,
      schedule: { kind: "weekly", weekday: 1, hour: 6 },
    });
  });

  it("reads its own output again unchanged (a stored rule re-validates)", () => {
    const once = samplingRuleSchema.parse(valid);
    expect(samplingRuleSchema.parse(once)).toEqual(once);
  });

  it("says what is missing, field by field", () => {
    expect(errors({})).toEqual({
      name: "Name is required",
      scorecardId: "Choose a scorecard",
      filters: "Filters are required: at least the window",
      quota: "Quota: choose a number per agent, a percentage, or all",
      reviewerIds: "Choose at least one reviewer",
      dueInHours: "Due in (hours) must be a whole number from 1 to 8784",
      schedule: "Schedule: choose manual, daily, weekly or monthly",
    });
  });

  it("refuses bad values with a message per field", () => {
    const bad = {
      ...valid,
      filters: { channels: ["fax"], teamIds: ["nope"], window: { kind: "last_n_days", days: 0 }, durationMinMs: 9000, durationMaxMs: 1000 },
      quota: { kind: "percentage", percent: 0 },
      reviewerIds: [],
      capPerReviewer: 0,
      schedule: { kind: "monthly", day: 31, hour: 24 },
    };
    expect(errors(bad)).toEqual({
      "filters.channels.0": "Channel: choose calls, chats or emails",
      "filters.teamIds.0": "Choose a team from the list",
      "filters.window.days": "Days must be a whole number from 1 to 366",
      reviewerIds: "Choose at least one reviewer",
      "quota.percent": "Percentage must be more than 0 and at most 100, with at most two decimals",
      capPerReviewer: "Cap per reviewer must be a whole number from 1 to 10000",
      "schedule.day": "Day of the month must be a whole number from 1 to 28",
      "schedule.hour": "Hour must be a whole number from 0 to 23",
    });
    expect(errors({ ...valid, filters: { window: { kind: "previous_day" }, durationMinMs: 9000, durationMaxMs: 1000 } })).toEqual({
      "filters.durationMaxMs": "Longest duration must not be shorter than the shortest",
    });
  });

  it("percentages: more than 0, at most 100, at most two decimals", () => {
    const percent = (p: unknown) => samplingRuleSchema.safeParse({ ...valid, quota: { kind: "percentage", percent: p } }).success;
    expect([0.01, 2.5, 12.75, 100].map(percent)).toEqual([true, true, true, true]);
    expect([0, -1, 100.01, 0.001, 12.345, "10"].map(percent)).toEqual([false, false, false, false, false, true]);
  });

  it("windows, quotas and schedules of each kind", () => {
    const ok = (patch: object) => samplingRuleSchema.safeParse({ ...valid, ...patch }).success;
    for (const kind of ["previous_day", "previous_week", "previous_month"]) expect(ok({ filters: { window: { kind } } })).toBe(true);
    expect(ok({ filters: { window: { kind: "last_n_days", days: 30 } } })).toBe(true);
    expect(ok({ filters: { window: { kind: "last_n_days" } } })).toBe(false);
    expect(ok({ quota: { kind: "all" } })).toBe(true);
    expect(ok({ quota: { kind: "per_agent", n: 0 } })).toBe(false);
    expect(ok({ schedule: { kind: "manual" } })).toBe(true);
    expect(ok({ schedule: { kind: "daily", hour: 23 } })).toBe(true);
    expect(ok({ schedule: { kind: "weekly", weekday: 8, hour: 6 } })).toBe(false);
    expect(ok({ capPerReviewer: undefined })).toBe(true);
    expect(ok({ capPerReviewer: null })).toBe(true);
  });

  it("metadata: an object or rows, no key twice", () => {
    const parse = (metadata: unknown) =>
      samplingRuleSchema.parse({ ...valid, filters: { window: { kind: "previous_day" }, metadata } }).filters.metadata;
    expect(
      parse([
        { key: "region", value: "EU" },
        { key: "", value: "" },
      ]),
    ).toEqual({ region: "EU" });
    expect(parse(undefined)).toEqual({});
    expect(
      errors({
        ...valid,
        filters: {
          window: { kind: "previous_day" },
          metadata: [
            { key: "a", value: "1" },
            { key: "a", value: "2" },
          ],
        },
      }),
    ).toEqual({
      "filters.metadata.1.key": 'Metadata key "a" is given twice',
    });
    expect(errors({ ...valid, filters: { window: { kind: "previous_day" }, metadata: [{ key: "", value: "EU" }] } })).toEqual({
      "filters.metadata.0.key": "Metadata key is required",
    });
  });
});

describe("samplingRuleFormSchema", () => {
  const form = {
    name: "Daily chats",
    scorecardId: SCORECARD,
    "filters.channels": "chat",
    "filters.tags": ["refund", ""],
    "filters.durationMinMs": "",
    "filters.durationMaxMs": "600000",
    "filters.window.kind": "last_n_days",
    "filters.window.days": "7",
    "filters.metadata.0.key": "region",
    "filters.metadata.0.value": "EU",
    "filters.metadata.1.key": "",
    "filters.metadata.1.value": "",
    "quota.kind": "percentage",
    "quota.percent": "2.5",
    reviewerIds: REVIEWER,
    capPerReviewer: "",
    dueInHours: "48",
    "schedule.kind": "daily",
    "schedule.hour": "6",
  };

  it("reads dotted field names and numbers typed as text", () => {
    const rule = samplingRuleFormSchema.parse(form);
    expect(rule.filters).toMatchObject({
      channels: ["chat"],
      tags: ["refund"],
      durationMaxMs: 600000,
      window: { kind: "last_n_days", days: 7 },
      metadata: { region: "EU" },
    });
    expect(rule.filters.durationMinMs).toBeUndefined();
    expect(rule).toMatchObject({
      quota: { kind: "percentage", percent: 2.5 },
      reviewerIds: [REVIEWER],
      dueInHours: 48,
      schedule: { kind: "daily", hour: 6 },
    });
    expect(rule.capPerReviewer).toBeUndefined();
  });

  it("names the form field in each error", () => {
    expect(errors({ ...form, "schedule.hour": "six", "quota.percent": "", "filters.window.days": "1.5" }, samplingRuleFormSchema)).toEqual({
      "schedule.hour": "Hour must be a whole number from 0 to 23",
      "quota.percent": "Percentage must be more than 0 and at most 100, with at most two decimals",
      "filters.window.days": "Days must be a whole number from 1 to 366",
    });
  });
});

describe("unflattenFields", () => {
  it("nests dotted names, turns indexes into arrays and ignores prototype keys", () => {
    expect(unflattenFields({ "a.b": "1", "a.c.1": "y", "a.c.0": "x", "__proto__.polluted": "1", "x..y": "2", plain: ["p", "q"] })).toEqual({
      a: { b: "1", c: ["x", "y"] },
      plain: ["p", "q"],
    });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(unflattenFields("text")).toBe("text");
    expect(unflattenFields([1])).toEqual([1]);
  });
});
