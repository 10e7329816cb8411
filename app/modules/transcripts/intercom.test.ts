import { describe, expect, it } from "vitest";
import { importIntercom } from "./intercom";
import { errorOf, fixture } from "./test-fixtures";

type Doc = Record<string, unknown> & { source: Record<string, unknown> };
const doc = () => JSON.parse(fixture("intercom-conversation.json")) as Doc;

describe("importIntercom", () => {
  it("imports source and parts as a chat: HTML to text, users as customers, admins and bots as agents", () => {
    const result = importIntercom(fixture("intercom-conversation.json"));
    const { transcript } = result;
    if (transcript.channel === "call") throw new Error("expected a chat");
    expect(transcript.channel).toBe("chat");
    expect(transcript.segments.map((s) => [s.speaker, s.at, s.text])).toEqual([
      ["6650a1b2c3d4e5f600000001", "2024-05-16T08:00:00.000Z", "Hi, I can't log in to my account since the update."],
      ["8001", "2024-05-16T08:00:05.000Z", "Thanks for reaching out! A teammate will be with you shortly."],
      ["991267001", "2024-05-16T08:02:00.000Z", "Hi Priya, I'm Marco. Could you try these steps?\n\n- Sign out on all devices\n- Reset your password"],
      ["6650a1b2c3d4e5f600000001", "2024-05-16T08:05:00.000Z", "That worked — thank you!"],
    ]);
    expect(result.speakers).toEqual([
      { label: "6650a1b2c3d4e5f600000001", name: "Priya Nair", guessedRole: "customer", role: "customer", segments: 2 },
      { label: "8001", name: "Operator", guessedRole: "agent", role: "agent", segments: 1 },
      { label: "991267001", name: "Marco Rossi", guessedRole: "agent", role: "agent", segments: 1 },
    ]);
  });

  it("skips internal notes and bodiless parts, and says so", () => {
    const result = importIntercom(fixture("intercom-conversation.json"));
    expect(result.transcript.segments.some((s) => s.text.includes("JIRA"))).toBe(false);
    expect(result.warnings).toEqual(["Skipped 1 internal note.", "Skipped 2 parts without a message (assignments, state changes)."]);
  });

  it("uses the email channel for email conversations, and accepts a list holding one conversation", () => {
    const value = doc();
    value.source.type = "email";
    expect(importIntercom(JSON.stringify(value)).transcript.channel).toBe("email");
    const list = { type: "conversation.list", conversations: [doc()] };
    const result = importIntercom(JSON.stringify(list), { speakerRoles: { "8001": "customer" } });
    expect(result.transcript.segments).toHaveLength(4);
    expect(result.speakers.find((s) => s.label === "8001")?.role).toBe("customer");
  });
});

describe("malformed Intercom conversations", () => {
  it("names an unknown author type by its path", () => {
    expect(errorOf(() => importIntercom(fixture("intercom-bad-author.json")))).toBe(
      'Intercom: conversation_parts.conversation_parts[3].author.type is "robot", expected one of user, lead, contact, admin, bot, team',
    );
  });

  it("names missing timestamps, sources and lists of several conversations", () => {
    const value = doc();
    delete value.created_at;
    expect(errorOf(() => importIntercom(JSON.stringify(value)))).toBe("Intercom: created_at is missing");
    expect(errorOf(() => importIntercom('{"type":"conversation","id":"1"}'))).toBe("Intercom: source is missing");
    expect(errorOf(() => importIntercom(JSON.stringify({ type: "conversation.list", conversations: [doc(), doc()] })))).toBe(
      "Intercom: conversations holds 2 conversations: import one conversation per file",
    );
  });
});
