import { Form } from "@remix-run/react";
import { useState } from "react";
import {
  acknowledgementModeLabels,
  acknowledgementModes,
  MAX_ACKNOWLEDGEMENT_DAYS,
  MIN_ACKNOWLEDGEMENT_DAYS,
} from "../../modules/feedback/acknowledgement-rule";
import { csatScales } from "../../modules/interactions/csat";
import { isoWeekdays, type OrganisationSettings } from "../../modules/organisation/organisation-settings";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";
import { ChoiceList, type Choice } from "../sampling/choice-list";

const weekdayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

export interface SettingsFormProps {
  settings: OrganisationSettings & { timeZone: string };
  arbiterIds: string[];
  arbiterCandidates: Choice[];
  timeZones: string[];
  fieldErrors: Record<string, string>;
  saving: boolean;
}

/** The first message of a field or of any of its rows (`holidays.2`). */
function errorOf(fieldErrors: Record<string, string>, field: string): string | undefined {
  return fieldErrors[field] ?? Object.entries(fieldErrors).find(([key]) => key.startsWith(`${field}.`))?.[1];
}

/**
 * Every organisation setting as one form. Inputs are uncontrolled (or keep their own state),
 * so a refused save leaves what was typed on the page; the page remounts the form after a
 * successful save to show the values as stored (sorted, deduplicated).
 */
export function OrganisationSettingsForm({ settings, arbiterIds, arbiterCandidates, timeZones, fieldErrors, saving }: SettingsFormProps) {
  const error = (field: string) => errorOf(fieldErrors, field);
  const described = (field: string, hint = false) => (error(field) ? `${field}-error` : hint ? `${field}-hint` : undefined);
  const zones = timeZones.includes(settings.timeZone) ? timeZones : [settings.timeZone, ...timeZones];
  return (
    <Form method="post" className="form settings-form" noValidate>
      <CsrfField />
      <fieldset className="rule-form__group">
        <legend>Organisation</legend>
        <div className="field">
          <label htmlFor="timeZone">Time zone</label>
          <select id="timeZone" name="timeZone" defaultValue={settings.timeZone} aria-invalid={error("timeZone") ? true : undefined} aria-describedby={described("timeZone", true)}>
            {zones.map((zone) => (
              <option key={zone} value={zone}>
                {zone}
              </option>
            ))}
          </select>
          <p className="field__hint" id="timeZone-hint">
            Days, due dates and periods are counted in this zone.
          </p>
          <FieldError id="timeZone-error" message={error("timeZone")} />
        </div>
        <div className="field">
          <label htmlFor="emailFrom">Sender of notification email (optional)</label>
          <input id="emailFrom" name="emailFrom" type="email" maxLength={200} defaultValue={settings.emailFrom ?? ""} aria-invalid={error("emailFrom") ? true : undefined} aria-describedby={described("emailFrom", true)} />
          <p className="field__hint" id="emailFrom-hint">
            Email goes out only when the server has SMTP_URL set; without it the in-app inbox is the channel.
          </p>
          <FieldError id="emailFrom-error" message={error("emailFrom")} />
        </div>
        <ChoiceList
          legend="Working days"
          name="workingDays"
          choices={isoWeekdays.map((day) => ({ value: String(day), label: weekdayNames[day - 1] ?? String(day) }))}
          selected={settings.workingDays.map(String)}
          hint="Dispute resolution time counts only these days."
          error={error("workingDays")}
          empty=""
          noneLabel="None ticked"
        />
        <ListEditor field="holidays" legend="Holidays" inputType="date" addLabel="Add holiday" itemLabel="Holiday" initial={settings.holidays} error={error("holidays")} hint="Dates that do not count as working days." />
      </fieldset>

      <fieldset className="rule-form__group">
        <legend>Feedback</legend>
        <div className="field field--check">
          <label className="check" htmlFor="selfEvaluationEnabled">
            <input id="selfEvaluationEnabled" type="checkbox" name="selfEvaluationEnabled" defaultChecked={settings.selfEvaluationEnabled} aria-describedby="selfEvaluationEnabled-hint" />
            Agents may self-evaluate their conversations
          </label>
          <p className="field__hint" id="selfEvaluationEnabled-hint">
            Until the review is released to them. Reviewers see a self-evaluation only after submitting their own review; it never counts in quality figures.
          </p>
        </div>
        <fieldset className="field" aria-describedby="defaultAcknowledgement-hint">
          <legend>New scorecards ask agents to acknowledge</legend>
          <p className="field__hint" id="defaultAcknowledgement-hint">
            What the “New scorecard” form starts with; each scorecard can still change it.
          </p>
          {acknowledgementModes.map((mode) => (
            <label key={mode} className="check">
              <input type="radio" name="defaultAcknowledgement" value={mode} defaultChecked={mode === settings.defaultAcknowledgement} />
              {acknowledgementModeLabels[mode]}
            </label>
          ))}
          <div className="field ack-days">
            <label htmlFor="defaultAcknowledgementDays">Days to acknowledge, when required</label>
            <input
              id="defaultAcknowledgementDays"
              name="defaultAcknowledgementDays"
              type="number"
              inputMode="numeric"
              min={MIN_ACKNOWLEDGEMENT_DAYS}
              max={MAX_ACKNOWLEDGEMENT_DAYS}
              className="input--short"
              defaultValue={settings.defaultAcknowledgementDays ?? ""}
              aria-invalid={error("defaultAcknowledgementDays") ? true : undefined}
              aria-describedby={described("defaultAcknowledgementDays")}
            />
            <FieldError id="defaultAcknowledgementDays-error" message={error("defaultAcknowledgementDays")} />
          </div>
        </fieldset>
      </fieldset>

      <fieldset className="rule-form__group">
        <legend>Disputes</legend>
        <NumberField field="disputeWindowDays" label="Days after release an agent may dispute" min={1} max={90} value={settings.disputeWindowDays} error={error("disputeWindowDays")} />
        <NumberField field="disputeResolutionDays" label="Working days to decide a dispute" min={1} max={30} value={settings.disputeResolutionDays} error={error("disputeResolutionDays")} />
        <div className="field field--check">
          <label className="check" htmlFor="disputeSupervisorFirstLine">
            <input id="disputeSupervisorFirstLine" type="checkbox" name="disputeSupervisorFirstLine" defaultChecked={settings.disputeSupervisorFirstLine} />
            The agent’s supervisor endorses or declines a dispute before QA sees it
          </label>
        </div>
        <div className="field field--check">
          <label className="check" htmlFor="disputeDecisionMayLower">
            <input id="disputeDecisionMayLower" type="checkbox" name="disputeDecisionMayLower" defaultChecked={settings.disputeDecisionMayLower} />
            A decision may set a question below its original answer
          </label>
        </div>
        <ListEditor field="disputeReasonCodes" legend="Reasons an agent picks from" inputType="text" addLabel="Add reason" itemLabel="Reason" initial={settings.disputeReasonCodes} error={error("disputeReasonCodes")} maxLength={120} />
        <ChoiceList
          legend="Arbiter pool"
          name="arbiterIds"
          choices={arbiterCandidates}
          selected={arbiterIds}
          hint="QA leads always arbitrate; these people do too (never on their own reviews)."
          error={error("arbiterIds")}
          empty="No active QA specialists or supervisors yet."
          noneLabel="Nobody besides the QA leads"
        />
      </fieldset>
      <fieldset className="rule-form__group">
        <legend>Customer satisfaction</legend>
        <p className="field__hint" id="csat-hint">
          Imports that carry the survey answer in their metadata: name the key and the survey’s scale. An import’s own <code>csat</code> field wins. A change applies to later imports;{" "}
          <code>npm run admin -- rollups rebuild</code> re-reads the earlier ones.
        </p>
        <div className="field">
          <label htmlFor="csatMetadataKey">Metadata key holding the CSAT answer (optional)</label>
          <input id="csatMetadataKey" name="csatMetadataKey" type="text" maxLength={100} defaultValue={settings.csatMetadataKey ?? ""} aria-invalid={error("csatMetadataKey") ? true : undefined} aria-describedby={error("csatMetadataKey") ? "csatMetadataKey-error" : "csat-hint"} />
          <FieldError id="csatMetadataKey-error" message={error("csatMetadataKey")} />
        </div>
        <div className="field">
          <label htmlFor="csatMetadataScale">Its scale</label>
          <select id="csatMetadataScale" name="csatMetadataScale" defaultValue={settings.csatMetadataScale ?? ""} aria-invalid={error("csatMetadataScale") ? true : undefined} aria-describedby={error("csatMetadataScale") ? "csatMetadataScale-error" : undefined}>
            <option value="">No mapping</option>
            {csatScales.map((scale) => (
              <option key={scale} value={scale}>
                {scale.replace("-", " to ")}
              </option>
            ))}
          </select>
          <FieldError id="csatMetadataScale-error" message={error("csatMetadataScale")} />
        </div>
      </fieldset>
      <div>
        <button type="submit" className="button button--primary" disabled={saving}>
          {saving ? "Saving…" : "Save settings"}
        </button>
      </div>
    </Form>
  );
}

function NumberField({ field, label, min, max, value, error }: { field: string; label: string; min: number; max: number; value: number; error?: string }) {
  return (
    <div className="field">
      <label htmlFor={field}>{label}</label>
      <input id={field} name={field} type="number" inputMode="numeric" min={min} max={max} step={1} className="input--short" defaultValue={value} aria-invalid={error ? true : undefined} aria-describedby={`${field}-hint${error ? ` ${field}-error` : ""}`} />
      <p className="field__hint" id={`${field}-hint`}>
        {min} to {max}.
      </p>
      <FieldError id={`${field}-error`} message={error} />
    </div>
  );
}

interface ListEditorProps {
  field: string;
  legend: string;
  inputType: "date" | "text";
  addLabel: string;
  itemLabel: string;
  initial: string[];
  error?: string;
  hint?: string;
  maxLength?: number;
}

/** A list of values sent as repeated fields: each row can be removed, "Add" appends an empty one (left empty, it is not saved). */
function ListEditor({ field, legend, inputType, addLabel, itemLabel, initial, error, hint, maxLength }: ListEditorProps) {
  // Keys stay with their rows, so removing one does not move typed text into its neighbour.
  const [rows, setRows] = useState(() => initial.map((value, index) => ({ key: index, value })));
  const [nextKey, setNextKey] = useState(initial.length);
  const add = () => {
    setRows((current) => [...current, { key: nextKey, value: "" }]);
    setNextKey((key) => key + 1);
  };
  return (
    <fieldset className="field list-editor" aria-describedby={[hint ? `${field}-hint` : null, error ? `${field}-error` : null].filter(Boolean).join(" ") || undefined}>
      <legend>{legend}</legend>
      {hint ? (
        <p className="field__hint" id={`${field}-hint`}>
          {hint}
        </p>
      ) : null}
      {rows.length === 0 ? <p className="muted">None.</p> : null}
      <ul className="list-editor__rows">
        {rows.map((row, index) => (
          <li key={row.key} className="inline-form">
            <label className="visually-hidden" htmlFor={`${field}-${row.key}`}>
              {itemLabel} {index + 1}
            </label>
            <input id={`${field}-${row.key}`} name={field} type={inputType} defaultValue={row.value} maxLength={maxLength} aria-invalid={error ? true : undefined} />
            <button type="button" className="button button--quiet" onClick={() => setRows((current) => current.filter((other) => other.key !== row.key))}>
              Remove<span className="visually-hidden"> {itemLabel.toLowerCase()} {index + 1}</span>
            </button>
          </li>
        ))}
      </ul>
      <div>
        <button type="button" className="button" onClick={add}>
          {addLabel}
        </button>
      </div>
      <FieldError id={`${field}-error`} message={error} />
    </fieldset>
  );
}
