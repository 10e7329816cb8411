import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "../components/error-page";
import { RuleForm } from "../components/sampling/rule-form";
import { newRuleForm, parseRuleForm, ruleFormChoices, typedRuleForm, type TypedRuleForm } from "../components/sampling/rule-form-values";
import { SamplePreview, toPreviewView } from "../components/sampling/sample-preview";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { formToObject, readForm, readFormData } from "../lib/forms.server";
import { type FormFailure, formFailure, invalidFields, runUseCase } from "../lib/errors.server";
import { previewSamplingRule } from "../modules/sampling/preview-sampling-rule.server";
import { loadRuleFormOptions } from "../modules/sampling/rule-form-options.server";
import { createSamplingRule } from "../modules/sampling/save-sampling-rule.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction = () => [{ title: "New sampling rule · Parley" }];

const actionSchema = z.object({ intent: z.enum(["save", "preview"], { error: "Unknown action; reload the page" }) });

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "sampling:manage");
  const [organisation, options] = await Promise.all([getOrganisation(db()), loadRuleFormOptions(db(), viewer)]);
  return { timeZone: organisation.timeZone, choices: ruleFormChoices(options) };
}

/** A failure that also carries every ticked box, which `values` (one text per name) cannot. */
function keepTyped(failure: { data: FormFailure; init: ResponseInit | null }, typed: TypedRuleForm) {
  return data({ ...failure.data, typed }, failure.init ?? undefined);
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "sampling:manage");
  const copy = request.clone();
  const form = await readForm(request, actionSchema);
  if (!form.ok) return keepTyped(form.response, typedRuleForm(formToObject(await readFormData(copy, { refuseNul: false }))));
  const fields = formToObject(form.form);
  const typed = typedRuleForm(fields);
  const parsed = parseRuleForm(fields);
  if (!parsed.ok) return keepTyped(formFailure(invalidFields(parsed.fieldErrors), form.form), typed);

  if (form.input.intent === "preview") {
    const [organisation, preview] = await Promise.all([getOrganisation(db()), previewSamplingRule(db(), viewer, { settings: parsed.settings })]);
    return { ok: true as const, typed, preview: toPreviewView(preview, organisation.timeZone) };
  }
  const result = await runUseCase(form.form, () => createSamplingRule(db(), viewer, parsed.settings));
  if (!result.ok) return keepTyped(result.response, typed);
  throw redirect(`/sampling/${result.value.id}?done=created`);
}

export default function NewSamplingRule() {
  const { choices, timeZone } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const failure = result && !result.ok ? result : null;
  return (
    <>
      <p className="breadcrumb">
        <Link to="/sampling">Sampling rules</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>New sampling rule</h1>
          <p className="muted">Preview shows what the rule would draw right now, before you save it.</p>
        </div>
      </div>
      {choices.scorecards.length === 0 ? (
        <div className="empty-state" role="status">
          <p>
            <strong>A published scorecard is needed first.</strong>
          </p>
          <p>
            Every conversation a rule draws is reviewed with a scorecard, and only published scorecards can be used. Publish a scorecard,
            then come back to create the rule.
          </p>
        </div>
      ) : (
        <>
          <RuleForm
            choices={choices}
            typed={result?.typed ?? newRuleForm()}
            fieldErrors={failure?.fieldErrors ?? {}}
            message={failure?.message ?? null}
            submitLabel="Create rule"
            timeZone={timeZone}
          />
          {result?.ok ? <SamplePreview preview={result.preview} /> : null}
        </>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
