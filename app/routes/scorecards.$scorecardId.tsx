import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import {
  type ClientActionFunctionArgs,
  Form,
  isRouteErrorResponse,
  Link,
  useActionData,
  useLoaderData,
  useNavigation,
  useSearchParams,
} from "@remix-run/react";
import { useState } from "react";
import { z } from "zod";
import { CsrfField } from "../components/csrf-field";
import { RouteErrorBoundary } from "../components/error-page";
import { ConfirmAction } from "../components/scorecard-builder/confirm-action";
import { DefinitionOutline } from "../components/scorecard-builder/definition-outline";
import { DraftEditor } from "../components/scorecard-builder/draft-editor";
import { HiddenQuestions } from "../components/scorecard-builder/hidden-questions";
import { SettingsFields, settingsValuesOf } from "../components/scorecard-builder/settings-fields";
import { VersionHistory } from "../components/scorecard-builder/version-history";
import { ScorecardForm } from "../components/scorecard-form/scorecard-form";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { DomainError, fieldErrorsOf } from "../lib/errors";
import { formatDateTime } from "../lib/time";
import { readForm } from "../lib/forms.server";
import { errorPage, formFailure, invalidFields, rethrowAsErrorPage, runUseCase } from "../lib/errors.server";
import { updateScorecardSettings } from "../modules/scorecards/create-scorecard.server";
import { discardScorecardDraft } from "../modules/scorecards/discard-scorecard-draft.server";
import { getScorecard } from "../modules/scorecards/get-scorecard.server";
import { listQuestionVisibility } from "../modules/scorecards/list-question-visibility.server";
import { publishScorecardDraft } from "../modules/scorecards/publish-scorecard-draft.server";
import { saveScorecardDraft } from "../modules/scorecards/save-scorecard-draft.server";
import { setHiddenQuestions } from "../modules/scorecards/set-hidden-questions.server";
import { type Answers, scorecardDefinitionSchema } from "../modules/scorecards/scorecard-definition.schema";
import { scorecardSettingsSchema } from "../modules/scorecards/scorecard-settings.schema";
import { setScorecardArchived } from "../modules/scorecards/set-scorecard-archived.server";
import { startScorecardDraft } from "../modules/scorecards/start-scorecard-draft.server";
import { getOrganisation } from "../modules/users/get-organisation.server";
import type { Viewer } from "../modules/users/roles";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.scorecard.name ?? "Scorecard"} · Parley` }];

const NOT_FOUND = "There is no scorecard at this address, or no such version of it.";
const paramsSchema = z.object({ scorecardId: z.uuid() });
const versionSchema = z.coerce.number().int().positive();
const revisionSchema = z.coerce.number({ error: "The form is missing the draft's revision; reload the page" }).int().min(0);
/** A definition is at most a few hundred kilobytes (50 sections × 100 questions); more is not a scorecard. */
const MAX_DEFINITION_CHARS = 2_000_000;

const actionSchema = z.discriminatedUnion(
  "intent",
  [
    scorecardSettingsSchema.extend({ intent: z.literal("settings") }),
    z.object({
      intent: z.literal("save"),
      definition: z.string({ error: "The form is missing the scorecard; reload the page" }).max(MAX_DEFINITION_CHARS, "This scorecard is too large to save"),
      revision: revisionSchema,
    }),
    z.object({ intent: z.literal("publish"), revision: revisionSchema }),
    z.object({ intent: z.literal("edit") }),
    z.object({ intent: z.literal("discard") }),
    z.object({ intent: z.literal("archive") }),
    z.object({ intent: z.literal("unarchive") }),
    z.object({
      intent: z.literal("visibility"),
      // Checkboxes: absent when none is ticked, a string for one, an array for several.
      hidden: z
        .union([z.string(), z.array(z.string())])
        .optional()
        .transform((value) => (value === undefined ? [] : Array.isArray(value) ? value : [value])),
    }),
  ],
  { error: "Unknown action; reload the page" },
);

function scorecardId(params: unknown): string {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw errorPage("not_found", NOT_FOUND);
  return parsed.data.scorecardId;
}

async function loadScorecard(viewer: Viewer, id: string, version?: number) {
  try {
    return await getScorecard(db(), viewer, id, { version });
  } catch (error) {
    rethrowAsErrorPage(error, { notFound: NOT_FOUND });
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "scorecards:manage");
  const id = scorecardId(params);
  const asked = new URL(request.url).searchParams.get("version");
  let version: number | undefined;
  if (asked !== null) {
    const parsed = versionSchema.safeParse(asked);
    if (!parsed.success) throw errorPage("bad_request", "The version in the address must be a whole number, like ?version=2.");
    version = parsed.data;
  }
  const [detail, organisation, questions] = await Promise.all([loadScorecard(viewer, id, version), getOrganisation(db()), listQuestionVisibility(db(), viewer, id)]);
  const published = detail.versions.filter((v) => v.status === "published").map((v) => v.version);
  const latestPublished = published.length > 0 ? Math.max(...published) : null;
  // The draft editor compares the draft with it, to say which questions reports will count anew.
  const publishedDefinition =
    detail.draft && latestPublished !== null ? (latestPublished === detail.shown.version ? detail.shown : (await loadScorecard(viewer, id, latestPublished)).shown).definition : null;
  return {
    scorecard: {
      id: detail.id,
      name: detail.name,
      description: detail.description,
      releaseMode: detail.releaseMode,
      acknowledgement: detail.acknowledgement,
      acknowledgementDays: detail.acknowledgementDays === null ? "" : String(detail.acknowledgementDays),
      archived: detail.archived,
    },
    versions: detail.versions.map((v) => ({
      version: v.version,
      status: v.status,
      publishedAt: v.publishedAt ? formatDateTime(v.publishedAt, organisation.timeZone) : null,
      publishedBy: v.publishedByName,
      evaluations: v.evaluations,
    })),
    draft: detail.draft ? { id: detail.draft.id, version: detail.draft.version, revision: detail.draft.revision, definition: detail.draft.definition } : null,
    shown: { version: detail.shown.version, status: detail.shown.status, definition: detail.shown.definition },
    editing: detail.draft !== null && detail.shown.id === detail.draft.id,
    latestPublished,
    publishedDefinition,
    questions,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "scorecards:manage");
  const id = scorecardId(params);
  await loadScorecard(viewer, id);
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const input = form.input;
  const back = (done: string) => redirect(`/scorecards/${id}?done=${done}`);

  if (input.intent === "save") {
    let raw: unknown;
    try {
      raw = JSON.parse(input.definition);
    } catch {
      return formFailure(new DomainError("bad_request", "The scorecard could not be read. Reload the page and try again."));
    }
    const parsed = scorecardDefinitionSchema.safeParse(raw);
    if (!parsed.success) {
      return formFailure(invalidFields(fieldErrorsOf(parsed.error.issues), "The draft was not saved: fix the problems marked in the builder, then save again."));
    }
    // The definition is not echoed back: the builder still has it.
    const saved = await runUseCase(new FormData(), () => saveScorecardDraft(db(), viewer, id, { definition: parsed.data, revision: input.revision }));
    if (!saved.ok) return saved.response;
    return { ok: true as const, intent: "save" as const, revision: saved.value.revision, message: "Draft saved." };
  }

  const result = await runUseCase(form.form, async () => {
    switch (input.intent) {
      case "settings": {
        const { intent: _intent, ...settings } = input;
        await updateScorecardSettings(db(), viewer, id, settings);
        return "settings";
      }
      case "visibility":
        await setHiddenQuestions(db(), viewer, id, input.hidden);
        return "visibility";
      case "publish":
        await publishScorecardDraft(db(), viewer, id, input.revision);
        return "published";
      case "edit":
        await startScorecardDraft(db(), viewer, id);
        return "draft";
      case "discard":
        await discardScorecardDraft(db(), viewer, id);
        return "discarded";
      case "archive":
      case "unarchive":
        if (input.intent === "unarchive") {
          await setScorecardArchived(db(), viewer, id, false);
          return "unarchived";
        }
        return (await setScorecardArchived(db(), viewer, id, true)).rulesPaused > 0 ? "archived-rules-paused" : "archived";
    }
  });
  if (!result.ok) return result.response;
  throw back(result.value);
}

/**
 * A save that never reached the server (network down) or failed there (500) must not replace
 * the builder, and the edits in it, with the error page: it answers like a refused save, so
 * the page keeps everything typed. Redirects and the server's own error pages pass through.
 */
export async function clientAction({ serverAction }: ClientActionFunctionArgs) {
  try {
    return await serverAction<typeof action>();
  } catch (error) {
    if (error instanceof Response || isRouteErrorResponse(error)) throw error;
    return {
      ok: false as const,
      message: "That did not go through: the server could not be reached or ran into a problem. Your edits are still on this page; try again.",
      fieldErrors: {} as Record<string, string>,
      values: {} as Record<string, string>,
    };
  }
}

function doneMessage(done: string | null, data: { latestPublished: number | null; draft: { version: number } | null }): string | null {
  switch (done) {
    case "created":
      return "Scorecard created with a first draft. Build it below, save it, then publish it.";
    case "settings":
      return "Settings saved.";
    case "visibility":
      return "Saved what agents see. It applies at once, to every evaluation of this scorecard.";
    case "published":
      return `Version ${data.latestPublished ?? ""} published. New evaluations use it, and it can no longer change.`;
    case "draft":
      return data.draft ? `Draft version ${data.draft.version} started from the latest version. Edit it, save it, then publish it.` : null;
    case "discarded":
      return "Draft discarded. The published version stays in use.";
    case "archived":
      return "Scorecard archived. It can no longer be chosen for new sampling rules or assignments.";
    case "archived-rules-paused":
      return "Scorecard archived. It can no longer be chosen for new sampling rules or assignments. The sampling rules that used it are paused: choose another scorecard for each and resume it.";
    case "unarchived":
      return "Scorecard unarchived. It can be chosen for new sampling rules and assignments again.";
    default:
      return null;
  }
}

export default function ScorecardPage() {
  const data = useLoaderData<typeof loader>();
  const { scorecard, versions, draft, shown, editing, latestPublished, publishedDefinition } = data;
  const failure = useActionData<typeof clientAction>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const [tryAnswers, setTryAnswers] = useState<Answers>({});
  const pageFailure = failure && !failure.ok ? failure : null;
  const settingsFailure = pageFailure && pageFailure.values.intent === "settings" ? pageFailure : null;
  const visibilityFailure = pageFailure && pageFailure.values.intent === "visibility" ? pageFailure : null;
  const busy = navigation.state === "submitting";
  const done = pageFailure ? null : doneMessage(params.get("done"), data);
  const settingsValues = settingsFailure
    ? settingsValuesOf(settingsFailure.values)
    : scorecard;
  const status = [
    draft ? `Draft version ${draft.version}` : null,
    latestPublished !== null ? `published version ${latestPublished}` : "never published",
    scorecard.archived ? "archived" : null,
  ]
    .filter(Boolean)
    .join(" · ");

  return (
    <>
      <p className="breadcrumb">
        <Link to="/scorecards">Scorecards</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>
            {scorecard.name} {scorecard.archived ? <span className="badge badge--archived">Archived</span> : null}
          </h1>
          <p className="muted">{status.charAt(0).toUpperCase() + status.slice(1)}</p>
        </div>
      </div>
      {done ? (
        <p className="alert alert--success" role="status">
          {done}
        </p>
      ) : null}
      {pageFailure && !settingsFailure && !visibilityFailure ? (
        <p className="alert alert--error" role="alert">
          {pageFailure.message}
        </p>
      ) : null}

      {editing && draft ? (
        <DraftEditor key={draft.id} draft={draft} latestPublished={latestPublished} publishedDefinition={publishedDefinition} busy={busy} />
      ) : (
        <section className="version-view" aria-labelledby="version-title">
          <div className="draft-editor__bar">
            <div>
              <h2 id="version-title">
                Version {shown.version} {shown.status === "published" ? "(published, read-only)" : "(draft)"}
              </h2>
              <p className="muted small">Published versions never change; every evaluation stays pinned to the version it was scored with.</p>
            </div>
            <div className="draft-editor__actions">
              {draft ? (
                <Link to={`/scorecards/${scorecard.id}`} className="button button--primary">
                  Go to the draft (version {draft.version})
                </Link>
              ) : (
                <Form method="post">
                  <CsrfField />
                  <button type="submit" name="intent" value="edit" className="button button--primary" disabled={busy} aria-describedby="edit-hint">
                    Edit (new draft)
                  </button>
                  <p className="field__hint" id="edit-hint">
                    Starts draft version {Math.max(...versions.map((v) => v.version)) + 1} as a copy of version {latestPublished ?? shown.version}.
                  </p>
                </Form>
              )}
            </div>
          </div>
          <div className="draft-editor__panes">
            <DefinitionOutline definition={shown.definition} />
            <section className="builder-preview" aria-labelledby="try-title">
              <h2 id="try-title">Preview</h2>
              <p className="field__hint">Answer it as a reviewer would to check the score. These answers are not saved.</p>
              <ScorecardForm key={shown.version} definition={shown.definition} answers={tryAnswers} onChange={setTryAnswers} />
            </section>
          </div>
        </section>
      )}

      <section aria-labelledby="versions-title" className="rule-page__section">
        <h2 id="versions-title">Versions</h2>
        <VersionHistory scorecardId={scorecard.id} versions={versions} shown={shown.version} />
      </section>

      <HiddenQuestions questions={data.questions} busy={busy} failure={visibilityFailure} />

      <section aria-labelledby="settings-title" className="rule-page__section">
        <h2 id="settings-title">Settings</h2>
        <p className="muted">Not versioned: a change applies at once, to every version.</p>
        <Form method="post" className="form" noValidate key={`${scorecard.name}|${scorecard.description}|${scorecard.releaseMode}|${scorecard.acknowledgement}|${scorecard.acknowledgementDays}`}>
          <CsrfField />
          <input type="hidden" name="intent" value="settings" />
          {settingsFailure ? (
            <p className="alert alert--error" role="alert">
              {settingsFailure.message}
            </p>
          ) : null}
          <SettingsFields idPrefix="settings" values={settingsValues} fieldErrors={settingsFailure?.fieldErrors ?? {}} />
          <div>
            <button type="submit" className="button" disabled={busy}>
              Save settings
            </button>
          </div>
        </Form>
      </section>

      <section className="danger-zone" aria-labelledby="archive-title">
        <h2 id="archive-title">{scorecard.archived ? "Archived" : "Archive"}</h2>
        {scorecard.archived ? (
          <>
            <p>This scorecard is archived: it cannot be chosen for new sampling rules or assignments.</p>
            <ConfirmAction label="Unarchive…" title={`Unarchive “${scorecard.name}”?`} intent="unarchive" confirmLabel="Unarchive" busy={busy}>
              <p>
                It can be chosen for new sampling rules and assignments again. Its versions and evaluations are unchanged. Sampling rules
                paused when it was archived stay paused until you resume them.
              </p>
            </ConfirmAction>
          </>
        ) : (
          <>
            <p>Archive a scorecard you no longer use. Its versions, evaluations and open assignments stay as they are.</p>
            <ConfirmAction label="Archive…" title={`Archive “${scorecard.name}”?`} intent="archive" confirmLabel="Archive" tone="danger" busy={busy}>
              <p>
                It can no longer be chosen for new sampling rules or assignments, and the sampling rules that use it are paused until you
                choose another scorecard for them and resume them. Evaluations already scored with it, open assignments and its versions stay
                as they are, and you can unarchive it at any time.
              </p>
            </ConfirmAction>
          </>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
