/**
 * The interaction list's filters: one zod schema for the URL (`?channel=call&q=refund…`),
 * shared by the loader (which answers 400 with these messages) and the page (which
 * shows the active filters). Pure: no I/O, safe in the browser.
 *
 * URL parameter → filter:
 *   channel  call | chat | email           team    team id        agent  agent id
 *   from, to YYYY-MM-DD, both inclusive, in the organisation's time zone
 *   min, max length in minutes (decimals allowed), both inclusive
 *   tags     comma-separated; an interaction matches when it has any of them
 *   queue    exact queue name                status  processing | ready | failed
 *   evaluated  yes | no: has a submitted review evaluation (an agent: one released to them)
 *   q        words in the transcript (web-search syntax: "quoted phrase", -not, or)
 *   before   keyset cursor of the next page ("<ISO time>_<uuid>")
 */
import { z } from "zod";
import { parseLocalDate } from "../../lib/time";

export const interactionChannels = ["call", "chat", "email"] as const;
export const interactionStatuses = ["processing", "ready", "failed"] as const;
export type InteractionChannel = (typeof interactionChannels)[number];
export type InteractionStatus = (typeof interactionStatuses)[number];

export const channelFilterLabels: Record<InteractionChannel, string> = { call: "Calls", chat: "Chats", email: "Emails" };
export const statusFilterLabels: Record<InteractionStatus, string> = {
  processing: "Processing",
  ready: "Ready",
  failed: "Failed",
};

export const evaluatedFilterValues = ["yes", "no"] as const;
export type EvaluatedFilter = (typeof evaluatedFilterValues)[number];
export const evaluatedFilterLabels: Record<EvaluatedFilter, string> = { yes: "Evaluated", no: "Not evaluated" };

export const MAX_FILTER_TAGS = 20;
export const MAX_TAG_LENGTH = 100;
export const MAX_WORDS_LENGTH = 200;
/** A week: longer than any real conversation, small enough to stay an int in milliseconds. */
export const MAX_FILTER_MINUTES = 7 * 24 * 60;

export interface InteractionFilters {
  channel?: InteractionChannel;
  teamId?: string;
  agentId?: string;
  /** Local dates (YYYY-MM-DD) in the organisation's time zone, both inclusive. */
  from?: string;
  to?: string;
  minMinutes?: number;
  maxMinutes?: number;
  /** Matches interactions carrying any of these tags. */
  tags?: string[];
  queue?: string;
  status?: InteractionStatus;
  evaluated?: EvaluatedFilter;
  /** Words in the transcript, `websearch_to_tsquery` syntax. */
  words?: string;
}

export interface ListCursor {
  startedAt: Date;
  id: string;
}

/** HTML forms send "" for an untouched field: that means "no filter", not a bad value. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => {
    if (typeof value !== "string") return value;
    const trimmed = value.trim();
    return trimmed === "" ? undefined : trimmed;
  }, schema.optional());

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const localDate = (label: string) =>
  z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}: use a date like 2026-03-01`)
    .refine((value) => parseLocalDate(value) !== null, `${label}: there is no such day`);

const minutes = (label: string) =>
  z.coerce
    .number({ error: `${label}: enter a number of minutes` })
    .refine(Number.isFinite, `${label}: enter a number of minutes`)
    .refine((value) => value >= 0, `${label}: minutes cannot be negative`)
    .refine((value) => value <= MAX_FILTER_MINUTES, `${label}: at most ${MAX_FILTER_MINUTES} minutes`);

const tagList = z
  .string()
  .transform((value) => [...new Set(value.split(",").map((tag) => tag.trim()).filter(Boolean))])
  .refine((tags) => tags.length <= MAX_FILTER_TAGS, `Tags: at most ${MAX_FILTER_TAGS} tags at a time`)
  .refine((tags) => tags.every((tag) => tag.length <= MAX_TAG_LENGTH), `Tags: a tag has at most ${MAX_TAG_LENGTH} characters`);

const cursor = z
  .string()
  .transform((value, ctx): ListCursor => {
    const match = /^(\d{4}-\d{2}-\d{2}T[0-9:.]+Z)_([0-9a-f-]{36})$/i.exec(value);
    const startedAt = match ? new Date(match[1] as string) : null;
    if (!match || !startedAt || Number.isNaN(startedAt.getTime()) || !UUID_RE.test(match[2] as string)) {
      ctx.addIssue({ code: "custom", message: "The page link is malformed; go back to the first page" });
      return z.NEVER;
    }
    return { startedAt, id: (match[2] as string).toLowerCase() };
  });

export const interactionListParamsSchema = z
  .object({
    channel: optional(z.enum(interactionChannels, { error: "Channel: choose calls, chats or emails" })),
    team: optional(z.string().regex(UUID_RE, "Team: choose a team from the list")),
    agent: optional(z.string().regex(UUID_RE, "Agent: choose an agent from the list")),
    from: optional(localDate("From")),
    to: optional(localDate("To")),
    min: optional(minutes("Shortest")),
    max: optional(minutes("Longest")),
    tags: optional(tagList),
    queue: optional(z.string().max(200, "Queue: choose a queue from the list")),
    status: optional(z.enum(interactionStatuses, { error: "Status: choose processing, ready or failed" })),
    evaluated: optional(z.enum(evaluatedFilterValues, { error: "Evaluated: choose evaluated or not evaluated" })),
    q: optional(z.string().max(MAX_WORDS_LENGTH, `Words: at most ${MAX_WORDS_LENGTH} characters`)),
    before: optional(cursor),
  })
  .superRefine((params, ctx) => {
    if (params.from && params.to && params.from > params.to) {
      ctx.addIssue({ code: "custom", path: ["to"], message: "The From date is after the To date" });
    }
    if (params.min !== undefined && params.max !== undefined && params.min > params.max) {
      ctx.addIssue({ code: "custom", path: ["max"], message: "The shortest length is more than the longest" });
    }
  });

export type ParsedListParams =
  | { ok: true; filters: InteractionFilters; before: ListCursor | undefined }
  | { ok: false; message: string };

/** The URL's filters and page cursor, or one message naming every bad value. */
export function parseInteractionListParams(params: URLSearchParams): ParsedListParams {
  const parsed = interactionListParamsSchema.safeParse(Object.fromEntries(params));
  if (!parsed.success) {
    const messages = [...new Set(parsed.error.issues.map((issue) => issue.message))];
    return { ok: false, message: `These filters cannot be used. ${messages.join(". ")}.` };
  }
  const p = parsed.data;
  const filters: InteractionFilters = {
    channel: p.channel,
    teamId: p.team?.toLowerCase(),
    agentId: p.agent?.toLowerCase(),
    from: p.from,
    to: p.to,
    minMinutes: p.min,
    maxMinutes: p.max,
    tags: p.tags?.length ? p.tags : undefined,
    queue: p.queue,
    status: p.status,
    evaluated: p.evaluated,
    words: p.q,
  };
  return { ok: true, filters: withoutUndefined(filters), before: p.before };
}

export function encodeCursor(cursor: ListCursor): string {
  return `${cursor.startedAt.toISOString()}_${cursor.id}`;
}

/** The filter form's field names, which are also the list's URL parameters. */
export const filterFieldNames = ["channel", "team", "agent", "from", "to", "min", "max", "tags", "queue", "status", "evaluated", "q"] as const;

/**
 * The filter values exactly as the URL gives them, for a form refused as a whole: the fields
 * keep what was typed, so the reader corrects one value instead of starting over.
 */
export function rawFilterParams(params: URLSearchParams): Record<string, string> {
  return Object.fromEntries(filterFieldNames.flatMap((name) => (params.get(name)?.trim() ? [[name, params.get(name) as string]] : [])));
}

/** URL parameters (as the form names them) of the filters that are set. */
export function filterParams(filters: InteractionFilters): Record<string, string> {
  const entries: [string, string | undefined][] = [
    ["channel", filters.channel],
    ["team", filters.teamId],
    ["agent", filters.agentId],
    ["from", filters.from],
    ["to", filters.to],
    ["min", filters.minMinutes?.toString()],
    ["max", filters.maxMinutes?.toString()],
    ["tags", filters.tags?.join(", ")],
    ["queue", filters.queue],
    ["status", filters.status],
    ["evaluated", filters.evaluated],
    ["q", filters.words],
  ];
  return Object.fromEntries(entries.filter((entry): entry is [string, string] => entry[1] !== undefined));
}

export interface ActiveFilter {
  /** The URL parameters to drop to remove this filter. */
  params: string[];
  label: string;
  value: string;
}

/**
 * The filters in force, in words, for the "active filters" list and the empty state.
 * Team and agent ids are named from the options the viewer may see; an id outside
 * them (a shared link, a guessed id) is not resolved, so it reveals nothing.
 */
export function describeFilters(
  filters: InteractionFilters,
  names: { teams: ReadonlyArray<{ id: string; name: string }>; agents: ReadonlyArray<{ id: string; name: string }> },
): ActiveFilter[] {
  const active: ActiveFilter[] = [];
  const minutesText = (value: number) => `${formatMinutes(value)} min`;
  if (filters.channel) active.push({ params: ["channel"], label: "Channel", value: channelFilterLabels[filters.channel] });
  if (filters.teamId) {
    const team = names.teams.find((candidate) => candidate.id === filters.teamId);
    active.push({ params: ["team"], label: "Team", value: team?.name ?? "a team outside your view" });
  }
  if (filters.agentId) {
    const agent = names.agents.find((candidate) => candidate.id === filters.agentId);
    active.push({ params: ["agent"], label: "Agent", value: agent?.name ?? "an agent outside your view" });
  }
  if (filters.from && filters.to) {
    active.push({
      params: ["from", "to"],
      label: "Date",
      value: filters.from === filters.to ? filters.from : `${filters.from} to ${filters.to}`,
    });
  } else if (filters.from) active.push({ params: ["from"], label: "Date", value: `from ${filters.from}` });
  else if (filters.to) active.push({ params: ["to"], label: "Date", value: `until ${filters.to}` });
  if (filters.minMinutes !== undefined && filters.maxMinutes !== undefined) {
    active.push({
      params: ["min", "max"],
      label: "Length",
      value: `${formatMinutes(filters.minMinutes)}–${minutesText(filters.maxMinutes)}`,
    });
  } else if (filters.minMinutes !== undefined) {
    active.push({ params: ["min"], label: "Length", value: `at least ${minutesText(filters.minMinutes)}` });
  } else if (filters.maxMinutes !== undefined) {
    active.push({ params: ["max"], label: "Length", value: `at most ${minutesText(filters.maxMinutes)}` });
  }
  if (filters.tags?.length) {
    active.push({ params: ["tags"], label: filters.tags.length > 1 ? "Any tag of" : "Tag", value: filters.tags.join(", ") });
  }
  if (filters.queue) active.push({ params: ["queue"], label: "Queue", value: filters.queue });
  if (filters.status) active.push({ params: ["status"], label: "Status", value: statusFilterLabels[filters.status] });
  if (filters.evaluated) active.push({ params: ["evaluated"], label: "Review", value: evaluatedFilterLabels[filters.evaluated] });
  if (filters.words) active.push({ params: ["q"], label: "Words", value: `“${filters.words}”` });
  return active;
}

function formatMinutes(value: number): string {
  return Number.isInteger(value) ? String(value) : String(Math.round(value * 100) / 100);
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
