import { describe, expect, it } from "vitest";
import { importChatCsv } from "./chat-csv";
import { importChatJson } from "./chat-json";
import { errorOf, fixture } from "./test-fixtures";

describe("importChatJson", () => {
  it("imports messages with role, author and offset timestamps", () => {
    const result = importChatJson(fixture("chat.json"));
    const { transcript } = result;
    if (transcript.channel === "call") throw new Error("expected a chat");
    expect(transcript.channel).toBe("chat");
    expect(transcript.segments.map((s) => [s.speaker, s.at, s.text])).toEqual([
      ["Acme Assistant", "2024-05-02T08:15:03.000Z", "Hi! What can I help you with today?"],
      ["Tom Becker", "2024-05-02T08:15:20.000Z", "My invoice shows a late fee I already paid."],
      ["Lena", "2024-05-02T08:16:02.000Z", "Hi Tom, I'm Lena. Let me look at that invoice for you."],
      ["Tom Becker", "2024-05-02T08:16:40.000Z", "It's INV-2024-0419."],
      ["Lena", "2024-05-02T08:18:11.000Z", "Found it: I've removed the fee. You'll see the credit within 2 days."],
    ]);
    expect(result.speakers).toEqual([
      { label: "Acme Assistant", name: "Acme Assistant", guessedRole: "agent", role: "agent", segments: 1 },
      { label: "Tom Becker", name: "Tom Becker", guessedRole: "customer", role: "customer", segments: 2 },
      { label: "Lena", name: "Lena", guessedRole: "agent", role: "agent", segments: 2 },
    ]);
  });

  it("reads [speaker, text] pairs, epoch timestamps, author objects, and the email channel option", () => {
    const pairs = importChatJson('[["customer","Hi","2024-05-02T10:00:00Z"],["agent","Hello!","2024-05-02T10:00:05Z"]]');
    expect(pairs.speakers.map((s) => [s.label, s.role])).toEqual([
      ["customer", "customer"],
      ["agent", "agent"],
    ]);
    const objects = importChatJson(
      JSON.stringify({ turns: [{ author: { name: "Kim", type: "user" }, ts: 1714644000, content: "Hello" }, { author: { name: "Ravi", type: "admin" }, ts: 1714644060, content: "Hi Kim" }] }),
      { channel: "email" },
    );
    expect(objects.transcript.channel).toBe("email");
    expect(objects.transcript.segments[0]).toMatchObject({ speaker: "Kim", at: "2024-05-02T10:00:00.000Z" });
    expect(objects.speakers.map((s) => [s.label, s.role])).toEqual([
      ["Kim", "customer"],
      ["Ravi", "agent"],
    ]);
  });

  it("guesses unknown names: the first to write is the customer; speakerRoles overrides", () => {
    const chat = JSON.stringify([
      { from: "Jo", at: "2024-05-02T10:00:00Z", text: "Hi, my order is late" },
      { from: "Sam", at: "2024-05-02T10:01:00Z", text: "Sorry about that!" },
    ]);
    expect(importChatJson(chat).speakers.map((s) => [s.label, s.role])).toEqual([
      ["Jo", "customer"],
      ["Sam", "agent"],
    ]);
    expect(importChatJson(chat, { speakerRoles: { Jo: "agent", Sam: "customer" } }).transcript.speakers.map((s) => s.role)).toEqual(["agent", "customer"]);
  });

  it("places an untimed chat at startedAt, and refuses it without", () => {
    const untimed = '{"messages":[{"speaker":"USER","utterance":"Book a table"},{"speaker":"SYSTEM","utterance":"For how many?"}]}';
    const result = importChatJson(untimed, { startedAt: "2024-01-01T09:00:00Z" });
    expect(result.transcript.segments.map((s) => ("at" in s ? s.at : ""))).toEqual(["2024-01-01T09:00:00.000Z", "2024-01-01T09:00:00.000Z"]);
    expect(result.speakers.map((s) => [s.label, s.role])).toEqual([
      ["USER", "customer"],
      ["SYSTEM", "agent"],
    ]);
    expect(errorOf(() => importChatJson(untimed))).toBe(
      "Chat JSON: messages[0].timestamp is missing, and so is every other message's (timestamp, time, at or created_at): pass startedAt to import a chat without times",
    );
  });
});

describe("malformed chat JSON", () => {
  it("names a message without text", () => {
    expect(errorOf(() => importChatJson(fixture("chat-missing-text.json")))).toBe("Chat JSON: [2].text is missing (text, message or body)");
  });

  it("names the line and column of a trailing comma", () => {
    expect(errorOf(() => importChatJson(fixture("chat-broken.json")))).toBe('Chat JSON line 5, column 3: not valid JSON: a trailing comma before "]"');
  });

  it("names bad timestamps, missing speakers and dataset dumps", () => {
    expect(errorOf(() => importChatJson('[{"role":"agent","time":"soon","text":"Hi"}]'))).toBe(
      'Chat JSON: [0].time is not a date: "soon" (expected ISO 8601 or epoch seconds)',
    );
    expect(errorOf(() => importChatJson('[{"text":"Hi","at":"2024-05-02T10:00:00Z"},{"role":"agent","text":"x"}]'))).toBe(
      "Chat JSON: [0].speaker is missing (speaker, role, author or from)",
    );
    expect(errorOf(() => importChatJson('[{"id":1,"turns":[]},{"id":2,"turns":[]}]'))).toBe(
      "Chat JSON: the file holds 2 conversations, each with its own messages: import one conversation per file",
    );
    expect(errorOf(() => importChatJson('{"title":"x"}'))).toContain("Chat JSON: the file has no messages");
  });
});

describe("importChatCsv", () => {
  it("imports a CSV with a header, quoted commas, doubled quotes and multi-line messages", () => {
    const result = importChatCsv(fixture("chat.csv"));
    expect(result.transcript.segments.map((s) => [s.speaker, "at" in s ? s.at : "", s.text])).toEqual([
      ["customer", "2024-05-02T10:15:20.000Z", "Hello, I need help with my order"],
      ["agent", "2024-05-02T10:15:48.000Z", "Hi! Sure, what's the order number?"],
      ["customer", "2024-05-02T10:16:05.000Z", "It's 88213.\nIt was due on Monday."],
      ["agent", "2024-05-02T10:17:30.000Z", 'Thanks. It\'s with the courier, "out for delivery" today.'],
    ]);
    expect(result.speakers.map((s) => [s.label, s.role, s.segments])).toEqual([
      ["customer", "customer", 2],
      ["agent", "agent", 2],
    ]);
  });

  it("keeps the names of an author column and roles of a role column", () => {
    const csv = "created_at,author,role,body\n2024-05-02T10:00:00Z,Kim Lee,customer,Hi\n2024-05-02T10:00:30Z,Ravi,agent,Hello Kim\n";
    expect(importChatCsv(csv).transcript.speakers).toEqual([
      { id: "Kim Lee", role: "customer", name: "Kim Lee" },
      { id: "Ravi", role: "agent", name: "Ravi" },
    ]);
  });
});

describe("malformed chat CSV", () => {
  it("names the line of a bad timestamp", () => {
    expect(errorOf(() => importChatCsv(fixture("chat-bad-time.csv")))).toBe(
      'Chat CSV line 4: timestamp is not a date: "yesterday" (expected ISO 8601 or epoch seconds)',
    );
  });

  it("reads semicolons and CRLF, and names the column as the header does", () => {
    expect(errorOf(() => importChatCsv(fixture("chat-semicolon-bad.csv")))).toBe(
      'Chat CSV line 2: Time is not a date: "02/05/2024 10:15" (expected ISO 8601 or epoch seconds)',
    );
  });

  it("requires a header row", () => {
    expect(errorOf(() => importChatCsv(fixture("chat-no-header.csv")))).toBe(
      'Chat CSV line 1: the header row needs a speaker column (speaker, role, author or from); found "2024-05-02T10:15:20Z,customer,Hello"',
    );
  });

  it("names rows with the wrong number of fields and unclosed quotes", () => {
    expect(errorOf(() => importChatCsv("time,speaker,text\n2024-05-02T10:00:00Z,agent,Hi, there\n"))).toBe(
      "Chat CSV line 2: the row has 4 fields but the header has 3 (quote fields that contain the separator)",
    );
    expect(errorOf(() => importChatCsv('time,speaker,text\n2024-05-02T10:00:00Z,agent,"Hi\n'))).toBe("Chat CSV line 2: a quoted field is never closed");
    expect(errorOf(() => importChatCsv("time,speaker,text\n"))).toBe("Chat CSV line 2: the file has a header but no messages");
  });
});
