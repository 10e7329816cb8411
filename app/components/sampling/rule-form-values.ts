/**
 * The rule form's fields as typed, both ways: a stored rule into the form's values, and a
 * post back into settings for `samplingRuleFormSchema`. The form shows durations in minutes
 * and tags as one comma-separated field; everything else uses the schema's dotted names, so
 * a field error's key is the name of the field it belongs to. Pure: used by the form (in
 * the browser) and by the routes' actions.
 */
import { fieldErrorsOf } from "../../lib/errors";
import type { RuleFormOptions } from "../../modules/sampling/rule-form-options.server";
import { MAX_METADATA_PAIRS } from "../../modules/sampling/rule-fields";
import { MAX_DURATION_MS, purposeOf, samplingRuleFormSchema, type SamplingRuleSettings } from "../../modules/sampling/sampling-rule.schema";
import type { Choice } from "./choice-list";

/** What the form offers to choose from. */
export interface RuleFormChoices {
  scorecards: Choice[];
  reviewers: Choice[];
  agents: Choice[];
  teams: Choice[];
  queues: Choice[];
  /** The organisation's switch: the form says a self-evaluation rule needs it on. */
  selfEvaluationEnabled: boolean;
}

/**
 * The form's choices from the options on offer, plus `extra` ones a saved rule still names
 * (an agent who left, a reviewer who is no longer one), so editing never drops them unseen.
 */
export function ruleFormChoices(options: RuleFormOptions, extra: Partial<Omit<RuleFormChoices, "selfEvaluationEnabled">> = {}): RuleFormChoices {
  const people = (list: { id: string; name: string }[]) => list.map((item) => ({ value: item.id, label: item.name }));
  return {
    scorecards: [...people(options.scorecards), ...(extra.scorecards ?? [])],
    reviewers: [...people(options.reviewers), ...(extra.reviewers ?? [])],
    agents: [...people(options.agents), ...(extra.agents ?? [])],
    teams: [...people(options.teams), ...(extra.teams ?? [])],
    queues: [...options.queues.map((queue) => ({ value: queue, label: queue })), ...(extra.queues ?? [])],
    selfEvaluationEnabled: options.selfEvaluationEnabled,
  };
}

/** What the form holds: one text per single field, a list per checkbox group. */
export interface TypedRuleForm {
  values: Record<string, string>;
  lists: Record<string, string[]>;
}

/** Checkbox groups: sent once per ticked box. */
export const ruleListFields = ["filters.channels", "filters.teamIds", "filters.agentIds", "filters.queues", "reviewerIds"] as const;
export type RuleListField = (typeof ruleListFields)[number];

export const durationFields = { min: "filters.durationMinMinutes", max: "filters.durationMaxMinutes" } as const;
const durationMsFields = { min: "filters.durationMinMs", max: "filters.durationMaxMs" } as const;
export const MAX_DURATION_MINUTES = MAX_DURATION_MS / 60_000;

/** The form always offers at least this many metadata rows; blank ones are ignored. */
export const MIN_METADATA_ROWS = 3;
export { MAX_METADATA_PAIRS };

/** Fields the form posts that are not part of the rule. */
const notRuleFields = new Set(["_csrf", "intent"]);

/** A new rule: the previous week, 5 per agent, due in three days, every Monday at 06:00. */
export function newRuleForm(): TypedRuleForm {
  return {
    values: {
      name: "",
      purpose: "review",
      scorecardId: "",
      "filters.window.kind": "previous_week",
      "filters.window.days": "7",
      "filters.tags": "",
      "filters.tagsMode": "any",
      [durationFields.min]: "",
      [durationFields.max]: "",
      "quota.kind": "per_agent",
      "quota.n": "5",
      "quota.percent": "10",
      capPerReviewer: "",
      dueInHours: "72",
      "schedule.kind": "weekly",
      "schedule.hour": "6",
      "schedule.weekday": "1",
      "schedule.day": "1",
    },
    lists: {},
  };
}

const minutesText = (ms: number | undefined) => (ms === undefined ? "" : String(Math.round((ms / 60_000) * 100) / 100));

/** A saved rule as the form shows it; fields of the kinds not chosen keep the new-rule defaults. */
export function ruleFormFromSettings(settings: SamplingRuleSettings): TypedRuleForm {
  const { filters, quota, schedule } = settings;
  const values: Record<string, string> = {
    ...newRuleForm().values,
    name: settings.name,
    purpose: purposeOf(settings),
    scorecardId: settings.scorecardId,
    "filters.window.kind": filters.window.kind,
    "filters.tags": filters.tags.join(", "),
    "filters.tagsMode": filters.tagsMode,
    [durationFields.min]: minutesText(filters.durationMinMs),
    [durationFields.max]: minutesText(filters.durationMaxMs),
    "quota.kind": quota.kind,
    capPerReviewer: settings.capPerReviewer === undefined ? "" : String(settings.capPerReviewer),
    dueInHours: String(settings.dueInHours),
    "schedule.kind": schedule.kind,
  };
  if (filters.window.kind === "last_n_days") values["filters.window.days"] = String(filters.window.days);
  if (quota.kind === "per_agent") values["quota.n"] = String(quota.n);
  if (quota.kind === "percentage") values["quota.percent"] = String(quota.percent);
  if (schedule.kind !== "manual") values["schedule.hour"] = String(schedule.hour);
  if (schedule.kind === "weekly") values["schedule.weekday"] = String(schedule.weekday);
  if (schedule.kind === "monthly") values["schedule.day"] = String(schedule.day);
  Object.entries(filters.metadata).forEach(([key, value], index) => {
    values[`filters.metadata.${index}.key`] = key;
    values[`filters.metadata.${index}.value`] = value;
  });
  return {
    values,
    lists: {
      "filters.channels": filters.channels,
      "filters.teamIds": filters.teamIds,
      "filters.agentIds": filters.agentIds,
      "filters.queues": filters.queues,
      reviewerIds: settings.reviewerIds,
    },
  };
}

/** What was posted, as the form shows it again (checkbox groups keep every ticked box). */
export function typedRuleForm(fields: Record<string, string | string[]>): TypedRuleForm {
  const typed: TypedRuleForm = { values: {}, lists: {} };
  for (const [name, value] of Object.entries(fields)) {
    if (notRuleFields.has(name)) continue;
    if ((ruleListFields as readonly string[]).includes(name)) typed.lists[name] = Array.isArray(value) ? value : [value];
    else typed.values[name] = Array.isArray(value) ? (value[value.length - 1] ?? "") : value;
  }
  return typed;
}

/** How many metadata rows the form shows for these values: every filled one, one blank, at least three. */
export function metadataRowCount(values: Record<string, string>): number {
  let last = -1;
  for (const name of Object.keys(values)) {
    const match = /^filters\.metadata\.(\d+)\.(key|value)$/.exec(name);
    if (match && (values[name] ?? "").trim() !== "") last = Math.max(last, Number(match[1]));
  }
  return Math.min(MAX_METADATA_PAIRS, Math.max(MIN_METADATA_ROWS, last + 2));
}

export type ParsedRuleForm = { ok: true; settings: SamplingRuleSettings } | { ok: false; fieldErrors: Record<string, string> };

/**
 * A rule form post (`formToObject(form)`) into settings: minutes to milliseconds and the
 * comma-separated tags to a list, then `samplingRuleFormSchema`. Errors are keyed by the
 * name of the field that shows them.
 */
export function parseRuleForm(fields: Record<string, string | string[]>): ParsedRuleForm {
  const input: Record<string, string | string[]> = {};
  const fieldErrors: Record<string, string> = {};
  for (const [name, value] of Object.entries(fields)) {
    if (!notRuleFields.has(name) && name !== durationFields.min && name !== durationFields.max) input[name] = value;
  }
  input["filters.tags"] = splitTags(fields["filters.tags"]);
  for (const bound of ["min", "max"] as const) {
    const label = bound === "min" ? "Shortest" : "Longest";
    const text = single(fields[durationFields[bound]]).trim();
    if (text === "") continue;
    const minutes = Number(text.replace(",", "."));
    if (!Number.isFinite(minutes) || minutes < 0 || minutes > MAX_DURATION_MINUTES) {
      fieldErrors[durationFields[bound]] = `${label}: enter a number of minutes from 0 to ${MAX_DURATION_MINUTES}`;
    } else {
      input[durationMsFields[bound]] = String(Math.round(minutes * 60_000));
    }
  }
  const parsed = samplingRuleFormSchema.safeParse(input);
  if (parsed.success && Object.keys(fieldErrors).length === 0) return { ok: true, settings: parsed.data };
  if (!parsed.success) {
    for (const [name, message] of Object.entries(fieldErrorsOf(parsed.error.issues, { field: formFieldName }))) fieldErrors[name] ??= message;
  }
  return { ok: false, fieldErrors };
}

/** The schema's name for a duration is in milliseconds; the form's field is in minutes. */
function formFieldName(schemaPath: string): string {
  if (schemaPath === durationMsFields.min) return durationFields.min;
  if (schemaPath === durationMsFields.max) return durationFields.max;
  return schemaPath;
}

function single(value: string | string[] | undefined): string {
  if (value === undefined) return "";
  return Array.isArray(value) ? value.join(",") : value;
}

function splitTags(value: string | string[] | undefined): string[] {
  return single(value)
    .split(",")
    .map((tag) => tag.trim())
    .filter(Boolean);
}

/** The first error among these field names (a select's error may sit on `quota` or `quota.kind`). */
export function errorFor(fieldErrors: Record<string, string>, ...names: string[]): string | undefined {
  for (const name of names) if (fieldErrors[name]) return fieldErrors[name];
  return undefined;
}

/** The error for a checkbox group or for one of its items (`filters.agentIds.2`). */
export function listErrorFor(fieldErrors: Record<string, string>, name: string): string | undefined {
  if (fieldErrors[name]) return fieldErrors[name];
  const item = new RegExp(`^${name.replace(/\./g, "\\.")}\\.\\d+$`);
  for (const [key, message] of Object.entries(fieldErrors)) if (item.test(key)) return message;
  return undefined;
}
