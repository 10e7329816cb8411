import { Form, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { CsrfField } from "../csrf-field";
import { InputField, SelectField } from "./rule-field";
import { RuleFilterFields } from "./rule-filter-fields";
import {
  errorFor,
  type RuleFormChoices,
  type TypedRuleForm,
} from "./rule-form-values";
import { RuleWorkFields } from "./rule-work-fields";

const purposeOptions = [
  { value: "review", label: "Review by QA" },
  { value: "self", label: "Self-evaluation by the agents" },
];

interface Props {
  choices: RuleFormChoices;
  /** What the form shows: the saved rule, defaults, or what was just posted. */
  typed: TypedRuleForm;
  fieldErrors: Record<string, string>;
  /** The failure's message, shown above the fields. */
  message: string | null;
  submitLabel: string;
  timeZone: string;
}

/**
 * The one form for creating and editing a sampling rule. "Save" and "Preview" post the same
 * fields (`intent` tells them apart), so a preview shows exactly what is on screen, saved or
 * not. After a failed post it shows what was typed; the route hands that back as `typed`.
 */
export function RuleForm({
  choices,
  typed,
  fieldErrors,
  message,
  submitLabel,
  timeZone,
}: Props) {
  const navigation = useNavigation();
  const busy =
    navigation.state === "submitting"
      ? navigation.formData?.get("intent")
      : null;
  const value = (name: string) => typed.values[name] ?? "";
  const form = useRef<HTMLFormElement>(null);
  const [purpose, setPurpose] = useState(value("purpose") || "review");
  // After a refused post the cursor goes to the first field to correct (or to the message).
  useEffect(() => {
    if (!message) return;
    const target =
      form.current?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      form.current?.querySelector<HTMLElement>(".alert");
    target?.focus();
  }, [message, fieldErrors]);
  return (
    <Form
      ref={form}
      method="post"
      className="form rule-form"
      noValidate
      aria-label="Sampling rule"
    >
      <CsrfField />
      {message ? (
        <p className="alert alert--error" role="alert" tabIndex={-1}>
          {message}
        </p>
      ) : null}
      <fieldset className="rule-form__group">
        <legend>Rule</legend>
        <div className="rule-form__row">
          <InputField
            name="name"
            label="Name"
            defaultValue={value("name")}
            maxLength={120}
            required
            error={errorFor(fieldErrors, "name")}
            hint="For example: Weekly billing calls"
          />
          <SelectField
            name="scorecardId"
            label="Scorecard"
            options={[
              { value: "", label: "Choose a scorecard…" },
              ...choices.scorecards,
            ]}
            value={value("scorecardId")}
            error={errorFor(fieldErrors, "scorecardId")}
            hint="Reviewers score the drawn conversations with it. Only published scorecards are offered."
          />
          <SelectField
            name="purpose"
            label="Purpose"
            options={purposeOptions}
            value={purpose}
            onChange={setPurpose}
            error={errorFor(fieldErrors, "purpose")}
            hint={
              choices.selfEvaluationEnabled
                ? "Self-evaluation asks each drawn conversation's own agent to score it; it waits for them under To self-evaluate on My feedback."
                : "Self-evaluation is turned off for the organisation, so a self-evaluation rule cannot be saved or run. An administrator can turn it on in Settings."
            }
          />
        </div>
      </fieldset>
      <RuleFilterFields
        typed={typed}
        errors={fieldErrors}
        teams={choices.teams}
        agents={choices.agents}
        queues={choices.queues}
      />
      <RuleWorkFields
        typed={typed}
        errors={fieldErrors}
        reviewers={choices.reviewers}
        timeZone={timeZone}
        purpose={purpose}
      />
      <div className="rule-form__actions">
        <button
          type="submit"
          name="intent"
          value="save"
          className="button button--primary"
          disabled={busy != null}
        >
          {busy === "save" ? "Saving…" : submitLabel}
        </button>
        <button
          type="submit"
          name="intent"
          value="preview"
          className="button"
          disabled={busy != null}
        >
          {busy === "preview" ? "Previewing…" : "Preview"}
        </button>
        <p className="field__hint">
          Preview counts what a run now would draw with the values above. It
          saves and assigns nothing.
        </p>
      </div>
    </Form>
  );
}
