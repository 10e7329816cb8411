/**
 * The settings page's form (/admin/settings) read into the organisation's settings. Pure, no
 * I/O. Form fields are strings (checkboxes "on" or absent, lists as repeated fields); this
 * schema turns them into the typed values and then holds them to `organisationSettingsSchema`,
 * so the page and every other writer share one set of limits. Issues keep the field names the
 * form uses (`disputeWindowDays`, `holidays.1`, …), which are the settings' own keys.
 */
import { z } from "zod";
import { organisationSettingsSchema, type OrganisationSettings } from "./organisation-settings";

/** Whether the runtime knows the zone (the page offers Intl's list; a script could send anything). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return zone.length > 0;
  } catch {
    return false;
  }
}

const asList = (value: unknown): string[] => (value === undefined ? [] : Array.isArray(value) ? value : [value]).map((item) => String(item).trim());
/** Rows left empty (the "add" row nobody filled in) are not entries. */
const nonEmptyList = (value: unknown) => asList(value).filter((item) => item !== "");
const checkbox = z.preprocess((value) => value === "on" || value === "true", z.boolean());
const wholeNumber = (what: string) =>
  z.preprocess(
    (value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : undefined),
    z.number({ error: `Enter ${what} as a whole number.` }).int(`Enter ${what} as a whole number.`),
  );

const formFields = z.object({
  timeZone: z.string({ error: "Pick the organisation's time zone." }).trim().refine(isTimeZone, "Pick a time zone from the list."),
  disputeWindowDays: wholeNumber("the number of days"),
  disputeResolutionDays: wholeNumber("the number of working days"),
  workingDays: z.preprocess(asList, z.array(z.coerce.number())),
  holidays: z.preprocess(nonEmptyList, z.array(z.string())),
  disputeSupervisorFirstLine: checkbox,
  disputeReasonCodes: z.preprocess(nonEmptyList, z.array(z.string())),
  disputeDecisionMayLower: checkbox,
  selfEvaluationEnabled: checkbox,
  defaultAcknowledgement: z.string(),
  // Only asked for with "required": otherwise whatever the hidden field holds is dropped.
  defaultAcknowledgementDays: z.preprocess((value) => (typeof value === "string" && value.trim() !== "" ? Number(value) : null), z.number().nullable()),
  emailFrom: z.preprocess((value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null), z.string().nullable()),
  csatMetadataKey: z.preprocess((value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null), z.string().nullable()),
  csatMetadataScale: z.preprocess((value) => (typeof value === "string" && value.trim() !== "" ? value.trim() : null), z.string().nullable()),
  arbiterIds: z.preprocess(nonEmptyList, z.array(z.uuid("Pick arbiters from the list."))),
});

export interface OrganisationSettingsInput extends OrganisationSettings {
  timeZone: string;
  /** Users who arbitrate disputes besides the QA leads. */
  arbiterIds: string[];
}

export const settingsFormSchema = formFields.transform((form, ctx): OrganisationSettingsInput => {
  const { timeZone, arbiterIds, ...rest } = form;
  const days = rest.defaultAcknowledgement === "required" ? rest.defaultAcknowledgementDays : null;
  const settings = organisationSettingsSchema.safeParse({ ...rest, defaultAcknowledgementDays: days });
  if (!settings.success) {
    for (const issue of settings.error.issues) ctx.issues.push({ code: "custom", message: issue.message, path: issue.path, input: undefined });
    return z.NEVER;
  }
  return { ...settings.data, timeZone, arbiterIds: [...new Set(arbiterIds)] };
});
