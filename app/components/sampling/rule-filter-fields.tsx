import { useEffect, useRef, useState } from "react";
import { channelFilterLabels, interactionChannels } from "../../modules/interactions/interaction-filters";
import { windowKindLabels } from "../../modules/sampling/describe-rule";
import { MAX_WINDOW_DAYS } from "../../modules/sampling/sampling-rule.schema";
import { FieldError } from "../field-error";
import { ChoiceList, type Choice, useHydrated } from "./choice-list";
import { InputField, SelectField, fieldId } from "./rule-field";
import {
  durationFields,
  errorFor,
  listErrorFor,
  MAX_DURATION_MINUTES,
  MAX_METADATA_PAIRS,
  metadataRowCount,
  type TypedRuleForm,
} from "./rule-form-values";

interface Props {
  typed: TypedRuleForm;
  errors: Record<string, string>;
  teams: Choice[];
  agents: Choice[];
  queues: Choice[];
}

const windowOptions = Object.entries(windowKindLabels).map(([value, label]) => ({ value, label }));
const channelChoices = interactionChannels.map((channel) => ({ value: channel, label: channelFilterLabels[channel] }));

/** "Which conversations": the window and every filter. Empty filters mean "all". */
export function RuleFilterFields({ typed, errors, teams, agents, queues }: Props) {
  const hydrated = useHydrated();
  const value = (name: string) => typed.values[name] ?? "";
  const [windowKind, setWindowKind] = useState(value("filters.window.kind") || "previous_week");
  const [metadataRows, setMetadataRows] = useState(() => metadataRowCount(typed.values));
  const added = useRef(false);
  // After "Add another pair", the cursor goes to the new key, so the keyboard keeps its place.
  useEffect(() => {
    if (!added.current) return;
    added.current = false;
    document.getElementById(fieldId(`filters.metadata.${metadataRows - 1}.key`))?.focus();
  }, [metadataRows]);
  const tagsModeError = errorFor(errors, "filters.tagsMode");

  return (
    <fieldset className="rule-form__group">
      <legend>Which conversations</legend>
      <p className="field__hint">Leave a filter empty to include everything. Weeks start on Monday; days are in the organisation&apos;s time zone.</p>
      <div className="rule-form__row">
        <SelectField
          name="filters.window.kind"
          label="Window"
          options={windowOptions}
          value={windowKind}
          onChange={setWindowKind}
          error={errorFor(errors, "filters.window.kind", "filters.window", "filters")}
          hint="Relative to the day of the run."
        />
        <InputField
          name="filters.window.days"
          label={hydrated ? "Number of days" : "Number of days (for “Last N days”)"}
          type="number"
          min={1}
          max={MAX_WINDOW_DAYS}
          defaultValue={value("filters.window.days")}
          error={errorFor(errors, "filters.window.days")}
          hint="Whole days before the day of the run."
          hidden={hydrated && windowKind !== "last_n_days"}
        />
      </div>
      <ChoiceList
        legend="Channels"
        name="filters.channels"
        choices={channelChoices}
        selected={typed.lists["filters.channels"] ?? []}
        error={listErrorFor(errors, "filters.channels")}
        empty=""
        noneLabel="None ticked: every channel"
      />
      <ChoiceList
        legend="Teams"
        name="filters.teamIds"
        choices={teams}
        selected={typed.lists["filters.teamIds"] ?? []}
        error={listErrorFor(errors, "filters.teamIds")}
        empty="There are no teams yet."
        noneLabel="None ticked: every team"
      />
      <ChoiceList
        legend="Agents"
        name="filters.agentIds"
        choices={agents}
        selected={typed.lists["filters.agentIds"] ?? []}
        hint="Agents listed here are reported even when they had no conversations in the period."
        error={listErrorFor(errors, "filters.agentIds")}
        empty="There are no active agents yet."
        noneLabel="None ticked: every agent"
      />
      <ChoiceList
        legend="Queues"
        name="filters.queues"
        choices={queues}
        selected={typed.lists["filters.queues"] ?? []}
        error={listErrorFor(errors, "filters.queues")}
        empty="No queues seen yet: conversations imported with a queue appear here."
        noneLabel="None ticked: every queue"
      />
      <div className="rule-form__row">
        <InputField
          name="filters.tags"
          label="Tags"
          defaultValue={value("filters.tags")}
          error={listErrorFor(errors, "filters.tags")}
          hint="Comma-separated, for example: refund, complaint"
        />
        <fieldset className="field" aria-describedby={tagsModeError ? `${fieldId("filters.tagsMode")}-error` : undefined}>
          <legend>Match</legend>
          <label className="check">
            <input type="radio" name="filters.tagsMode" value="any" defaultChecked={value("filters.tagsMode") !== "all"} /> Any of the tags
          </label>
          <label className="check">
            <input type="radio" name="filters.tagsMode" value="all" defaultChecked={value("filters.tagsMode") === "all"} /> All of the tags
          </label>
          <FieldError id={`${fieldId("filters.tagsMode")}-error`} message={tagsModeError} />
        </fieldset>
      </div>
      <div className="rule-form__row">
        <InputField
          name={durationFields.min}
          label="Shortest, in minutes"
          type="number"
          min={0}
          max={MAX_DURATION_MINUTES}
          step="any"
          defaultValue={value(durationFields.min)}
          error={errorFor(errors, durationFields.min)}
          hint="Blank for no lower limit. 1.5 = 1 min 30 s."
        />
        <InputField
          name={durationFields.max}
          label="Longest, in minutes"
          type="number"
          min={0}
          max={MAX_DURATION_MINUTES}
          step="any"
          defaultValue={value(durationFields.max)}
          error={errorFor(errors, durationFields.max)}
          hint="Blank for no upper limit."
        />
      </div>
      <fieldset className="field metadata-rows">
        <legend>Metadata equals</legend>
        <p className="field__hint">Each pair must match exactly, for example region = EU. Blank rows are ignored.</p>
        <FieldError id="rule-filters-metadata-error" message={errorFor(errors, "filters.metadata")} />
        {Array.from({ length: metadataRows }, (_, index) => {
          const key = `filters.metadata.${index}.key`;
          const val = `filters.metadata.${index}.value`;
          return (
            <div className="metadata-rows__row" key={index}>
              <InputField name={key} label={`Key ${index + 1}`} defaultValue={value(key)} maxLength={100} error={errorFor(errors, key)} />
              <InputField name={val} label={`Value ${index + 1}`} defaultValue={value(val)} maxLength={500} error={errorFor(errors, val)} />
            </div>
          );
        })}
        {hydrated && metadataRows < MAX_METADATA_PAIRS ? (
          <p>
            <button type="button" className="button button--quiet" onClick={() => {
                added.current = true;
                setMetadataRows((rows) => rows + 1);
              }}>
              Add another pair
            </button>
          </p>
        ) : null}
      </fieldset>
    </fieldset>
  );
}
