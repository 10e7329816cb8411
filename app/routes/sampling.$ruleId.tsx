import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, type ShouldRevalidateFunction, useActionData, useLoaderData, useNavigation, useSearchParams } from "@remix-run/react";
import { useRef } from "react";
import { z } from "zod";
import { CsrfField } from "../components/csrf-field";
import { RouteErrorBoundary } from "../components/error-page";
import { RuleForm } from "../components/sampling/rule-form";
import {
  parseRuleForm,
  ruleFormChoices,
  ruleFormFromSettings,
  typedRuleForm,
  type RuleFormChoices,
  type TypedRuleForm,
} from "../components/sampling/rule-form-values";
import { SamplePreview, toPreviewView } from "../components/sampling/sample-preview";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { DomainError } from "../lib/errors";
import { formatDateTime } from "../lib/format";
import { type FormFailure, formFailure, formToObject, readForm, readFormData } from "../lib/forms.server";
import { httpError, rethrowAsHttp, runUseCase } from "../lib/http.server";
import { describeSchedule, describeTrigger, runStatusLabels } from "../modules/sampling/describe-rule";
import { getRuleSettings, type StoredRule } from "../modules/sampling/get-rule-settings.server";
import { listRuleRuns } from "../modules/sampling/list-rule-runs.server";
import { previewSamplingRule } from "../modules/sampling/preview-sampling-rule.server";
import { loadRuleFormOptions, type RuleFormOptions } from "../modules/sampling/rule-form-options.server";
import { runSamplingRule } from "../modules/sampling/run-sampling-rule.server";
import { deleteSamplingRule, setSamplingRuleActive, updateSamplingRule } from "../modules/sampling/save-sampling-rule.server";
import { getOrganisation } from "../modules/users/get-organisation.server";
import { getUser } from "../modules/users/list-users.server";

export const meta: MetaFunction<typeof loader> = ({ data: loaded }) => [{ title: `${loaded?.rule.name ?? "Sampling rule"} · Parley` }];

const NOT_FOUND = "There is no sampling rule at this address. It may have been deleted.";
const RECENT_RUNS = 20;
const paramsSchema = z.object({ ruleId: z.uuid() });
const ruleFormIntents = ["save", "preview"] as const;
const actionSchema = z.object({
  intent: z.enum([...ruleFormIntents, "run", "pause", "resume", "delete"], { error: "Unknown action; reload the page" }),
});

async function loadRule(params: unknown): Promise<StoredRule> {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw httpError(404, NOT_FOUND);
  try {
    return await getRuleSettings(db(), parsed.data.ruleId);
  } catch (error) {
    if (error instanceof DomainError && error.status === 404) throw httpError(404, NOT_FOUND);
    rethrowAsHttp(error);
  }
}

/** Choices the saved rule names that are no longer on offer, so the form shows them instead of dropping them. */
async function stillNamed(rule: StoredRule, options: RuleFormOptions): Promise<Partial<RuleFormChoices>> {
  const missing = (ids: string[], offered: { id: string }[]) => ids.filter((id) => !offered.some((item) => item.id === id));
  const people = (ids: string[], note: string) =>
    Promise.all(ids.map(async (id) => ({ value: id, label: `${(await getUser(db(), id))?.name ?? "Unknown person"} (${note})` })));
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
  await requirePermission(request, "sampling:manage");
  const rule = await loadRule(params);
  const [organisation, options, runs] = await Promise.all([getOrganisation(db()), loadRuleFormOptions(db()), listRuleRuns(db(), rule.id, RECENT_RUNS)]);
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
    choices: ruleFormChoices(options, await stillNamed(rule, options)),
    runs: runs.map((run) => ({
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
    const posted = formToObject(await readFormData(copy));
    return keepTyped(form.response, isRuleFormPost(posted) ? typedRuleForm(posted) : null);
  }
  const { intent } = form.input;

  if (intent === "save" || intent === "preview") {
    const fields = formToObject(form.form);
    const typed = typedRuleForm(fields);
    const parsed = parseRuleForm(fields);
    if (!parsed.ok) return keepTyped(formFailure(422, "Please correct the highlighted fields.", parsed.fieldErrors, form.form), typed);
    if (intent === "preview") {
      // The stored seed and id: the preview draws what "Run now" would, caps included.
      const [organisation, preview] = await Promise.all([
        getOrganisation(db()),
        previewSamplingRule(db(), { settings: parsed.settings, ruleId: rule.id, ruleSeed: rule.seed }),
      ]);
      return { ok: true as const, typed, preview: toPreviewView(preview, organisation.timeZone) };
    }
    const saved = await runUseCase(form.form, () => updateSamplingRule(db(), viewer.id, rule.id, parsed.settings));
    if (!saved.ok) return keepTyped(saved.response, typed);
    throw redirect(`/sampling/${rule.id}?done=saved`);
  }

  if (intent === "run") {
    const ran = await runUseCase(form.form, () =>
      runSamplingRule(db(), { ruleId: rule.id, runAt: new Date(), trigger: "manual", startedBy: viewer.id }),
    );
    if (!ran.ok) return keepTyped(ran.response, null);
    if (ran.value.status === "completed") throw redirect(`/sampling/runs/${ran.value.runId}`);
    // `error` is fit to show: the rule's own problem (409) or a plain sentence for a fault (500), never PostgreSQL's words.
    return data(
      { ok: false as const, message: `The run failed and assigned nothing: ${ran.value.error}`, fieldErrors: {}, values: {}, typed: null, failedRunId: ran.value.runId },
      { status: ran.value.retryable ? 500 : 409 },
    );
  }

  if (intent === "delete") {
    const deleted = await runUseCase(form.form, () => deleteSamplingRule(db(), viewer.id, rule.id));
    if (!deleted.ok) return keepTyped(deleted.response, null);
    throw redirect("/sampling?deleted=1");
  }

  const active = intent === "resume";
  const changed = await runUseCase(form.form, () => setSamplingRuleActive(db(), viewer.id, rule.id, active));
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
  const { rule, typed, choices, runs, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const dialog = useRef<HTMLDialogElement>(null);
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

      <section aria-labelledby="runs-title" className="rule-page__section">
        <h2 id="runs-title">Recent runs</h2>
        {runs.length === 0 ? (
          <p className="empty-state">
            This rule has not run yet. {rule.manual ? "It runs only when you press Run now." : "It runs on its schedule, or when you press Run now."}
          </p>
        ) : (
          <div className="table-wrap">
            <table className="table sampling-table">
              <caption className="visually-hidden">Recent runs, newest first</caption>
              <thead>
                <tr>
                  <th scope="col">Period</th>
                  <th scope="col">Started</th>
                  <th scope="col">Trigger</th>
                  <th scope="col">Status</th>
                  <th scope="col" className="num">Matched</th>
                  <th scope="col" className="num">Drawn</th>
                  <th scope="col" className="num">Assigned</th>
                  <th scope="col" className="num">Shortfall</th>
                </tr>
              </thead>
              <tbody>
                {runs.map((run) => (
                  <tr key={run.id}>
                    <td>
                      <Link to={`/sampling/runs/${run.id}`}>{run.periodKey}</Link>
                    </td>
                    <td>{run.startedAt}</td>
                    <td>{run.trigger}</td>
                    <td>
                      <span className={`badge badge--${run.status}`}>{run.statusLabel}</span>
                      {run.error ? <span className="small block run-error">{run.error}</span> : null}
                    </td>
                    <td className="num">{run.matched}</td>
                    <td className="num">{run.drawn}</td>
                    <td className="num">{run.assigned}</td>
                    <td className="num">{run.shortfall > 0 ? <strong className="shortfall">{run.shortfall} short</strong> : "0"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section className="danger-zone" aria-labelledby="delete-title">
        <h2 id="delete-title">Delete this rule</h2>
        <p>Deleting removes the rule and its run history. Conversations it already assigned stay in the reviewers&apos; queues.</p>
        <button type="button" className="button button--danger" onClick={() => dialog.current?.showModal()}>
          Delete rule…
        </button>
        <dialog ref={dialog} aria-labelledby="confirm-delete-title" aria-describedby="confirm-delete-text" className="dialog">
          <h3 id="confirm-delete-title">Delete “{rule.name}”?</h3>
          <p id="confirm-delete-text">
            The rule stops running and its run history is deleted. Open assignments it made stay in the reviewers&apos; queues and can
            still be reviewed, reassigned or skipped. This cannot be undone.
          </p>
          <div className="dialog__actions">
            <button type="button" className="button" onClick={() => dialog.current?.close()}>
              Cancel
            </button>
            <Form method="post">
              <CsrfField />
              <button type="submit" name="intent" value="delete" className="button button--danger" disabled={busy != null}>
                {busy === "delete" ? "Deleting…" : "Delete rule"}
              </button>
            </Form>
          </div>
        </dialog>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
