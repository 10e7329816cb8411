import { describe, expect, it } from "vitest";
import { importCanonical } from "./canonical";
import { importContactLens } from "./contact-lens";
import { errorOf, fixture } from "./test-fixtures";

describe("importCanonical", () => {
  it("accepts a valid canonical transcript as is", () => {
    const result = importCanonical(fixture("canonical-call.json"));
    expect(result.transcript).toEqual(JSON.parse(fixture("canonical-call.json")));
    expect(result.speakers).toEqual([
      { label: "a", name: "Dana", guessedRole: "agent", role: "agent", segments: 1 },
      { label: "c", guessedRole: "customer", role: "customer", segments: 1 },
    ]);
  });

  it("applies speakerRoles to its speakers", () => {
    const result = importCanonical(fixture("canonical-call.json"), { speakerRoles: { a: "customer", c: "agent" } });
    expect(result.transcript.speakers).toEqual([
      { id: "a", role: "customer", name: "Dana" },
      { id: "c", role: "agent" },
    ]);
  });

  it("turns schema issues into path messages", () => {
    expect(errorOf(() => importCanonical(fixture("canonical-bad.json")))).toBe("Canonical JSON: segments[1]: endMs must not be before startMs");
    const value = JSON.parse(fixture("canonical-call.json")) as { segments: Record<string, unknown>[] };
    delete value.segments[0]!.startMs;
    value.segments[1]!.text = 42;
    expect(errorOf(() => importCanonical(JSON.stringify(value)))).toBe("Canonical JSON: segments[0].startMs is missing (and 1 more problem)");
    expect(errorOf(() => importCanonical('{"version":2,"channel":"call","speakers":[],"segments":[]}'))).toMatch(/^Canonical JSON: version: /);
  });
});

describe("importContactLens", () => {
  it("imports a voice transcript: AGENT and CUSTOMER participants, offsets in ms", () => {
    const result = importContactLens(fixture("contact-lens-voice.json"));
    expect(result.transcript.channel).toBe("call");
    expect(result.transcript.segments.map((s) => [s.speaker, "startMs" in s ? s.startMs : -1, s.text])).toEqual([
      ["AGENT", 1200, "Thanks for calling, how can I help?"],
      ["CUSTOMER", 4100, "My internet is down again."],
      ["AGENT", 6300, "Sorry to hear that."],
    ]);
    expect(result.speakers.map((s) => [s.label, s.role])).toEqual([
      ["AGENT", "agent"],
      ["CUSTOMER", "customer"],
    ]);
  });

  it("imports a chat: messages only, system messages on the agent side", () => {
    const chat = { Channel: "CHAT", Participants: [], Transcript: [
      { AbsoluteTime: "2022-10-27T03:31:50.735Z", ContentType: "application/vnd.amazonaws.connect.event.participant.joined", ParticipantId: "c1", ParticipantRole: "CUSTOMER", Type: "EVENT" },
      { AbsoluteTime: "2022-10-27T03:31:53.390Z", Content: "You are in the queue.", DisplayName: "SYSTEM_MESSAGE", ParticipantId: "s1", ParticipantRole: "SYSTEM", Type: "MESSAGE" },
      { AbsoluteTime: "2022-10-27T03:32:08.102Z", Content: "I'd like a refund.", DisplayName: "John", ParticipantId: "c1", ParticipantRole: "CUSTOMER", Type: "MESSAGE" },
    ] };
    const result = importContactLens(JSON.stringify(chat));
    expect(result.transcript.segments.map((s) => s.text)).toEqual(["You are in the queue.", "I'd like a refund."]);
    expect(result.speakers.map((s) => [s.label, s.name, s.role])).toEqual([
      ["s1", "SYSTEM_MESSAGE", "agent"],
      ["c1", "John", "customer"],
    ]);
  });

  it("names a missing offset", () => {
    const value = JSON.parse(fixture("contact-lens-voice.json")) as { Transcript: Record<string, unknown>[] };
    delete value.Transcript[1]!.EndOffsetMillis;
    expect(errorOf(() => importContactLens(JSON.stringify(value)))).toBe("Amazon Connect Contact Lens: Transcript[1].EndOffsetMillis is missing");
  });
});
