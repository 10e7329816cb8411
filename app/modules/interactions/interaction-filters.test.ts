import { describe, expect, it } from "vitest";
import { describeFilters, encodeCursor, filterParams, parseInteractionListParams } from "./interaction-filters";

const TEAM = "7d0f3a8e-1b2c-4d5e-8f90-123456789abc";
const AGENT = "0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";

function parse(query: string) {
  return parseInteractionListParams(new URLSearchParams(query));
}

function errorOf(query: string): string {
  const result = parse(query);
  if (result.ok) throw new Error(`expected ${query} to be refused`);
  return result.message;
}

describe("parseInteractionListParams", () => {
  it("reads every filter from the URL", () => {
    const before = `2026-03-02T10:00:00.000Z_${AGENT}`;
    const result = parse(
      `channel=call&team=${TEAM}&agent=${AGENT.toUpperCase()}&from=2026-03-01&to=2026-03-31&min=1.5&max=10` +
        `&tags=refund,%20vip,,refund&queue=billing&status=failed&q=%22duplicate+charge%22&before=${before}`,
    );
    expect(result).toEqual({
      ok: true,
      filters: {
        channel: "call",
        teamId: TEAM,
        agentId: AGENT,
        from: "2026-03-01",
        to: "2026-03-31",
        minMinutes: 1.5,
        maxMinutes: 10,
        tags: ["refund", "vip"],
        queue: "billing",
        status: "failed",
        words: '"duplicate charge"',
      },
      before: { startedAt: new Date("2026-03-02T10:00:00.000Z"), id: AGENT },
    });
  });

  it("treats empty and blank fields (an untouched form) as no filter", () => {
    expect(parse("channel=&team=&agent=&from=&to=&min=&max=&tags=+,+&queue=&status=&q=++")).toEqual({
      ok: true,
      filters: {},
      before: undefined,
    });
  });

  it("ignores parameters it does not know", () => {
    expect(parse("utm_source=mail&channel=chat")).toMatchObject({ ok: true, filters: { channel: "chat" } });
  });

  it.each([
    ["channel=fax", "Channel: choose calls, chats or emails"],
    ["team=billing", "Team: choose a team from the list"],
    ["agent=42", "Agent: choose an agent from the list"],
    ["from=01/03/2026", "From: use a date like 2026-03-01"],
    ["to=2026-02-30", "To: there is no such day"],
    ["min=ten", "Shortest: enter a number of minutes"],
    ["max=-1", "Longest: minutes cannot be negative"],
    ["max=99999999", "Longest: at most 10080 minutes"],
    ["status=done", "Status: choose processing, ready or failed"],
    ["evaluated=maybe", "Evaluated: choose evaluated or not evaluated"],
    ["from=2026-03-10&to=2026-03-01", "The From date is after the To date"],
    ["min=10&max=2", "The shortest length is more than the longest"],
    [`q=${"word ".repeat(50)}`, "Words: at most 200 characters"],
    [`tags=${Array.from({ length: 21 }, (_, i) => `t${i}`).join(",")}`, "Tags: at most 20 tags at a time"],
    ["before=yesterday", "The page link is malformed"],
  ])("refuses %s with a message naming the problem", (query, message) => {
    expect(errorOf(query)).toContain(message);
  });

  it("names every bad value at once", () => {
    const message = errorOf("channel=fax&min=ten");
    expect(message).toMatch(/^These filters cannot be used\. /);
    expect(message).toContain("Channel:");
    expect(message).toContain("Shortest:");
  });

  it("round-trips the page cursor", () => {
    const cursor = { startedAt: new Date("2026-03-02T10:00:00.123Z"), id: AGENT };
    expect(parse(`before=${encodeCursor(cursor)}`)).toMatchObject({ ok: true, before: cursor });
  });
});

describe("filterParams", () => {
  it("gives back the URL parameters of the filters that are set", () => {
    const result = parse(`channel=chat&tags=a,b&min=0&q=refund`);
    if (!result.ok) throw new Error(result.message);
    expect(filterParams(result.filters)).toEqual({ channel: "chat", tags: "a, b", min: "0", q: "refund" });
  });
});

describe("describeFilters", () => {
  const names = { teams: [{ id: TEAM, name: "Billing" }], agents: [{ id: AGENT, name: "Dana Reyes" }] };

  it("puts each active filter in words, with the parameters that remove it", () => {
    expect(
      describeFilters(
        {
          channel: "call",
          teamId: TEAM,
          agentId: AGENT,
          from: "2026-03-01",
          to: "2026-03-31",
          minMinutes: 1.5,
          maxMinutes: 10,
          tags: ["refund", "vip"],
          queue: "billing",
          status: "ready",
          words: "late fee",
        },
        names,
      ),
    ).toEqual([
      { params: ["channel"], label: "Channel", value: "Calls" },
      { params: ["team"], label: "Team", value: "Billing" },
      { params: ["agent"], label: "Agent", value: "Dana Reyes" },
      { params: ["from", "to"], label: "Date", value: "2026-03-01 to 2026-03-31" },
      { params: ["min", "max"], label: "Length", value: "1.5–10 min" },
      { params: ["tags"], label: "Any tag of", value: "refund, vip" },
      { params: ["queue"], label: "Queue", value: "billing" },
      { params: ["status"], label: "Status", value: "Ready" },
      { params: ["q"], label: "Words", value: "“late fee”" },
    ]);
  });

  it("describes open-ended ranges", () => {
    expect(describeFilters({ from: "2026-03-01", maxMinutes: 5 }, names)).toEqual([
      { params: ["from"], label: "Date", value: "from 2026-03-01" },
      { params: ["max"], label: "Length", value: "at most 5 min" },
    ]);
    expect(describeFilters({ to: "2026-03-01", minMinutes: 2 }, names).map((filter) => filter.value)).toEqual([
      "until 2026-03-01",
      "at least 2 min",
    ]);
  });

  it("does not name a team or agent outside the viewer's options", () => {
    expect(describeFilters({ agentId: TEAM, teamId: AGENT }, names).map((filter) => filter.value)).toEqual([
      "a team outside your view",
      "an agent outside your view",
    ]);
  });
});
