/**
 * The organisation's settings for what comes after the score (DESIGN.md "Disputes",
 * "Self-evaluation", "Notifications"): their shape, limits and defaults. Pure, no I/O; the
 * same limits are CHECK constraints in migration 20261214T090000, so neither the page nor a
 * script can store a value the other refuses.
 */
import { z } from "zod";
import { csatScales } from "../interactions/csat";
import { acknowledgementModes, MAX_ACKNOWLEDGEMENT_DAYS, MIN_ACKNOWLEDGEMENT_DAYS } from "../feedback/acknowledgement-rule";

/** ISO weekdays: 1 = Monday … 7 = Sunday (date-fns `getISODay`). */
export const isoWeekdays = [1, 2, 3, 4, 5, 6, 7] as const;

const isoDate = z.iso.date({ error: "Use a date such as 2026-12-25." });

export const organisationSettingsSchema = z
  .object({
    disputeWindowDays: z.int().min(1, "At least 1 day.").max(90, "At most 90 days."),
    disputeResolutionDays: z.int().min(1, "At least 1 working day.").max(30, "At most 30 working days."),
    workingDays: z
      .array(z.int().min(1).max(7))
      .min(1, "Pick at least one working day.")
      .transform((days) => [...new Set(days)].sort((a, b) => a - b)),
    holidays: z
      .array(isoDate)
      .max(100, "At most 100 holidays.")
      .transform((days) => [...new Set(days)].sort()),
    disputeSupervisorFirstLine: z.boolean(),
    disputeReasonCodes: z
      .array(z.string().trim().min(1, "A reason cannot be empty.").max(120, "Keep each reason under 120 characters."))
      .min(1, "Keep at least one reason.")
      .max(20, "At most 20 reasons."),
    disputeDecisionMayLower: z.boolean(),
    selfEvaluationEnabled: z.boolean(),
    defaultAcknowledgement: z.enum(acknowledgementModes),
    defaultAcknowledgementDays: z.int().min(MIN_ACKNOWLEDGEMENT_DAYS, `At least ${MIN_ACKNOWLEDGEMENT_DAYS} day.`).max(MAX_ACKNOWLEDGEMENT_DAYS, `At most ${MAX_ACKNOWLEDGEMENT_DAYS} days.`).nullable(),
    emailFrom: z.email("Use an address such as qa@example.com.").max(200).nullable(),
    /** The metadata key an import's CSAT answer is read from (issue 14 §8), and its scale. */
    csatMetadataKey: z.string().trim().min(1, "Enter the metadata key, or leave it empty.").max(100, "Keep the key under 100 characters.").nullable(),
    csatMetadataScale: z.enum(csatScales, { error: `Pick the survey's scale: ${csatScales.join(", ")}.` }).nullable(),
  })
  .refine((s) => (s.defaultAcknowledgement === "required") === (s.defaultAcknowledgementDays !== null), {
    path: ["defaultAcknowledgementDays"],
    error: "Give the number of days when acknowledgement is required, and only then.",
  })
  .refine((s) => s.csatMetadataKey === null || s.csatMetadataScale !== null, { path: ["csatMetadataScale"], error: "Pick the scale the survey answers on." })
  .refine((s) => s.csatMetadataScale === null || s.csatMetadataKey !== null, { path: ["csatMetadataKey"], error: "Enter the metadata key that holds the answer, or choose no scale." });

export type OrganisationSettings = z.output<typeof organisationSettingsSchema>;

/** What an organisation that never opened its settings has (the columns' defaults). */
export const defaultOrganisationSettings: OrganisationSettings = {
  disputeWindowDays: 14,
  disputeResolutionDays: 5,
  workingDays: [1, 2, 3, 4, 5],
  holidays: [],
  disputeSupervisorFirstLine: false,
  disputeReasonCodes: [
    "Answer does not match the conversation",
    "Question does not apply",
    "Customer or system caused it",
    "Followed the documented process",
  ],
  disputeDecisionMayLower: false,
  selfEvaluationEnabled: false,
  defaultAcknowledgement: "none",
  defaultAcknowledgementDays: null,
  emailFrom: null,
  csatMetadataKey: null,
  csatMetadataScale: null,
};
