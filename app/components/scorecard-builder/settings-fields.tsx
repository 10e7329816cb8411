import { releaseModeLabels, releaseModes, type ReleaseMode } from "../../modules/scorecards/scorecard-settings.schema";
import { FieldError } from "../field-error";

export interface SettingsValues {
  name: string;
  description: string;
  releaseMode: string;
}

interface SettingsFieldsProps {
  /** Prefix of the element ids, so two forms on a page do not clash. */
  idPrefix: string;
  values: SettingsValues;
  fieldErrors: Record<string, string>;
}

/** Name, description and release mode, as plain form fields (the "New scorecard" form and the settings form). */
export function SettingsFields({ idPrefix, values, fieldErrors }: SettingsFieldsProps) {
  const id = (field: string) => `${idPrefix}-${field}`;
  const invalid = (field: string) => (fieldErrors[field] ? true : undefined);
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
    </>
  );
}
