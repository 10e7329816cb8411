import { z } from "zod";
import { webhookEventTypes } from "./webhook-events";

/** One schema for the admin page's form and the use cases (a browser sends `events` as repeated checkboxes). */
export const webhookInputSchema = z.object({
  url: z.string({ error: "Enter the URL to post events to" }).trim().min(1, "Enter the URL to post events to").max(2000, "Use at most 2,000 characters"),
  description: z.string().trim().max(200, "Use at most 200 characters").default(""),
  events: z.preprocess(
    (value: unknown): unknown[] => (value === undefined ? [] : Array.isArray(value) ? (value as unknown[]) : [value]),
    z.array(z.enum(webhookEventTypes, { error: `Choose among ${webhookEventTypes.join(", ")}` })).min(1, "Choose at least one event"),
  ),
});

export type WebhookInput = z.input<typeof webhookInputSchema>;
export type WebhookFields = z.output<typeof webhookInputSchema>;
