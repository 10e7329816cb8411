import { DomainError, fieldErrorsOf } from "../../lib/errors";
import { webhookInputSchema, type WebhookFields, type WebhookInput } from "./webhook.schema";
import { assertWebhookUrl } from "./webhook-url.server";

/** The form checked (422 per field), then the URL checked against the SSRF guard, DNS included. */
export async function parseWebhookInput(raw: WebhookInput): Promise<WebhookFields> {
  const parsed = webhookInputSchema.safeParse(raw);
  if (!parsed.success) {
    const fieldErrors = fieldErrorsOf(parsed.error.issues);
    throw new DomainError("invalid", Object.values(fieldErrors).join(" "), fieldErrors);
  }
  // Stored as typed (trimmed): URL's serialisation would add a trailing slash the admin did not write.
  await assertWebhookUrl(parsed.data.url);
  return parsed.data;
}
