import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, redirect, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { CsrfField } from "../components/csrf-field";
import { KeysetPager, keysetListErrorBoundary } from "../components/keyset-pager";
import { OneTimeSecret } from "../components/one-time-secret";
import { WebhookForm } from "../components/webhooks/webhook-form";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { errorPage, rethrowAsErrorPage, runUseCase } from "../lib/errors.server";
import { readForm } from "../lib/forms.server";
import { formatDateTime } from "../lib/time";
import { getOrganisation } from "../modules/users/get-organisation.server";
import { deleteWebhook } from "../modules/webhooks/delete-webhook.server";
import { getWebhookWithDeliveries } from "../modules/webhooks/list-webhooks.server";
import { rotateWebhookSecret } from "../modules/webhooks/rotate-webhook-secret.server";
import { sendTestEvent } from "../modules/webhooks/send-test-event.server";
import { setWebhookEnabled, updateWebhook } from "../modules/webhooks/update-webhook.server";

export const meta: MetaFunction = () => [{ title: "Webhook · Parley" }];

const paramsSchema = z.object({ webhookId: z.uuid() });
const actionSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("update"), url: z.string().default(""), description: z.string().default(""), events: z.unknown() }),
  z.object({ intent: z.literal("enable") }),
  z.object({ intent: z.literal("disable") }),
  z.object({ intent: z.literal("rotate") }),
  z.object({ intent: z.literal("test") }),
  z.object({ intent: z.literal("delete") }),
]);

function webhookIdOf(params: LoaderFunctionArgs["params"]): string {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw errorPage("not_found", "Webhook not found");
  return parsed.data.webhookId;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "webhooks:manage");
  const webhookId = webhookIdOf(params);
  const cursor = new URL(request.url).searchParams.get("cursor");
  const [page, organisation] = await Promise.all([
    // A malformed page link is 400 (the error boundary offers the first page); an unknown webhook 404.
    getWebhookWithDeliveries(db(), viewer, webhookId, { cursor }).catch((error: unknown) => rethrowAsErrorPage(error)),
    getOrganisation(db()),
  ]);
  const when = (date: Date | null) => (date ? formatDateTime(date, organisation.timeZone) : null);
  const { webhook, deliveries, nextCursor } = page;
  return {
    webhook: { ...webhook, createdAt: when(webhook.createdAt), secretRotatedAt: when(webhook.secretRotatedAt) },
    deliveries: deliveries.map((d) => ({
      ...d,
      createdAt: when(d.createdAt),
      nextAttemptAt: when(d.nextAttemptAt),
      attemptLog: d.attemptLog.map((a) => ({ ...a, attemptedAt: when(a.attemptedAt) })),
    })),
    firstHref: cursor ? `/admin/webhooks/${webhookId}` : null,
    nextHref: nextCursor ? `/admin/webhooks/${webhookId}?cursor=${encodeURIComponent(nextCursor)}` : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "webhooks:manage");
  const webhookId = webhookIdOf(params);
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const input = form.input;
  const result = await runUseCase(form.form, async () => {
    switch (input.intent) {
      case "update":
        await updateWebhook(db(), viewer, webhookId, { url: input.url, description: input.description, events: input.events });
        return { message: "Webhook saved.", secret: null };
      case "enable":
      case "disable":
        await setWebhookEnabled(db(), viewer, webhookId, input.intent === "enable");
        return { message: input.intent === "enable" ? "Webhook enabled." : "Webhook disabled: events are no longer sent to it.", secret: null };
      case "rotate":
        return { message: "New secret made; the old one no longer signs.", secret: (await rotateWebhookSecret(db(), viewer, webhookId)).secret };
      case "test":
        await sendTestEvent(db(), viewer, webhookId);
        return { message: "Test event queued: it appears in the log below within seconds.", secret: null };
      case "delete":
        await deleteWebhook(db(), viewer, webhookId);
        return null;
    }
  });
  if (!result.ok) return result.response;
  if (result.value === null) throw redirect("/admin/webhooks");
  return { ok: true as const, intent: input.intent, ...result.value };
}

const statusLabels = { pending: "Retrying", delivered: "Delivered", failed: "Failed", cancelled: "Cancelled" } as const;

export default function WebhookPage() {
  const { webhook, deliveries, firstHref, nextHref } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const busy = navigation.state !== "idle";
  const failure = result && !result.ok ? result : null;
  const done = result?.ok ? result : null;
  const [confirming, setConfirming] = useState(false);
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    if (confirming) dialog.current?.showModal();
  }, [confirming]);

  return (
    <>
      <p className="small">
        <Link to="/admin/webhooks">← Webhooks</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{webhook.url}</h1>
          <p className="muted">
            {webhook.enabled ? "Enabled" : "Disabled"} · registered {webhook.createdAt}
            {webhook.secretRotatedAt ? ` · secret changed ${webhook.secretRotatedAt}` : ""}
          </p>
        </div>
      </div>
      {done?.secret ? (
        <OneTimeSecret title="New signing secret" label="Signing secret" secret={done.secret}>
          <p>
            <strong>Copy it now: this is the only time it is shown.</strong> Put it in the receiver: deliveries from now on, retries
            included, are signed with it.
          </p>
        </OneTimeSecret>
      ) : done ? (
        <p className="alert alert--success" role="status">
          {done.message}
        </p>
      ) : null}
      {failure && failure.values.intent !== "update" ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}

      <div className="inline-form" role="group" aria-label="Webhook actions">
        <IntentButton intent="test" label="Send test event" disabled={busy || !webhook.enabled} />
        <IntentButton intent={webhook.enabled ? "disable" : "enable"} label={webhook.enabled ? "Disable" : "Enable"} disabled={busy} />
        <IntentButton intent="rotate" label="Rotate secret" disabled={busy} />
        <button type="button" className="button button--danger" onClick={() => setConfirming(true)}>
          Delete…
        </button>
      </div>

      <dialog ref={dialog} aria-labelledby="delete-title" className="dialog" onClose={() => setConfirming(false)}>
        {confirming ? (
          <>
            <h3 id="delete-title">Delete this webhook?</h3>
            <p>Events are no longer sent to {webhook.url}, and its delivery log is deleted with it. This cannot be undone.</p>
            <div className="dialog__actions">
              <button type="button" className="button" onClick={() => dialog.current?.close()}>
                Cancel
              </button>
              <Form method="post">
                <CsrfField />
                <button type="submit" name="intent" value="delete" className="button button--danger" disabled={busy}>
                  Delete webhook
                </button>
              </Form>
            </div>
          </>
        ) : null}
      </dialog>

      <section aria-labelledby="deliveries-title">
        <h2 id="deliveries-title">Deliveries</h2>
        {deliveries.length === 0 ? (
          <p className="empty-state">Nothing sent yet. Use “Send test event” to check that the receiver answers.</p>
        ) : (
          <div className="table-wrap">
            <table className="table">
              <caption className="visually-hidden">Deliveries, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Event</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">
                    Attempts
                  </th>
                  <th scope="col">Response</th>
                  <th scope="col">Created</th>
                </tr>
              </thead>
              <tbody>
                {deliveries.map((d) => (
                  <tr key={d.id}>
                    <td>
                      <code>{d.eventType}</code>
                    </td>
                    <td>
                      <span className={d.status === "failed" ? "badge badge--failed" : "badge"}>{statusLabels[d.status]}</span>
                      {d.status === "pending" && d.nextAttemptAt ? <div className="small muted">next try {d.nextAttemptAt}</div> : null}
                    </td>
                    <td className="num">{d.attempts}</td>
                    <td>
                      {d.lastResponseStatus ?? (d.lastError ? "—" : "")}
                      {d.attemptLog.length > 0 ? (
                        <details>
                          <summary className="small">Each attempt</summary>
                          <ol className="small">
                            {d.attemptLog.map((a) => (
                              <li key={a.attempt}>
                                {a.attemptedAt}: {a.responseStatus ?? "no answer"}
                                {a.error ? ` (${a.error})` : ""}, {a.durationMs} ms
                              </li>
                            ))}
                          </ol>
                        </details>
                      ) : null}
                    </td>
                    <td>{d.createdAt}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <KeysetPager firstHref={firstHref} nextHref={nextHref} />
      </section>

      <section aria-labelledby="edit-title" className="panel panel--form">
        <h2 id="edit-title">Settings</h2>
        <WebhookForm
          intent="update"
          initial={{
            url: failure?.values.intent === "update" ? (failure.values.url ?? "") : webhook.url,
            description: failure?.values.intent === "update" ? (failure.values.description ?? "") : webhook.description,
            events: webhook.events,
          }}
          errors={failure?.values.intent === "update" ? failure.fieldErrors : {}}
          submitLabel="Save"
        />
      </section>
    </>
  );
}

/** One action of the webhook, posted on its own. */
function IntentButton({ intent, label, disabled }: { intent: string; label: string; disabled: boolean }) {
  return (
    <Form method="post">
      <CsrfField />
      <button type="submit" name="intent" value={intent} className="button" disabled={disabled}>
        {label}
      </button>
    </Form>
  );
}

export const ErrorBoundary = keysetListErrorBoundary("/admin/webhooks", "Back to webhooks");
