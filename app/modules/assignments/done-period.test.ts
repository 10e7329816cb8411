import { describe, expect, it } from "vitest";
import { doneSince } from "./done-period";

describe("doneSince", () => {
  const now = new Date("2026-11-03T02:30:00.000Z");

  it("starts at local midnight of the first day, in the organisation's time zone", () => {
    // 2026-11-03 02:30 UTC is still 2 November in New York (UTC−5 after the clocks went back on 1 November).
    expect(doneSince("7d", now, "America/New_York").toISOString()).toBe("2026-10-27T04:00:00.000Z");
    expect(doneSince("30d", now, "America/New_York").toISOString()).toBe("2026-10-04T04:00:00.000Z");
    expect(doneSince("month", now, "America/New_York").toISOString()).toBe("2026-11-01T04:00:00.000Z");
  });

  it("counts today as one of the seven days", () => {
    expect(doneSince("7d", now, "UTC").toISOString()).toBe("2026-10-28T00:00:00.000Z");
    expect(doneSince("month", now, "Europe/Berlin").toISOString()).toBe("2026-10-31T23:00:00.000Z");
  });
});
