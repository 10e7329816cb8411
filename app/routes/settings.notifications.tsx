import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { CsrfField } from "../components/csrf-field";
import { RouteErrorBoundary } from "../components/error-page";
import { requireViewer } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { runUseCase } from "../lib/errors.server";
import { readForm } from "../lib/forms.server";
import { getConfig } from "../../server/config";
import { emailPreferencesFormSchema, emailPreferencesFromForm } from "../modules/notifications/email-preferences";
import { getEmailPreferences, saveEmailPreferences } from "../modules/notifications/email-preferences.server";
import { notificationKindLabels, notificationKinds } from "../modules/notifications/notification-kinds";

export const meta: MetaFunction = () => [{ title: "Notification settings · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const preferences = await getEmailPreferences(db(), viewer);
  return {
    email: viewer.email,
    emailConfigured: Boolean(getConfig().SMTP_URL),
    kinds: notificationKinds.map((kind) => ({ kind, label: notificationKindLabels[kind], email: preferences[kind] })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const form = await readForm(request, emailPreferencesFormSchema);
  if (!form.ok) return form.response;
  const saved = await runUseCase(form.form, () => saveEmailPreferences(db(), viewer, emailPreferencesFromForm(form.input.email)));
  if (!saved.ok) return saved.response;
  return { ok: true as const };
}

export default function NotificationSettings() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <div className="page--narrow">
      <div className="page-header">
        <div>
          <h1>Notification settings</h1>
          <p className="muted">
            Everything arrives in your <Link to="/notifications">notifications</Link>. Choose which kinds also come by email to {data.email}.
          </p>
        </div>
      </div>
      {data.emailConfigured ? null : (
        <p className="alert alert--info" role="note">
          This installation has no mail server configured, so no email is sent for now. Your choices are kept for when one is.
        </p>
      )}
      {result && result.ok ? (
        <p className="alert alert--success" role="status">
          Saved.
        </p>
      ) : null}
      {result && !result.ok ? (
        <p className="alert alert--error" role="alert">
          {result.message}
        </p>
      ) : null}
      <Form method="post">
        <CsrfField />
        <fieldset className="preferences">
          <legend>Send me an email for</legend>
          {data.kinds.map((kind) => (
            <label key={kind.kind}>
              <input type="checkbox" name="email" value={kind.kind} defaultChecked={kind.email} />
              {kind.label}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button--primary" disabled={busy}>
          Save
        </button>
      </Form>
    </div>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
