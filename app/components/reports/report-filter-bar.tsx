/**
 * The report filters as a GET form (app/modules/reports/report-filters.ts names the fields):
 * it works without JavaScript, every field is labelled, and it shows what is in the URL —
 * including a value the page refused, with the refusal beside its field. Each page passes
 * the choices it offers (teams, agents, scorecards…); a list with one choice or none is not
 * shown. Extra hidden fields (the overview's grouping) ride along.
 */
import { Form } from "@remix-run/react";
import type { FieldErrors } from "../../lib/errors";
import { FieldError } from "../field-error";
import type { ReportFilterValues } from "../../modules/reports/report-filters";

export interface FilterOption {
  id: string;
  name: string;
}

export interface ReportFilterOptions {
  teams?: FilterOption[];
  agents?: FilterOption[];
  scorecards?: FilterOption[];
  channels?: FilterOption[];
  queues?: FilterOption[];
}

export function ReportFilterBar({
  values,
  options,
  fieldErrors = {},
  hidden = {},
  label = "Report filters",
}: {
  values: ReportFilterValues;
  options: ReportFilterOptions;
  fieldErrors?: FieldErrors;
  hidden?: Record<string, string>;
  label?: string;
}) {
  return (
    <Form method="get" className="filters report-filters" aria-label={label}>
      {Object.entries(hidden).map(([name, value]) => (
        <input key={name} type="hidden" name={name} value={value} />
      ))}
      <div className="field">
        <label htmlFor="report-period">Period</label>
        <select id="report-period" name="period" defaultValue={values.period || "week"} aria-invalid={fieldErrors.period ? true : undefined} aria-describedby={fieldErrors.period ? "report-period-error" : undefined}>
          <option value="week">By week</option>
          <option value="month">By month</option>
        </select>
        <FieldMessage id="report-period-error" message={fieldErrors.period} />
      </div>
      <DateField name="from" label="From" value={values.from} error={fieldErrors.from} />
      <DateField name="to" label="To" value={values.to} error={fieldErrors.to} />
      <div className="field">
        <label htmlFor="report-date-basis">Dates are</label>
        <select id="report-date-basis" name="dateBasis" defaultValue={values.dateBasis || "conversation"}>
          <option value="conversation">Conversation dates</option>
          <option value="review">Review dates</option>
        </select>
      </div>
      <Choice name="team" label="Team" value={values.team} options={options.teams} error={fieldErrors.team} />
      <Choice name="agent" label="Agent" value={values.agent} options={options.agents} error={fieldErrors.agent} />
      <Choice name="scorecard" label="Scorecard" value={values.scorecard} options={options.scorecards} error={fieldErrors.scorecard} />
      <Choice name="channel" label="Channel" value={values.channel} options={options.channels} error={fieldErrors.channel} />
      <Choice name="queue" label="Queue" value={values.queue} options={options.queues} error={fieldErrors.queue} />
      <button type="submit" className="button">
        Apply
      </button>
    </Form>
  );
}

function FieldMessage({ id, message }: { id: string; message: string | undefined }) {
  return <FieldError id={id} message={message} />;
}

function DateField({ name, label, value, error }: { name: string; label: string; value: string; error: string | undefined }) {
  const id = `report-${name}`;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="date"
        name={name}
        defaultValue={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      <FieldMessage id={`${id}-error`} message={error} />
    </div>
  );
}

/** A select among the page's choices, "All" first; hidden when there is nothing to choose, unless the URL holds a value. */
function Choice({ name, label, value, options = [], error }: { name: string; label: string; value: string; options?: FilterOption[]; error: string | undefined }) {
  if (options.length < 2 && value === "") return null;
  const id = `report-${name}`;
  const known = value === "" || options.some((option) => option.id === value);
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select id={id} name={name} defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        <option value="">All</option>
        {known ? null : <option value={value}>{value}</option>}
        {options.map((option) => (
          <option key={option.id} value={option.id}>
            {option.name}
          </option>
        ))}
      </select>
      <FieldMessage id={`${id}-error`} message={error} />
    </div>
  );
}
