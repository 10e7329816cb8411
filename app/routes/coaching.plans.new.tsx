/**
 * Starting a coaching plan for one agent (issue 15 §1): `?agent=…` (404 outside the coach's
 * teams), `?scorecard=…` to switch scorecard. The criteria the agent trails the team on most
 * (with enough evaluations) come ticked with the reason shown; the coach changes the choice,
 * sets a target per criterion (%), a title and a due date.
 */
import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { ActionOutcome } from "../components/action-outcome";
import { CsrfField } from "../components/csrf-field";
import { RouteErrorBoundary } from "../components/error-page";
import { FieldError } from "../components/field-error";
import { requireViewer } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { errorPage, rethrowAsErrorPage, runUseCase } from "../lib/errors.server";
import { readForm } from "../lib/forms.server";
import { createCoachingPlan } from "../modules/coaching/create-plan.server";
import { getNewPlanForm } from "../modules/coaching/new-plan-form.server";

export const meta: MetaFunction = () => [{ title: "New coaching plan · Parley" }];

const NOT_FOUND = "There is no such agent among those you coach.";
const searchSchema = z.object({ agent: z.uuid(), scorecard: z.uuid().optional().or(z.literal("").transform(() => undefined)) });

const pct = (value: number | undefined | null) => (value === null || value === undefined ? "—" : `${Math.round(value)} %`);

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const search = searchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!search.success) throw errorPage("not_found", NOT_FOUND);
  const form = await getNewPlanForm(db(), viewer, { agentId: search.data.agent, scorecardId: search.data.scorecard }, new Date()).catch((error: unknown) =>
    rethrowAsErrorPage(error, { notFound: NOT_FOUND }),
  );
  return {
    agent: { id: form.agent.id, name: form.agent.name },
    scorecards: form.scorecards.map((s) => ({ id: s.id, name: s.name })),
    scorecardId: form.scorecardId,
    today: form.today,
    window: form.window,
    criteria: form.criteria.map((c) => ({
      questionKey: c.questionKey,
      prompt: c.prompt,
      agent: c.agent ? `${pct(c.agent.mean)} (n = ${c.agent.n})` : "no evaluations",
      team: c.team ? `${pct(c.team.mean)} (n = ${c.team.n})` : "no evaluations",
      reason: c.reason,
      // A first target: the team's level where the agent trails it, else 80 %.
      target: c.reason && c.team ? Math.min(100, Math.round(c.team.mean)) : 80,
    })),
  };
}

const actionSchema = z.looseObject({ scorecardId: z.string(), title: z.string(), dueOn: z.string() });

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const agentId = new URL(request.url).searchParams.get("agent") ?? "";
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const chosen = form.form.getAll("criterion").map(String);
  const input = {
    agentId,
    scorecardId: form.input.scorecardId,
    title: form.input.title,
    dueOn: form.input.dueOn,
    criteria: chosen.map((questionKey) => {
      const target = form.form.get(`target:${questionKey}`);
      return { questionKey, target: typeof target === "string" ? target : "" };
    }),
  };
  const result = await runUseCase(form.form, () => createCoachingPlan(db(), viewer, input, new Date()));
  if (!result.ok) return result.response;
  throw redirect(`/coaching/plans/${result.value.id}?created=1`);
}

export default function NewPlanPage() {
  const data = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const failed = failure && !failure.ok ? failure : null;
  const values = failed?.values;
  const errors = failed?.fieldErrors ?? {};
  const submitting = useNavigation().state === "submitting";
  return (
    <>
      <p className="breadcrumb">
        <Link to="/coaching">Coaching</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>New coaching plan for {data.agent.name}</h1>
          <p className="muted">
            Baselines are the agent’s means over the {data.window.label} ({data.window.from} to {data.window.to}), stored as they are today.
          </p>
        </div>
      </div>
      {data.scorecards.length > 1 ? (
        <Form method="get" className="inline-form coaching-inline" aria-label="Choose the plan's scorecard">
          <input type="hidden" name="agent" value={data.agent.id} />
          <div className="field">
            <label htmlFor="plan-scorecard-switch">Scorecard</label>
            <select id="plan-scorecard-switch" name="scorecard" defaultValue={data.scorecardId ?? ""}>
              {data.scorecards.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            Show its criteria
          </button>
        </Form>
      ) : null}
      <ActionOutcome error={failed?.message} />
      {data.scorecardId === null || data.criteria.length === 0 ? (
        <p className="empty-state">There is no published scorecard with scored questions to coach on yet.</p>
      ) : (
        <Form method="post" className="form" aria-label="New coaching plan">
          <CsrfField />
          <input type="hidden" name="scorecardId" value={data.scorecardId} />
          <div className="field">
            <label htmlFor="plan-title">Title</label>
            <input id="plan-title" name="title" required maxLength={200} defaultValue={values?.title ?? `Coaching for ${data.agent.name}`} aria-describedby="plan-title-error" />
            <FieldError id="plan-title-error" message={errors.title} />
          </div>
          <div className="field">
            <label htmlFor="plan-due">Due date</label>
            <input id="plan-due" name="dueOn" type="date" required min={data.today} defaultValue={values?.dueOn ?? ""} aria-describedby="plan-due-error" />
            <FieldError id="plan-due-error" message={errors.dueOn} />
          </div>
          <fieldset className="field coaching-criteria" aria-describedby="plan-criteria-error">
            <legend>Focus criteria (up to 5) and targets</legend>
            <FieldError id="plan-criteria-error" message={errors.criteria ?? Object.entries(errors).find(([k]) => k.startsWith("criteria."))?.[1]} />
            <div className="table-wrap">
              <table className="table">
                <caption className="visually-hidden">Criteria of the scorecard, with the agent’s and the team’s means</caption>
                <thead>
                  <tr>
                    <th scope="col">Focus</th>
                    <th scope="col">Criterion</th>
                    <th scope="col" className="num">
                      {data.agent.name}
                    </th>
                    <th scope="col" className="num">
                      Team
                    </th>
                    <th scope="col">Target (%)</th>
                  </tr>
                </thead>
                <tbody>
                  {data.criteria.map((c, k) => (
                    <tr key={c.questionKey}>
                      <td>
                        <input
                          id={`criterion-${k}`}
                          type="checkbox"
                          name="criterion"
                          value={c.questionKey}
                          defaultChecked={c.reason !== null}
                          aria-label={`Focus on ${c.prompt}`}
                        />
                      </td>
                      <td>
                        <label htmlFor={`criterion-${k}`}>{c.prompt}</label>
                        {c.reason ? <span className="muted small block">Suggested: {c.reason}</span> : null}
                      </td>
                      <td className="num">{c.agent}</td>
                      <td className="num">{c.team}</td>
                      <td>
                        <input
                          className="input--short"
                          type="number"
                          min={0}
                          max={100}
                          step="any"
                          name={`target:${c.questionKey}`}
                          defaultValue={values?.[`target:${c.questionKey}`] ?? c.target}
                          aria-label={`Target for ${c.prompt}, in %`}
                        />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </fieldset>
          <div className="button-row">
            <button type="submit" className="button button--primary" disabled={submitting}>
              Start the plan
            </button>
            <Link to="/coaching" className="button">
              Cancel
            </Link>
          </div>
        </Form>
      )}
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
