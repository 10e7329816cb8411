import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "../components/error-page";
import { DeleteRuleForm, RuleDeletionSummary } from "../components/sampling/delete-rule";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { readForm } from "../lib/forms.server";
import { errorPage, rethrowAsErrorPage } from "../lib/errors.server";
import { deleteSamplingRule } from "../modules/sampling/delete-sampling-rule.server";
import { countRuleWork } from "../modules/sampling/rule-work-counts.server";

/**
 * Confirming and deleting a sampling rule. The rule page opens the same confirmation in a
 * dialog; this page is where its "Delete rule…" link leads without JavaScript, and where both
 * post.
 */
export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `Delete ${data?.deletion.ruleName ?? "sampling rule"} · Parley` }];

const NOT_FOUND = "There is no sampling rule at this address. It may have been deleted already.";
const paramsSchema = z.object({ ruleId: z.uuid() });

function ruleIdOf(params: unknown): string {
  const parsed = paramsSchema.safeParse(params);
  if (!parsed.success) throw errorPage("not_found", NOT_FOUND);
  return parsed.data.ruleId;
}

/** A missing rule is this page's 404, whichever use case found it missing. */
async function orNotFound<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    rethrowAsErrorPage(error, { notFound: NOT_FOUND });
  }
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "sampling:manage");
  const ruleId = ruleIdOf(params);
  return { deletion: { ruleId, ...(await orNotFound(countRuleWork(db(), viewer, ruleId))) } };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "sampling:manage");
  const ruleId = ruleIdOf(params);
  const form = await readForm(request, z.object({}));
  if (!form.ok) return form.response;
  const { cancelled, inProgress } = await orNotFound(deleteSamplingRule(db(), viewer, ruleId));
  throw redirect(`/sampling?deleted=1&cancelled=${cancelled}&inProgress=${inProgress}`);
}

export default function DeleteSamplingRule() {
  const { deletion } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <>
      <p className="breadcrumb">
        <Link to={`/sampling/${deletion.ruleId}`}>{deletion.ruleName}</Link>
      </p>
      <div className="page-header">
        <h1>Delete “{deletion.ruleName}”?</h1>
      </div>
      {failure ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}
      <section className="danger-zone" aria-labelledby="what-happens-title">
        <h2 id="what-happens-title">What deleting does</h2>
        <RuleDeletionSummary deletion={deletion} />
        <DeleteRuleForm deletion={deletion} />
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
