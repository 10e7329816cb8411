import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, type ShouldRevalidateFunction, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { CsrfField } from "../components/csrf-field";
import { RouteErrorBoundary } from "../components/error-page";
import { DeleteRuleSection } from "../components/sampling/delete-rule";
import { RuleForm } from "../components/sampling/rule-form";
import {
  parseRuleForm,
  ruleFormChoices,
  ruleFormFromSettings,
  typedRuleForm,
  type RuleFormChoices,
  type TypedRuleForm,
} from "../components/sampling/rule-form-values";
import { RuleRunsSection } from "../components/sampling/rule-runs-table";
import { SamplePreview, toPreviewView } from "../components/sampling/sample-preview";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { formatDateTime } from "../lib/time";
import { formToObject, readForm, readFormData } from "../lib/forms.server";
import { errorPage, type FormFailure, formFailure, invalidFields, rethrowAsErrorPage, runUseCase } from "../lib/errors.server";
import { describeSchedule, describeTrigger, runStatusLabels } from "../modules/sampling/describe-rule";
import { getRuleSettings, type StoredRule } from "../modules/sampling/get-rule-settings.server";
import { listRuleRuns } from "../modules/sampling/list-rule-runs.server";
import { previewSamplingRule } from "../modules/sampling/preview-sampling-rule.server";
import { loadRuleFormOptions, type RuleFormOptions } from "../modules/sampling/rule-form-options.server";
import { runSamplingRule } from "../modules/sampling/run-sampling-rule.server";
import { countRuleWork } from "../modules/sampling/rule-work-counts.server";
import { setSamplingRuleActive, updateSamplingRule } from "../modules/sampling/save-sampling-rule.server";
import { getOrganisation } from "../modules/users/get-organisation.server";
import { getUser } from "../modules/users/list-users.server";
import type { Viewer } from "../modules/users/roles";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.rule.name ?? "Sampling rule"} · Parley` }];

const NOT_FOUND = "There is no sampling rule at this address. It may have been deleted.";
const RUNS_PER_PAGE = 20;
const paramsSchema = z.object({ ruleId: z.uuid() });
const searchSchema = z.object({
  runsBefore: z.preprocess((value) => (value === "" ? undefined : value), z.uuid({ error: "The page link is malformed; go back to the newest runs" }).optional()),
});
const ruleFormIntents = ["save", "preview"] as const;
// Deleting has its own route (sampling.$ruleId_.delete.tsx), which also serves the page without JavaScript.
const actionSchema = z.object({
  intent: z.enum([...ruleFormIntents, "run", "pause", "resume"], { error: "Unknown action; reload the page" }),
});

async function loadRule(params: unknown): Promise<StoredRule> {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw errorPage("not_found", NOT_FOUND);
  try {
    return await getRuleSettings(db(), parsed.data.ruleId);
  } catch (error) {
    rethrowAsErrorPage(error, { notFound: NOT_FOUND });
  }
}

/** Choices the saved rule names that are no longer on offer, so the form shows them instead of dropping them. */
async function stillNamed(viewer: Viewer, rule: StoredRule, options: RuleFormOptions): Promise<Partial<RuleFormChoices>> {
  const missing = (ids: string[], offered: { id: string }[]) => ids.filter((id) => !offered.some((item) => item.id === id));
  const people = (ids: string[], note: string) =>
    Promise.all(ids.map(async (id) => ({ value: id, label: `${(await getUser(db(), viewer, id))?.name ?? "Unknown person"} (${note})` })));
  const { filters, reviewerIds, scorecardId } = rule.settings;
  return {
    scorecards: missing([scorecardId], options.scorecards).map((id) => ({ value: id, label: "The current scorecard (no longer published)" })),
    agents: await people(missing(filters.agentIds, options.agents), "inactive"),
    reviewers: await people(missing(reviewerIds, options.reviewers), "no longer an active reviewer: untick to save"),
    teams: missing(filters.teamIds, options.teams).map((id) => ({ value: id, label: "Unknown team" })),
    queues: filters.queues.filter((queue) => !options.queues.includes(queue)).map((queue) => ({ value: queue, label: queue })),
  };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "sampling:manage");
  const rule = await loadRule(params);
  const search = searchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!search.success) throw errorPage("bad_request", search.error.issues[0]?.message ?? "The page link is malformed");
  const { runsBefore } = search.data;
  const [organisation, options, runs, work] = await Promise.all([
    getOrganisation(db()),
    loadRuleFormOptions(db(), viewer),
    listRuleRuns(db(), viewer, rule.id, { before: runsBefore, limit: RUNS_PER_PAGE }),
    countRuleWork(db(), viewer, rule.id),
  ]);
  const tz = organisation.timeZone;
  const { schedule } = rule.settings;
  return {
    timeZone: tz,
    rule: {
      id: rule.id,
      name: rule.name,
      active: rule.active,
      schedule: describeSchedule(schedule),
      nextRun: rule.active && rule.nextRunAt ? formatDateTime(rule.nextRunAt, tz) : null,
      manual: schedule.kind === "manual",
    },
    typed: ruleFormFromSettings(rule.settings),
    choices: ruleFormChoices(options, await stillNamed(viewer, rule, options)),
    deletion: { ruleId: rule.id, ...work },
    runsNext: runs.next,
    runsFirstPage: !runsBefore,
    runs: runs.items.map((run) => ({
      id: run.id,
      periodKey: run.periodKey,
      startedAt: formatDateTime(run.startedAt, tz),
      trigger: describeTrigger(run.trigger, null),
      status: run.status,
      statusLabel: runStatusLabels[run.status],
      matched: run.matched,
      drawn: run.drawn,
      assigned: run.assigned,
      shortfall: run.shortfall,
      error: run.error,
    })),
  };
}

/** A failure that also carries every ticked box of the rule form, which `values` (one text per name) cannot. */
function keepTyped(failure: { data: FormFailure; init: ResponseInit | null }, typed: TypedRuleForm | null) {
  return data({ ...failure.data, typed, failedRunId: null as string | null }, failure.init ?? undefined);
}

const isRuleFormPost = (fields: Record<string, string | string[]>) => (ruleFormIntents as readonly unknown[]).includes(fields.intent);

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "sampling:manage");
  const rule = await loadRule(params);
  const copy = request.clone();
  const form = await readForm(request, actionSchema);
  if (!form.ok) {
    const posted = formToObject(await readFormData(copy, { refuseNul: false }));
    return keepTyped(form.response, isRuleFormPost(posted) ? typedRuleForm(posted) : null);
  }
  const { intent } = form.input;

  if (intent === "save" || intent === "preview") {
    const fields = formToObject(form.form);
    const typed = typedRuleForm(fields);
    const parsed = parseRuleForm(fields);
    if (!parsed.ok) return keepTyped(formFailure(invalidFields(parsed.fieldErrors), form.form), typed);
    if (intent === "preview") {
      // The stored seed and id: the preview draws what "Run now" would, caps included.
      const [organisation, preview] = await Promise.all([
        getOrganisation(db()),
        previewSamplingRule(db(), viewer, { settings: parsed.settings, ruleId: rule.id, ruleSeed: rule.seed }),
      ]);
      return { ok: true as const, typed, preview: toPreviewView(preview, organisation.timeZone) };
    }
    const saved = await runUseCase(form.form, () => updateSamplingRule(db(), viewer, rule.id, parsed.settings));
    if (!saved.ok) return keepTyped(saved.response, typed);
    throw redirect(`/sampling/${rule.id}?done=saved`);
  }

  if (intent === "run") {
    const ran = await runUseCase(form.form, () =>
      runSamplingRule(db(), viewer, { ruleId: rule.id, runAt: new Date(), trigger: "manual" }),
    );
    if (!ran.ok) return keepTyped(ran.response, null);
    if (ran.value.status === "completed") throw redirect(`/sampling/runs/${ran.value.runId}`);
    // `error` is fit to show: the rule's own problem (409) or a plain sentence for a fault (500), never PostgreSQL's words.
    return data(
      { ok: false as const, message: `The run failed and assigned nothing: ${ran.value.error}`, fieldErrors: {}, values: {}, typed: null, failedRunId: ran.value.runId },
      { status: ran.value.retryable ? 500 : 409 },
    );
  }

  const active = intent === "resume";
  const changed = await runUseCase(form.form, () => setSamplingRuleActive(db(), viewer, rule.id, active));
  if (!changed.ok) return keepTyped(changed.response, null);
  throw redirect(`/sampling/${rule.id}?done=${active ? "resumed" : "paused"}`);
}

/** A failed run is recorded: reload the list of runs even though the action answered with an error. A preview changes nothing. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) => {
  const intent = formData?.get("intent");
  if (intent === "run") return true;
  if (intent === "preview") return false;
  return defaultShouldRevalidate;
};

const doneMessages: Record<string, string> = {
  created: "Rule created. Preview it, run it now, or let the schedule run it.",
  saved: "Changes saved.",
  paused: "Rule paused. It will not run on its schedule until you resume it; Run now still works.",
  resumed: "Rule resumed. It runs again on its schedule.",
};

export default function EditSamplingRule() {
  const { rule, typed, choices, runs, runsNext, runsFirstPage, deletion, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const done = params.get("done");
  const busy = navigation.state === "submitting" ? navigation.formData?.get("intent") : null;
  const refused = result && !result.ok && result.typed ? result : null;
  const pageFailure = result && !result.ok && !result.typed ? result : null;

  return (
    <>
      <p className="breadcrumb">
        <Link to="/sampling">Sampling rules</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{rule.name}</h1>
          <p className="muted">
            {rule.active ? "Active" : <span className="badge badge--paused">Paused</span>} · {rule.schedule}
            {rule.nextRun ? ` · next run ${rule.nextRun}` : ""}
          </p>
        </div>
        <div className="page-header__actions">
          <Form method="post">
            <CsrfField />
            <button type="submit" name="intent" value="run" className="button button--primary" disabled={busy != null} aria-describedby="run-now-hint">
              {busy === "run" ? "Running…" : "Run now"}
            </button>
          </Form>
          <Form method="post">
            <CsrfField />
            <button type="submit" name="intent" value={rule.active ? "pause" : "resume"} className="button" disabled={busy != null}>
              {rule.active ? "Pause" : "Resume"}
            </button>
          </Form>
          <p className="field__hint page-header__note" id="run-now-hint">
            Run now samples the period a run today covers, with the saved settings, and assigns the work.
          </p>
        </div>
      </div>
      {done && doneMessages[done] && !result ? (
        <p className="alert alert--success" role="status">
          {doneMessages[done]}
        </p>
      ) : null}
      {pageFailure ? (
        <div className="alert alert--error" role="alert">
          <p>{pageFailure.message}</p>
          {pageFailure.failedRunId ? (
            <p>
              <Link to={`/sampling/runs/${pageFailure.failedRunId}`}>See the failed run</Link>
            </p>
          ) : null}
        </div>
      ) : null}

      <section aria-labelledby="settings-title" className="rule-page__section">
        <h2 id="settings-title">Settings</h2>
        <RuleForm
          choices={choices}
          typed={result?.typed ?? typed}
          fieldErrors={refused?.fieldErrors ?? {}}
          message={refused?.message ?? null}
          submitLabel="Save changes"
          timeZone={timeZone}
        />
        {result?.ok ? <SamplePreview preview={result.preview} /> : null}
      </section>

      <RuleRunsSection ruleId={rule.id} runs={runs} next={runsNext} isFirstPage={runsFirstPage} manual={rule.manual} />
      <DeleteRuleSection deletion={deletion} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
