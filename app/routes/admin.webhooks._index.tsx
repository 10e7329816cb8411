import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "../components/error-page";
import { OneTimeSecret } from "../components/one-time-secret";
import { WebhookForm } from "../components/webhooks/webhook-form";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { runUseCase } from "../lib/errors.server";
import { readForm } from "../lib/forms.server";
import { formatDateTime } from "../lib/time";
import { getOrganisation } from "../modules/users/get-organisation.server";
import { createWebhook } from "../modules/webhooks/create-webhook.server";
import { listWebhooks } from "../modules/webhooks/list-webhooks.server";

export const meta: MetaFunction = () => [{ title: "Webhooks · Parley" }];

// The form's fields are checked by the use case (and the SSRF guard), which names each field.
const actionSchema = z.object({ intent: z.literal("create"), url: z.string().default(""), description: z.string().default(""), events: z.unknown() });

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "webhooks:manage");
  const [webhooks, organisation] = await Promise.all([listWebhooks(db(), viewer), getOrganisation(db())]);
  return {
    webhooks: webhooks.map((webhook) => ({ ...webhook, createdAt: formatDateTime(webhook.createdAt, organisation.timeZone) })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "webhooks:manage");
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const { url, description, events } = form.input;
  const created = await runUseCase(form.form, () => createWebhook(db(), viewer, { url, description, events }));
  if (!created.ok) return created.response;
  // The secret leaves the server this once.
  return { ok: true as const, id: created.value.id, url: url.trim(), secret: created.value.secret };
}

export default function Webhooks() {
  const { webhooks } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : null;
  const created = result?.ok ? result : null;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Webhooks</h1>
          <p className="muted">
            Parley posts a signed JSON message to each URL when an event it subscribes to happens, and retries for about a day
            when the receiver is down. How to verify the signature is in the API documentation (<code>docs/api.md</code>).
          </p>
        </div>
      </div>
      {created ? (
        <OneTimeSecret title="Webhook registered" label="Signing secret" secret={created.secret}>
          <p>
            <strong>Copy the secret now: this is the only time it is shown.</strong> The receiver uses it to check that a message
            comes from Parley. <Link to={`/admin/webhooks/${created.id}`}>Open the webhook</Link> to send a test event.
          </p>
        </OneTimeSecret>
      ) : null}
      {failure && failure.code !== "invalid" ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}
      {webhooks.length === 0 ? (
        <p className="empty-state">No webhooks yet. Register one below to tell another system when reviews are submitted, released or acknowledged.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Webhooks, newest first</caption>
            <thead>
              <tr>
                <th scope="col">URL</th>
                <th scope="col">Events</th>
                <th scope="col">Status</th>
                <th scope="col" className="num">
                  Failed (24 h)
                </th>
                <th scope="col">Registered</th>
              </tr>
            </thead>
            <tbody>
              {webhooks.map((webhook) => (
                <tr key={webhook.id}>
                  <td>
                    <Link to={`/admin/webhooks/${webhook.id}`}>{webhook.url}</Link>
                    {webhook.description ? <div className="small muted">{webhook.description}</div> : null}
                  </td>
                  <td>{webhook.events.join(", ")}</td>
                  <td>{webhook.enabled ? <span className="badge">Enabled</span> : <span className="badge badge--failed">Disabled</span>}</td>
                  <td className="num">{webhook.failedLastDay}</td>
                  <td>{webhook.createdAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="new-webhook-title" className="panel panel--form">
        <h2 id="new-webhook-title">New webhook</h2>
        {failure?.code === "invalid" ? (
          <p className="alert alert--error" role="alert">
            {failure.message}
          </p>
        ) : null}
        <WebhookForm
          key={created?.id ?? "new"}
          intent="create"
          initial={{ url: failure?.values.url ?? "", description: failure?.values.description ?? "", events: [] }}
          errors={failure?.fieldErrors ?? {}}
          submitLabel="Register webhook"
        />
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
