/** Fields of the forms that act on one assignment (skip, replace, reassign), shared by My queue and the lead's dashboard. */
import { z } from "zod";

export const MAX_SKIP_REASON = 500;

export const skipReasonSchema = z
  .string({ error: "Give a reason" })
  .trim()
  .min(1, "Give a reason, for example “no audio”")
  .max(MAX_SKIP_REASON, `Keep the reason to ${MAX_SKIP_REASON} characters`);
