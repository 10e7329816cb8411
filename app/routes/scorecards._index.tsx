import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfField } from "../components/csrf-field";
import { RouteErrorBoundary } from "../components/error-page";
import { SettingsFields, settingsValuesOf } from "../components/scorecard-builder/settings-fields";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { readForm } from "../lib/forms.server";
import { runUseCase } from "../lib/errors.server";
import { createScorecard } from "../modules/scorecards/create-scorecard.server";
import { getOrganisationSettings } from "../modules/organisation/get-organisation-settings.server";
import { listScorecards } from "../modules/scorecards/list-scorecards.server";
import { releaseModeLabels, scorecardSettingsSchema } from "../modules/scorecards/scorecard-settings.schema";

export const meta: MetaFunction = () => [{ title: "Scorecards · Parley" }];

const actionSchema = z.discriminatedUnion("intent", [scorecardSettingsSchema.extend({ intent: z.literal("create") })], {
  error: "Unknown action; reload the page",
});

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "scorecards:manage");
  const includeArchived = new URL(request.url).searchParams.get("archived") === "1";
  const [scorecards, organisation] = await Promise.all([listScorecards(db(), viewer, { includeArchived }), getOrganisationSettings(db())]);
  return {
    includeArchived,
    // A new scorecard starts with the organisation's acknowledgement defaults (/admin/settings).
    newScorecard: {
      acknowledgement: organisation.defaultAcknowledgement,
      acknowledgementDays: organisation.defaultAcknowledgementDays === null ? "" : String(organisation.defaultAcknowledgementDays),
    },
    scorecards: scorecards.map((scorecard) => ({
      id: scorecard.id,
      name: scorecard.name,
      description: scorecard.description,
      archived: scorecard.archived,
      latestPublished: scorecard.latestPublished,
      draftVersion: scorecard.draftVersion,
      evaluations: scorecard.evaluations,
      releaseMode: releaseModeLabels[scorecard.releaseMode],
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "scorecards:manage");
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const { intent: _intent, ...settings } = form.input;
  const created = await runUseCase(form.form, () => createScorecard(db(), viewer, settings));
  if (!created.ok) return created.response;
  throw redirect(`/scorecards/${created.value.id}?done=created`);
}

export default function Scorecards() {
  const { scorecards, includeArchived, newScorecard } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const navigation = useNavigation();
  const creating = navigation.state === "submitting" && navigation.formData?.get("intent") === "create";
  const values = failure
    ? settingsValuesOf(failure.values)
    : { name: "", description: "", releaseMode: "immediate", ...newScorecard };

  return (
    <>
      <div className="page-header">
        <div>
          <h1>Scorecards</h1>
          <p className="muted">The forms reviewers score conversations with. Each change is published as a new version.</p>
        </div>
        <div className="page-header__actions">
          <Link to={includeArchived ? "/scorecards" : "/scorecards?archived=1"} className="button">
            {includeArchived ? "Hide archived" : "Show archived"}
          </Link>
        </div>
      </div>
      {scorecards.length === 0 ? (
        <div className="empty-state">
          <p>
            <strong>{includeArchived ? "No scorecards yet." : "No scorecards in use."}</strong>
          </p>
          <p>
            A scorecard is the form QA specialists fill in for each conversation: sections of yes/no, scale and choice questions, each with a
            weight, some critical, plus notes and root-cause tags. You build it as a draft, try it in the preview, then publish it; published
            versions never change, and every evaluation stays pinned to the version it was scored with.
          </p>
          <p>Create the first one below.</p>
        </div>
      ) : (
        <div className="table-wrap">
          <table className="table scorecard-table">
            <caption className="visually-hidden">Scorecards, by name</caption>
            <thead>
              <tr>
                <th scope="col">Scorecard</th>
                <th scope="col">Published</th>
                <th scope="col">Draft</th>
                <th scope="col" className="num">
                  Evaluations
                </th>
                <th scope="col">Agents see evaluations</th>
              </tr>
            </thead>
            <tbody>
              {scorecards.map((scorecard) => (
                <tr key={scorecard.id}>
                  <td>
                    <Link to={`/scorecards/${scorecard.id}`}>{scorecard.name}</Link>
                    {scorecard.archived ? <span className="badge badge--archived">Archived</span> : null}
                    {scorecard.description ? <span className="muted small block">{scorecard.description}</span> : null}
                  </td>
                  <td>{scorecard.latestPublished !== null ? `Version ${scorecard.latestPublished}` : <span className="muted">Not published yet</span>}</td>
                  <td>
                    {scorecard.draftVersion !== null ? (
                      <span className="badge badge--version-draft">Draft version {scorecard.draftVersion}</span>
                    ) : (
                      <span className="muted">None</span>
                    )}
                  </td>
                  <td className="num">{scorecard.evaluations}</td>
                  <td>{scorecard.releaseMode}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <section aria-labelledby="new-scorecard-title" className="panel panel--form">
        <h2 id="new-scorecard-title">New scorecard</h2>
        <p className="muted">It starts as a draft with one section and one yes/no question, ready to build.</p>
        <Form method="post" className="form" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="create" />
          {failure ? (
            <p className="alert alert--error" role="alert">
              {failure.message}
            </p>
          ) : null}
          <SettingsFields idPrefix="new-scorecard" values={values} fieldErrors={failure?.fieldErrors ?? {}} />
          <div>
            <button type="submit" className="button button--primary" disabled={creating}>
              {creating ? "Creating…" : "Create scorecard"}
            </button>
          </div>
        </Form>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
