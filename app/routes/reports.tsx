/**
 * The Reports section (issue 14 §3): a heading and its tabs — Overview, Team, Criteria,
 * Reviewers — over each report page. Every role holds `reports:view`; what each page counts is
 * the viewer's report scope (access/report-scope.server.ts). An agent's reports are their own
 * figures, so they get the overview only.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { RouteErrorBoundary } from "../components/error-page";
import { requirePermission } from "../lib/auth.server";

interface Tab {
  to: string;
  label: string;
}

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "reports:view");
  const tabs: Tab[] = [{ to: "/reports", label: "Overview" }];
  if (viewer.role !== "agent") {
    tabs.push({ to: "/reports/team", label: "Team" });
    tabs.push({ to: "/reports/criteria", label: "Criteria" });
    tabs.push({ to: "/reports/reviewers", label: "Reviewers" });
  }
  return { tabs };
}

export default function Reports() {
  const { tabs } = useLoaderData<typeof loader>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Reports</h1>
          <p className="muted">Every figure shows how many evaluations it rests on (n) and its 95% interval. Select a number to see the evaluations behind it.</p>
        </div>
      </div>
      {tabs.length > 1 ? (
        <nav aria-label="Reports" className="report-tabs">
          <ul>
            {tabs.map((tab) => (
              <li key={tab.to}>
                <NavLink to={tab.to} end={tab.to === "/reports"} prefetch="intent">
                  {tab.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      ) : null}
      <Outlet />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
