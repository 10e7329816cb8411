import { describe, expect, it } from "vitest";
import { sessionIcs } from "./session-ics";

describe("a session as an .ics file", () => {
  it("writes one UTC event with escaped text and CRLF lines", () => {
    const ics = sessionIcs({
      id: "5b0c2d8e-0000-4000-8000-000000000001",
      startsAt: new Date("2027-03-29T08:30:00Z"),
      durationMinutes: 45,
      summary: "Coaching: Ana; greeting, tone",
      description: "Plan: Greet every caller\nBring two calls",
      url: "https://qa.example.com/coaching/plans/p1",
      now: new Date("2027-03-20T10:00:00.123Z"),
    });
    expect(ics.split("\r\n")).toEqual([
      "BEGIN:VCALENDAR",
      "VERSION:2.0",
      "PRODID:-//Parley//Coaching//EN",
      "CALSCALE:GREGORIAN",
      "METHOD:PUBLISH",
      "BEGIN:VEVENT",
      "UID:coaching-session-5b0c2d8e-0000-4000-8000-000000000001@parley",
      "DTSTAMP:20270320T100000Z",
      "DTSTART:20270329T083000Z",
      "DTEND:20270329T091500Z",
      "SUMMARY:Coaching: Ana\\; greeting\\, tone",
      "DESCRIPTION:Plan: Greet every caller\\nBring two calls",
      "URL:https://qa.example.com/coaching/plans/p1",
      "END:VEVENT",
      "END:VCALENDAR",
      "",
    ]);
  });

  it("folds a line longer than 75 octets", () => {
    const ics = sessionIcs({ id: "x", startsAt: new Date(0), durationMinutes: 30, summary: "é".repeat(60), description: "", url: "u", now: new Date(0) });
    const summary = ics.split("\r\n").filter((line) => line.startsWith("SUMMARY:") || line.startsWith(" "));
    expect(summary.map((line) => Buffer.byteLength(line, "utf8")).every((bytes) => bytes <= 75)).toBe(true);
    expect(summary.map((line, k) => (k === 0 ? line : line.slice(1))).join("")).toBe(`SUMMARY:${"é".repeat(60)}`);
  });
});
