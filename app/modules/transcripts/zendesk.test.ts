import { describe, expect, it } from "vitest";
import { errorOf, fixture } from "./test-fixtures";
import { importZendesk } from "./zendesk";

type Doc = { ticket?: unknown; users?: unknown; comments: Record<string, unknown>[] };
const doc = () => JSON.parse(fixture("zendesk-comments.json")) as Doc;

describe("importZendesk", () => {
  it("imports public comments as email, roles and names from the users sideload, notes skipped", () => {
    const result = importZendesk(fixture("zendesk-comments.json"));
    const { transcript } = result;
    if (transcript.channel === "call") throw new Error("expected email");
    expect(transcript.channel).toBe("email");
    expect(transcript.segments.map((s) => [s.speaker, s.at])).toEqual([
      ["372001", "2024-03-11T08:02:13.000Z"],
      ["415550", "2024-03-11T09:14:27.000Z"],
      ["372001", "2024-03-11T09:30:02.000Z"],
    ]);
    expect(transcript.segments[0]?.text).toBe("Hello,\n\nI returned my headphones two weeks ago and still have no refund.\n\nThanks, Maria");
    expect(transcript.segments[1]?.text).toBe("Hi Maria,\n\nSorry for the wait — your refund was issued today:\n\n- Amount: €89.00\n- Card ending 1207\n\nBest, Jonas");
    expect(result.speakers).toEqual([
      { label: "372001", name: "Maria Costa", guessedRole: "customer", role: "customer", segments: 2 },
      { label: "415550", name: "Jonas Weber", guessedRole: "agent", role: "agent", segments: 1 },
    ]);
    expect(result.warnings).toEqual(["Skipped 1 internal note (public: false)."]);
  });

  it("uses the ticket's requester without users, and the chat channel on request", () => {
    const value = doc();
    delete value.users;
    const result = importZendesk(JSON.stringify(value), { channel: "chat" });
    expect(result.transcript.channel).toBe("chat");
    expect(result.speakers.map((s) => [s.label, s.role])).toEqual([
      ["372001", "customer"],
      ["415550", "agent"],
    ]);
  });

  it("makes the first author the customer with neither users nor ticket; speakerRoles overrides", () => {
    const value = doc();
    delete value.users;
    delete value.ticket;
    value.comments.reverse();
    expect(importZendesk(JSON.stringify(value)).speakers.map((s) => [s.label, s.role])).toEqual([
      ["372001", "customer"],
      ["415550", "agent"],
    ]);
    const mapped = importZendesk(JSON.stringify(value), { speakerRoles: { "372001": "agent", "415550": "customer" } });
    expect(mapped.transcript.speakers.map((s) => [s.id, s.role])).toEqual([
      ["372001", "agent"],
      ["415550", "customer"],
    ]);
  });

  it("imports a bare ticket's description as the requester's message, with a warning", () => {
    const ticket = { ticket: { id: 8867, requester_id: 20014192, created_at: "2015-12-30T01:45:29Z", description: "Indeed it is!" } };
    const result = importZendesk(JSON.stringify(ticket));
    expect(result.transcript.segments).toEqual([{ id: "s1", speaker: "20014192", at: "2015-12-30T01:45:29.000Z", text: "Indeed it is!" }]);
    expect(result.speakers[0]?.role).toBe("customer");
    expect(result.warnings[0]).toContain("The file has no comments");
  });
});

describe("malformed Zendesk exports", () => {
  it("names a comment's missing created_at", () => {
    expect(errorOf(() => importZendesk(fixture("zendesk-missing-created.json")))).toBe("Zendesk: comments[1].created_at is missing");
  });

  it("names missing author ids, bodies and comments", () => {
    const value = doc();
    delete value.comments[2]!.author_id;
    expect(errorOf(() => importZendesk(JSON.stringify(value)))).toBe("Zendesk: comments[2].author_id is missing");
    const bodiless = doc();
    delete bodiless.comments[3]!.plain_body;
    expect(errorOf(() => importZendesk(JSON.stringify(bodiless)))).toBe("Zendesk: comments[3].body is missing (and so are plain_body and html_body)");
    expect(errorOf(() => importZendesk('{"count":0}'))).toBe("Zendesk: comments is missing: expected { comments: [...] } from the ticket comments API");
    expect(errorOf(() => importZendesk('{"comments":[{"author_id":1,"public":false,"body":"x","created_at":"2024-01-01T00:00:00Z"}]}'))).toBe(
      "Zendesk: the file has no public comments with text",
    );
  });
});
