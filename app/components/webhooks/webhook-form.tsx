import { Form, useNavigation } from "@remix-run/react";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";
import { webhookEventLabels, webhookEventTypes } from "../../modules/webhooks/webhook-events";

export interface WebhookFormValues {
  url: string;
  description: string;
  events: readonly string[];
}

/** Registering or changing a webhook: its URL, a note, and the events it receives. */
export function WebhookForm({
  intent,
  initial,
  errors,
  submitLabel,
}: {
  intent: "create" | "update";
  initial: WebhookFormValues;
  errors: Record<string, string | undefined>;
  submitLabel: string;
}) {
  const navigation = useNavigation();
  const eventsError = errors.events ?? Object.entries(errors).find(([key]) => key.startsWith("events."))?.[1];
  return (
    <Form method="post" className="form" noValidate>
      <CsrfField />
      <input type="hidden" name="intent" value={intent} />
      <div className="field">
        <label htmlFor="webhook-url">URL</label>
        <p className="field__hint" id="webhook-url-hint">
          Where Parley posts events, e.g. https://hooks.example.com/parley. It must reach a public address.
        </p>
        <input
          id="webhook-url"
          name="url"
          type="url"
          required
          maxLength={2000}
          defaultValue={initial.url}
          aria-invalid={errors.url ? true : undefined}
          aria-describedby="webhook-url-hint webhook-url-error"
        />
        <FieldError id="webhook-url-error" message={errors.url} />
      </div>
      <div className="field">
        <label htmlFor="webhook-description">Description (optional)</label>
        <input id="webhook-description" name="description" maxLength={200} defaultValue={initial.description} aria-describedby="webhook-description-error" />
        <FieldError id="webhook-description-error" message={errors.description} />
      </div>
      <fieldset className="field" aria-describedby="webhook-events-error">
        <legend>Events</legend>
        {webhookEventTypes.map((type) => (
          <label key={type} className="check">
            <input type="checkbox" name="events" value={type} defaultChecked={initial.events.includes(type)} /> <code>{type}</code> —{" "}
            {webhookEventLabels[type]}
          </label>
        ))}
        <FieldError id="webhook-events-error" message={eventsError} />
      </fieldset>
      <button type="submit" className="button button--primary" disabled={navigation.state !== "idle"}>
        {submitLabel}
      </button>
    </Form>
  );
}
