import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, isRouteErrorResponse, Link, useLoaderData, useLocation, useNavigation, useRouteError } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "../components/error-page";
import { Stat } from "../components/sampling/sample-preview";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { formatPercent } from "../lib/format";
import { errorPage } from "../lib/errors.server";
import { formatLocalDate, instantAt, localDateOf, parseLocalDate } from "../lib/time";
import { describePeriod } from "../modules/sampling/describe-rule";
import { listSamplingRules } from "../modules/sampling/list-sampling-rules.server";
import { samplingCoverage } from "../modules/sampling/sampling-coverage.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction = () => [{ title: "Sampling coverage · Parley" }];

/** A blank field (an untouched form) means "not given". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (typeof value === "string" && value.trim() === "" ? undefined : value), schema.optional());

const paramsSchema = z.object({
  rule: optional(z.uuid({ error: "Rule: choose a rule from the list" })),
  asOf: optional(z.string().refine((value) => parseLocalDate(value) !== null, "As of: use a real date like 2026-11-24")),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "sampling:manage");
  const parsed = paramsSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw errorPage("bad_request", [...new Set(parsed.error.issues.map((issue) => issue.message))].join(" "));
  const [organisation, rules] = await Promise.all([getOrganisation(db()), listSamplingRules(db(), viewer)]);
  const tz = organisation.timeZone;
  const today = formatLocalDate(localDateOf(new Date(), tz));
  const base = { timeZone: tz, today, rules: rules.map((rule) => ({ id: rule.id, name: rule.name })) };
  if (rules.length === 0) return { ...base, ruleId: null, asOf: today, report: null };

  const ruleId = parsed.data.rule ?? (rules[0] as (typeof rules)[number]).id;
  if (!rules.some((rule) => rule.id === ruleId)) throw errorPage("not_found", "There is no sampling rule with that id. It may have been deleted.");
  const asOf = parsed.data.asOf ?? today;
  // Midday of the chosen local day: the period is that of a run on that day (period.ts).
  const report = await samplingCoverage(db(), viewer, { ruleId, asOf: instantAt(parseLocalDate(asOf) ?? localDateOf(new Date(), tz), tz, 12) });
  return {
    ...base,
    ruleId,
    asOf,
    report: {
      ruleName: report.ruleName,
      periodKey: report.period.key,
      period: describePeriod(report.period.start, report.period.end, tz),
      totals: report.totals,
      agents: report.agents.map((agent) => ({
        ...agent,
        // An agent listed with nothing matched is the run page's "N short": say why nothing is wanted.
        coverageText: agent.matched === 0 ? "Nothing matched" : agent.wanted === 0 ? "Nothing wanted" : formatPercent(agent.coverage),
      })),
    },
  };
}

export default function SamplingCoverage() {
  const { rules, ruleId, asOf, timeZone, report } = useLoaderData<typeof loader>();
  const location = useLocation();
  const navigation = useNavigation();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/sampling">Sampling rules</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>Coverage</h1>
          <p className="muted">Per agent: how many of the conversations a rule wants reviewed have been reviewed, least covered first.</p>
        </div>
      </div>
      {rules.length === 0 || !report ? (
        <div className="empty-state">
          <p>
            <strong>No sampling rules yet.</strong>
          </p>
          <p>Coverage is measured against a rule&apos;s filters and quota. Create a rule first.</p>
          <p>
            <Link to="/sampling/new" className="button button--primary">
              New rule
            </Link>
          </p>
        </div>
      ) : (
        <>
          {/* Keyed by the URL so the fields show the choice in force after every navigation. */}
          <Form key={location.search} method="get" className="filter-form coverage-form" aria-label="Choose rule and date">
            <div className="filter-form__fields">
              <div className="field">
                <label htmlFor="coverage-rule">Rule</label>
                <select id="coverage-rule" name="rule" defaultValue={ruleId ?? ""}>
                  {rules.map((rule) => (
                    <option key={rule.id} value={rule.id}>
                      {rule.name}
                    </option>
                  ))}
                </select>
              </div>
              <div className="field">
                <label htmlFor="coverage-as-of">As of</label>
                <input id="coverage-as-of" type="date" name="asOf" defaultValue={asOf} aria-describedby="coverage-as-of-hint" />
                <p className="field__hint" id="coverage-as-of-hint">
                  The period a run on this day samples ({timeZone}).
                </p>
              </div>
            </div>
            <div className="filter-form__actions">
              <button type="submit" className="button button--primary" disabled={navigation.state === "loading"}>
                Show coverage
              </button>
            </div>
          </Form>
          <h2>
            <Link to={`/sampling/${ruleId ?? ""}`}>{report.ruleName}</Link>: {report.periodKey}
          </h2>
          <p className="muted">Period {report.period}.</p>
          <dl className="stats sampling-stats">
            <Stat label="Matched" value={report.totals.matched} />
            <Stat label="Wanted" value={report.totals.wanted} />
            <Stat label="Reviewed" value={report.totals.reviewed} />
            <Stat label="Open in queues" value={report.totals.open} />
            <Stat label="Agents under-sampled" value={report.totals.underSampled} warn={report.totals.underSampled > 0} />
          </dl>
          {report.agents.length === 0 ? (
            <p className="empty-state">No agent matches this rule&apos;s filters in the period.</p>
          ) : (
            <div className="table-wrap">
              <table className="table sampling-table">
                <caption className="visually-hidden">Coverage per agent, least covered first</caption>
                <thead>
                  <tr>
                    <th scope="col">Agent</th>
                    <th scope="col" className="num">Matched</th>
                    <th scope="col" className="num">Wanted</th>
                    <th scope="col" className="num">Reviewed</th>
                    <th scope="col" className="num">Open</th>
                    <th scope="col" className="num">Coverage</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {report.agents.map((agent) => (
                    <tr key={agent.agentId} className={agent.underSampled ? "row--shortfall" : undefined}>
                      <th scope="row">{agent.agentName}</th>
                      <td className="num">{agent.matched}</td>
                      <td className="num">{agent.wanted}</td>
                      <td className="num">{agent.reviewed}</td>
                      <td className="num">{agent.open}</td>
                      <td className="num">{agent.coverageText}</td>
                      <td>
                        {agent.underSampled ? (
                          <>
                            <span className="badge badge--under">Under-sampled</span>
                            <span className="muted small block">
                              {agent.wanted - agent.reviewed} more to review{agent.open > 0 ? `, ${agent.open} waiting in queues` : ""}
                            </span>
                          </>
                        ) : (
                          "Covered"
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </>
      )}
    </>
  );
}

/** A bad rule id or date answers 400/404 with what is wrong; the way out is the default view. */
export function ErrorBoundary() {
  const error = useRouteError();
  return (
    <>
      <RouteErrorBoundary />
      {isRouteErrorResponse(error) && (error.status === 400 || error.status === 404) ? (
        <p className="error-page__extra">
          <Link to="/sampling/coverage">Show coverage of the first rule as of today</Link>
        </p>
      ) : null}
    </>
  );
}
