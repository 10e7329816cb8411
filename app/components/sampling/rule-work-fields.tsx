import { useState } from "react";
import {
  formatHour,
  ordinal,
  quotaKindLabels,
  scheduleKindLabels,
  weekdayNames,
} from "../../modules/sampling/describe-rule";
import {
  MAX_CAP_PER_REVIEWER,
  MAX_DUE_IN_HOURS,
  MAX_PER_AGENT,
} from "../../modules/sampling/sampling-rule.schema";
import { ChoiceList, type Choice, useHydrated } from "./choice-list";
import { InputField, SelectField } from "./rule-field";
import { errorFor, listErrorFor, type TypedRuleForm } from "./rule-form-values";

interface Props {
  typed: TypedRuleForm;
  errors: Record<string, string>;
  reviewers: Choice[];
  timeZone: string;
  /** The rule's purpose as chosen on the form: a self-evaluation rule has no reviewers. */
  purpose: string;
}

const quotaOptions = Object.entries(quotaKindLabels).map(([value, label]) => ({
  value,
  label,
}));
const scheduleOptions = Object.entries(scheduleKindLabels).map(
  ([value, label]) => ({ value, label }),
);
const hourOptions = Array.from({ length: 24 }, (_, hour) => ({
  value: String(hour),
  label: formatHour(hour),
}));
const weekdayOptions = weekdayNames.map((name, index) => ({
  value: String(index + 1),
  label: name,
}));
const dayOptions = Array.from({ length: 28 }, (_, index) => ({
  value: String(index + 1),
  label: ordinal(index + 1),
}));

/** "How many", "Who reviews" and "When": the quota, the reviewer pool and the schedule. */
export function RuleWorkFields({
  typed,
  errors,
  reviewers,
  timeZone,
  purpose,
}: Props) {
  const hydrated = useHydrated();
  const value = (name: string) => typed.values[name] ?? "";
  const [quotaKind, setQuotaKind] = useState(
    value("quota.kind") || "per_agent",
  );
  const [scheduleKind, setScheduleKind] = useState(
    value("schedule.kind") || "manual",
  );
  // Without JavaScript every field shows, labelled with the choice it belongs to.
  const onlyFor = (label: string, kind: string) =>
    hydrated ? label : `${label} (${kind})`;
  // Without JavaScript the reviewer fields stay; a self-evaluation rule's post drops them (samplingRuleFormSchema).
  const noReviewers = hydrated && purpose === "self";

  return (
    <>
      <fieldset className="rule-form__group">
        <legend>How many</legend>
        <div className="rule-form__row">
          <SelectField
            name="quota.kind"
            label="Quota"
            options={quotaOptions}
            value={quotaKind}
            onChange={setQuotaKind}
            error={errorFor(errors, "quota.kind", "quota")}
            hint="Per agent and period. Conversations already reviewed or assigned for the scorecard count towards it."
          />
          <InputField
            name="quota.n"
            label={onlyFor("Conversations per agent", "for a number per agent")}
            type="number"
            min={1}
            max={MAX_PER_AGENT}
            defaultValue={value("quota.n")}
            error={errorFor(errors, "quota.n")}
            hidden={hydrated && quotaKind !== "per_agent"}
          />
          <InputField
            name="quota.percent"
            label={onlyFor("Percentage", "for a percentage")}
            type="number"
            min={0.01}
            max={100}
            step={0.01}
            defaultValue={value("quota.percent")}
            error={errorFor(errors, "quota.percent")}
            hint="Rounded half up, at least one conversation for an agent who had any."
            hidden={hydrated && quotaKind !== "percentage"}
          />
        </div>
      </fieldset>

      <fieldset className="rule-form__group">
        <legend>{noReviewers ? "Due" : "Who reviews"}</legend>
        {noReviewers ? (
          <p className="field__hint">
            Each drawn conversation goes to its own agent to self-evaluate; no
            reviewer is involved.
          </p>
        ) : null}
        <div hidden={noReviewers}>
          <ChoiceList
            legend="Reviewers"
            name="reviewerIds"
            choices={reviewers}
            selected={typed.lists.reviewerIds ?? []}
            hint="QA specialists and QA leads. Work goes to whoever has the least open; nobody gets their own conversations."
            error={listErrorFor(errors, "reviewerIds")}
            empty="There are no active QA specialists or QA leads. Add one on the Users page first."
          />
        </div>
        <div className="rule-form__row">
          <InputField
            name="capPerReviewer"
            label="Cap per reviewer"
            type="number"
            min={1}
            max={MAX_CAP_PER_REVIEWER}
            defaultValue={value("capPerReviewer")}
            error={errorFor(errors, "capPerReviewer")}
            hint="Most conversations one reviewer gets from this rule per period. Blank for no cap."
            hidden={noReviewers}
          />
          <InputField
            name="dueInHours"
            label="Due in (hours)"
            type="number"
            min={1}
            max={MAX_DUE_IN_HOURS}
            defaultValue={value("dueInHours")}
            error={errorFor(errors, "dueInHours")}
            hint="Counted from the run: 72 is three days."
            required
          />
        </div>
      </fieldset>

      <fieldset className="rule-form__group">
        <legend>When</legend>
        <div className="rule-form__row">
          <SelectField
            name="schedule.kind"
            label="Schedule"
            options={scheduleOptions}
            value={scheduleKind}
            onChange={setScheduleKind}
            error={errorFor(errors, "schedule.kind", "schedule")}
          />
          <SelectField
            name="schedule.weekday"
            label={onlyFor("Day of the week", "weekly")}
            options={weekdayOptions}
            value={value("schedule.weekday") || "1"}
            error={errorFor(errors, "schedule.weekday")}
            hidden={hydrated && scheduleKind !== "weekly"}
          />
          <SelectField
            name="schedule.day"
            label={onlyFor("Day of the month", "monthly")}
            options={dayOptions}
            value={value("schedule.day") || "1"}
            error={errorFor(errors, "schedule.day")}
            hint="Up to the 28th, so every month has it."
            hidden={hydrated && scheduleKind !== "monthly"}
          />
          <SelectField
            name="schedule.hour"
            label={onlyFor("At", "daily, weekly or monthly")}
            options={hourOptions}
            value={value("schedule.hour") || "6"}
            error={errorFor(errors, "schedule.hour")}
            hint={`Time in ${timeZone}.`}
            hidden={hydrated && scheduleKind === "manual"}
          />
        </div>
      </fieldset>
    </>
  );
}
