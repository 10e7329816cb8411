import { describe, expect, it } from "vitest";
import { isoToLocalInput, localInputToIso, zoneOffsetLabel, zoneOffsetMs } from "./zoned-time";

describe("localInputToIso", () => {
  it("reads a datetime-local value in the organisation's time zone, not the machine's", () => {
    expect(localInputToIso("2026-03-01T09:30", "UTC")).toBe("2026-03-01T09:30:00.000Z");
    expect(localInputToIso("2026-03-01T09:30", "Europe/Berlin")).toBe("2026-03-01T08:30:00.000Z");
    expect(localInputToIso("2026-07-01T09:30", "Europe/Berlin")).toBe("2026-07-01T07:30:00.000Z");
    expect(localInputToIso("2026-03-01T09:30", "America/New_York")).toBe("2026-03-01T14:30:00.000Z");
    expect(localInputToIso("2026-03-01T09:30", "Asia/Kolkata")).toBe("2026-03-01T04:00:00.000Z");
  });

  it("keeps seconds when the field has them", () => {
    expect(localInputToIso("2026-03-01T09:30:15", "UTC")).toBe("2026-03-01T09:30:15.000Z");
    expect(localInputToIso("2026-03-01T09:30:15.250", "UTC")).toBe("2026-03-01T09:30:15.000Z");
  });

  it("resolves a wall-clock time skipped by the spring-forward change to the hour after", () => {
    // 2026-03-29 02:30 does not exist in Berlin (clocks jump from 02:00 to 03:00 CET → CEST).
    expect(localInputToIso("2026-03-29T02:30", "Europe/Berlin")).toBe("2026-03-29T01:30:00.000Z");
    // 01:30 the same night is unambiguous CET.
    expect(localInputToIso("2026-03-29T01:30", "Europe/Berlin")).toBe("2026-03-29T00:30:00.000Z");
  });

  it("refuses values that are not a real date and time", () => {
    for (const value of ["", "yesterday", "2026-02-30T10:00", "2026-13-01T10:00", "2026-03-01T24:00", "2026-03-01 09:30", "2026-03-01T09:60"]) {
      expect(localInputToIso(value, "UTC"), value).toBeNull();
    }
  });
});

describe("isoToLocalInput", () => {
  it("gives the wall-clock time in the zone, as a datetime-local value", () => {
    expect(isoToLocalInput("2026-03-01T08:30:59.999Z", "Europe/Berlin")).toBe("2026-03-01T09:30");
    expect(isoToLocalInput(new Date("2026-01-01T03:00:00Z"), "America/Los_Angeles")).toBe("2025-12-31T19:00");
  });

  it("round-trips with localInputToIso", () => {
    for (const zone of ["UTC", "Europe/London", "America/Sao_Paulo", "Australia/Adelaide"]) {
      const iso = "2026-05-17T22:45:00.000Z";
      expect(localInputToIso(isoToLocalInput(iso, zone), zone)).toBe(iso);
    }
  });
});

describe("zone offsets", () => {
  it("measures how far the zone's clock is ahead of UTC", () => {
    expect(zoneOffsetMs(Date.parse("2026-07-01T12:00:00Z"), "Europe/London")).toBe(3600_000);
    expect(zoneOffsetMs(Date.parse("2026-01-01T12:00:00Z"), "America/New_York")).toBe(-5 * 3600_000);
  });

  it("labels the offset for the hint beside the field", () => {
    expect(zoneOffsetLabel("2026-07-01T12:00:00Z", "Europe/London")).toBe("UTC+01:00");
    expect(zoneOffsetLabel("2026-01-01T12:00:00Z", "America/New_York")).toBe("UTC−05:00");
    expect(zoneOffsetLabel("2026-01-01T12:00:00Z", "Asia/Kathmandu")).toBe("UTC+05:45");
    expect(zoneOffsetLabel("2026-01-01T12:00:00Z", "UTC")).toBe("UTC");
  });
});
