import { describe, expect, it } from "vitest";
import {
  describePeriod,
  describeQuota,
  describeSchedule,
  describeTrigger,
  describeWindow,
  formatHour,
  ordinal,
} from "./describe-rule";

describe("describeQuota", () => {
  it("says each kind of quota in words", () => {
    expect(describeQuota({ kind: "per_agent", n: 5 })).toBe("5 per agent");
    expect(describeQuota({ kind: "percentage", percent: 10 })).toBe("10\u00a0%");
    expect(describeQuota({ kind: "percentage", percent: 2.5 })).toBe("2.5\u00a0%");
    expect(describeQuota({ kind: "all" })).toBe("All");
  });
});

describe("describeSchedule", () => {
  it("names the day and the local hour", () => {
    expect(describeSchedule({ kind: "manual" })).toBe("Manual");
    expect(describeSchedule({ kind: "daily", hour: 0 })).toBe("Daily at 00:00");
    expect(describeSchedule({ kind: "weekly", weekday: 1, hour: 6 })).toBe("Weekly on Monday at 06:00");
    expect(describeSchedule({ kind: "weekly", weekday: 7, hour: 23 })).toBe("Weekly on Sunday at 23:00");
    expect(describeSchedule({ kind: "monthly", day: 1, hour: 6 })).toBe("Monthly on the 1st at 06:00");
    expect(describeSchedule({ kind: "monthly", day: 22, hour: 18 })).toBe("Monthly on the 22nd at 18:00");
  });

  it("writes hours with two digits and days as ordinals, teens included", () => {
    expect(formatHour(9)).toBe("09:00");
    expect([1, 2, 3, 4, 11, 12, 13, 21, 23, 28].map(ordinal)).toEqual([
      "1st",
      "2nd",
      "3rd",
      "4th",
      "11th",
      "12th",
      "13th",
      "21st",
      "23rd",
      "28th",
    ]);
  });
});

describe("describeWindow", () => {
  it("says which conversations a run looks at", () => {
    expect(describeWindow({ kind: "previous_day" })).toBe("Previous day");
    expect(describeWindow({ kind: "previous_week" })).toBe("Previous week");
    expect(describeWindow({ kind: "previous_month" })).toBe("Previous month");
    expect(describeWindow({ kind: "last_n_days", days: 7 })).toBe("Last 7 days");
    expect(describeWindow({ kind: "last_n_days", days: 1 })).toBe("Last day");
  });
});

describe("describePeriod", () => {
  it("shows the local days of a period whose end is exclusive", () => {
    expect(describePeriod(new Date("2026-11-09T00:00:00Z"), new Date("2026-11-16T00:00:00Z"), "UTC")).toBe(
      "9 Nov 2026 – 15 Nov 2026",
    );
    expect(describePeriod("2026-11-17T00:00:00Z", "2026-11-18T00:00:00Z", "UTC")).toBe("17 Nov 2026");
  });

  it("reads the dates in the organisation's time zone", () => {
    // Midnight in New York (UTC−5 in November) is 05:00 UTC.
    expect(describePeriod(new Date("2026-11-01T04:00:00Z"), new Date("2026-12-01T05:00:00Z"), "America/New_York")).toBe(
      "1 Nov 2026 – 30 Nov 2026",
    );
  });
});

describe("describeTrigger", () => {
  it("names who pressed Run now, or the schedule", () => {
    expect(describeTrigger("manual", "Leah Morgan")).toBe("Run now by Leah Morgan");
    expect(describeTrigger("manual", null)).toBe("Run now");
    expect(describeTrigger("schedule", null)).toBe("On schedule");
  });
});
