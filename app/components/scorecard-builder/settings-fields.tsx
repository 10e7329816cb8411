import {
  acknowledgementModeLabels,
  acknowledgementModes,
  MAX_ACKNOWLEDGEMENT_DAYS,
  MIN_ACKNOWLEDGEMENT_DAYS,
  type AcknowledgementMode,
} from "../../modules/feedback/acknowledgement-rule";
import { releaseModeLabels, releaseModes, type ReleaseMode } from "../../modules/scorecards/scorecard-settings.schema";
import { FieldError } from "../field-error";

export interface SettingsValues {
  name: string;
  description: string;
  releaseMode: string;
  acknowledgement: string;
  /** As typed (a failed save keeps it). */
  acknowledgementDays: string;
}

/** The fields as a refused save sent them back, so nothing typed is lost. */
export function settingsValuesOf(values: Record<string, string | undefined>): SettingsValues {
  return {
    name: values.name ?? "",
    description: values.description ?? "",
    releaseMode: values.releaseMode ?? "",
    acknowledgement: values.acknowledgement ?? "",
    acknowledgementDays: values.acknowledgementDays ?? "",
  };
}

interface SettingsFieldsProps {
  /** Prefix of the element ids, so two forms on a page do not clash. */
  idPrefix: string;
  values: SettingsValues;
  fieldErrors: Record<string, string>;
}

/** Name, description, release mode and acknowledgement, as plain form fields (the "New scorecard" form and the settings form). */
export function SettingsFields({ idPrefix, values, fieldErrors }: SettingsFieldsProps) {
  const id = (field: string) => `${idPrefix}-${field}`;
  const invalid = (field: string) => (fieldErrors[field] ? true : undefined);
  const acknowledgement: AcknowledgementMode = (acknowledgementModes as readonly string[]).includes(values.acknowledgement)
    ? (values.acknowledgement as AcknowledgementMode)
    : "none";
  const chosen: ReleaseMode = (releaseModes as readonly string[]).includes(values.releaseMode) ? (values.releaseMode as ReleaseMode) : "immediate";
  return (
    <>
      <div className="field">
        <label htmlFor={id("name")}>Name</label>
        <input
          id={id("name")}
          name="name"
          required
          maxLength={120}
          defaultValue={values.name}
          aria-invalid={invalid("name")}
          aria-describedby={fieldErrors.name ? id("name-error") : undefined}
        />
        <FieldError id={id("name-error")} message={fieldErrors.name} />
      </div>
      <div className="field">
        <label htmlFor={id("description")}>Description (optional)</label>
        <textarea
          id={id("description")}
          name="description"
          rows={2}
          maxLength={2000}
          defaultValue={values.description}
          aria-invalid={invalid("description")}
          aria-describedby={fieldErrors.description ? id("description-error") : `${id("description")}-hint`}
        />
        <p className="field__hint" id={`${id("description")}-hint`}>
          What it is for and which conversations it suits; QA specialists see it when they choose a scorecard.
        </p>
        <FieldError id={id("description-error")} message={fieldErrors.description} />
      </div>
      <fieldset className="field" aria-describedby={fieldErrors.releaseMode ? id("releaseMode-error") : undefined}>
        <legend>Agents see an evaluation</legend>
        {releaseModes.map((mode) => (
          <label key={mode} className="check">
            <input type="radio" name="releaseMode" value={mode} defaultChecked={mode === chosen} />
            {releaseModeLabels[mode]}
          </label>
        ))}
        <FieldError id={id("releaseMode-error")} message={fieldErrors.releaseMode} />
      </fieldset>
      <fieldset className="field" aria-describedby={`${id("acknowledgement")}-hint`}>
        <legend>Agents acknowledge an evaluation</legend>
        <p className="field__hint" id={`${id("acknowledgement")}-hint`}>
          Once it is released to them, with an optional comment. A later correction that changes pass or fail asks again. Applies at once to every
          evaluation of this scorecard.
        </p>
        {acknowledgementModes.map((mode) => (
          <label key={mode} className="check">
            <input type="radio" name="acknowledgement" value={mode} defaultChecked={mode === acknowledgement} />
            {acknowledgementModeLabels[mode]}
          </label>
        ))}
        <FieldError id={id("acknowledgement-error")} message={fieldErrors.acknowledgement} />
        <div className="field ack-days">
          <label htmlFor={id("acknowledgementDays")}>Days to acknowledge, when required</label>
          <input
            id={id("acknowledgementDays")}
            name="acknowledgementDays"
            type="number"
            inputMode="numeric"
            min={MIN_ACKNOWLEDGEMENT_DAYS}
            max={MAX_ACKNOWLEDGEMENT_DAYS}
            step={1}
            className="input--short"
            defaultValue={values.acknowledgementDays}
            aria-invalid={invalid("acknowledgementDays")}
            aria-describedby={fieldErrors.acknowledgementDays ? id("acknowledgementDays-error") : `${id("acknowledgementDays")}-hint`}
          />
          <p className="field__hint" id={`${id("acknowledgementDays")}-hint`}>
            {MIN_ACKNOWLEDGEMENT_DAYS} to {MAX_ACKNOWLEDGEMENT_DAYS}; counted in whole days in the organisation’s time zone from the day it is released.
          </p>
          <FieldError id={id("acknowledgementDays-error")} message={fieldErrors.acknowledgementDays} />
        </div>
      </fieldset>
    </>
  );
}
