import { Form, Link, useLocation, useNavigate } from "@remix-run/react";
import type { FormEvent } from "react";

interface Option {
  id: string;
  name: string;
}

interface OpenAssignmentsFilterProps {
  filters: { reviewer: string; rule: string; overdue: boolean };
  reviewers: Option[];
  rules: Option[];
  /** The done-work period in force, kept across filtering; null when it is the default. */
  period: string | null;
  filtered: boolean;
  /** Where "Clear filters" leads (keeps the period). */
  unfiltered: string;
}

/** Reviewer, rule and "overdue only" for the dashboard's open assignments, as a GET form. */
export function OpenAssignmentsFilter({ filters, reviewers, rules, period, filtered, unfiltered }: OpenAssignmentsFilterProps) {
  const location = useLocation();
  const navigate = useNavigate();

  // A shareable URL holds only the filters that are set (without JavaScript the form
  // still works: empty fields mean "no filter").
  function submitFilters(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const search = new URLSearchParams();
    for (const [name, value] of new FormData(event.currentTarget)) {
      if (typeof value === "string" && value !== "") search.set(name, value);
    }
    const query = search.toString();
    navigate(query ? `?${query}` : "/assignments");
  }

  return (
    // Keyed by the URL so the fields show the filters in force after every navigation.
    <Form key={location.search} method="get" className="filter-form" aria-label="Filter open assignments" onSubmit={submitFilters}>
      {period ? <input type="hidden" name="period" value={period} /> : null}
      <div className="filter-form__fields">
        <div className="field">
          <label htmlFor="filter-reviewer">Reviewer</label>
          <select id="filter-reviewer" name="reviewer" defaultValue={filters.reviewer}>
            <option value="">All reviewers</option>
            {reviewers.map((reviewer) => (
              <option key={reviewer.id} value={reviewer.id}>
                {reviewer.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-rule">Rule</label>
          <select id="filter-rule" name="rule" defaultValue={filters.rule}>
            <option value="">All rules and manual</option>
            {rules.map((rule) => (
              <option key={rule.id} value={rule.id}>
                {rule.name}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--checkbox">
          <label className="check" htmlFor="filter-overdue">
            <input id="filter-overdue" type="checkbox" name="overdue" value="1" defaultChecked={filters.overdue} />
            Overdue only
          </label>
        </div>
      </div>
      <div className="filter-form__actions">
        <button type="submit" className="button button--primary">
          Apply filters
        </button>
        {filtered ? <Link to={unfiltered}>Clear filters</Link> : null}
      </div>
    </Form>
  );
}
