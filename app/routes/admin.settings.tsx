import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { OrganisationSettingsForm } from "../components/admin/organisation-settings-form";
import { RouteErrorBoundary } from "../components/error-page";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { runUseCase } from "../lib/errors.server";
import { readForm } from "../lib/forms.server";
import { getSettingsPage } from "../modules/organisation/get-settings-page.server";
import { settingsFormSchema } from "../modules/organisation/settings-form.schema";
import { updateOrganisationSettings } from "../modules/organisation/update-organisation-settings.server";

export const meta: MetaFunction = () => [{ title: "Settings · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "settings:manage");
  const page = await getSettingsPage(db(), viewer);
  return { ...page, timeZones: Intl.supportedValuesOf("timeZone") };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "settings:manage");
  const form = await readForm(request, settingsFormSchema);
  if (!form.ok) return form.response;
  const input = form.input;
  const result = await runUseCase(form.form, () => updateOrganisationSettings(db(), viewer, input));
  if (!result.ok) return result.response;
  const count = result.value.changed.length;
  return { ok: true as const, message: count === 0 ? "Nothing changed." : `Settings saved (${count} changed).` };
}

export default function Settings() {
  const page = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const failure = result && !result.ok ? result : null;
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Organisation settings</h1>
          <p className="muted">What comes after the score: acknowledgement, self-evaluation, disputes and notification email.</p>
        </div>
      </div>
      {result?.ok ? (
        <p className="alert alert--success" role="status">
          {result.message}
        </p>
      ) : null}
      {failure ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}
      {/* Remounted when the stored values change (a save, once the page's data is reloaded), so the fields show them as stored; a refused save changes nothing stored and keeps what was typed. */}
      <OrganisationSettingsForm
        key={JSON.stringify([page.settings, page.arbiterIds])}
        settings={page.settings}
        arbiterIds={page.arbiterIds}
        arbiterCandidates={page.arbiterCandidates.map((candidate) => ({ value: candidate.id, label: candidate.label }))}
        timeZones={page.timeZones}
        fieldErrors={failure?.fieldErrors ?? {}}
        saving={navigation.state === "submitting"}
      />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
