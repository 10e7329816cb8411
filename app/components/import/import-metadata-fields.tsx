import { FieldError } from "../field-error";
import { AgentPicker, type AgentOption } from "./agent-picker";
import type { ImportSubmission } from "./use-import-submission";

export interface ImportMetadataFieldsProps {
  submission: ImportSubmission;
  agents: AgentOption[];
  timeZone: string;
  zoneLabel: string;
  defaultStartedAt: string;
}

/** The form's "About the conversation" group: agent, start time, external id and the optional details. */
export function ImportMetadataFields({ submission, agents, timeZone, zoneLabel, defaultStartedAt }: ImportMetadataFieldsProps) {
  const { typed, errors, agent, externalId } = submission;
  const described = (name: string, hint = true) => [hint ? `${name}-hint` : null, errors[name] ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  const invalid = (name: string) => (errors[name] ? true : undefined);

  return (
    <fieldset className="import-form__group">
      <legend>About the conversation</legend>
      <AgentPicker agents={agents} value={agent} onChange={submission.setAgent} error={errors.agent} />

      <div className="field">
        <label htmlFor="startedAt">Started at</label>
        <input
          id="startedAt"
          name="startedAt"
          autoComplete="off"
          spellCheck={false}
          defaultValue={typed?.startedAt ?? defaultStartedAt}
          aria-invalid={invalid("startedAt")}
          aria-describedby={described("startedAt")}
        />
        <p className="field__hint" id="startedAt-hint">
          In the organisation&apos;s time zone, {timeZone} ({zoneLabel}), whatever your computer&apos;s time zone is; written like{" "}
          <span className="mono">1 Dec 2026, 09:30</span>, with seconds if you have them.
        </p>
        <FieldError id="startedAt-error" message={errors.startedAt} />
      </div>

      <div className="field">
        <label htmlFor="externalId">External id</label>
        <input
          id="externalId"
          name="externalId"
          maxLength={200}
          value={externalId}
          onChange={(event) => submission.editExternalId(event.target.value)}
          aria-invalid={invalid("externalId")}
          aria-describedby={described("externalId")}
        />
        <p className="field__hint" id="externalId-hint">
          The conversation&apos;s id in your phone or chat system; filled in from the file name. An id that was already imported is refused, so
          the same conversation is never imported twice.
        </p>
        <FieldError id="externalId-error" message={errors.externalId} />
      </div>

      <div className="import-form__row">
        <div className="field">
          <label htmlFor="queue">Queue (optional)</label>
          <input id="queue" name="queue" maxLength={100} defaultValue={typed?.queue ?? ""} aria-invalid={invalid("queue")} aria-describedby={described("queue", false)} />
          <FieldError id="queue-error" message={errors.queue} />
        </div>
        <div className="field">
          <label htmlFor="direction">Direction (optional)</label>
          <select id="direction" name="direction" defaultValue={typed?.direction ?? ""} aria-invalid={invalid("direction")} aria-describedby={described("direction", false)}>
            <option value="">Not known</option>
            <option value="inbound">Inbound</option>
            <option value="outbound">Outbound</option>
          </select>
          <FieldError id="direction-error" message={errors.direction} />
        </div>
      </div>

      <div className="field">
        <label htmlFor="tags">Tags (optional)</label>
        <input id="tags" name="tags" defaultValue={typed?.tags ?? ""} aria-invalid={invalid("tags")} aria-describedby={described("tags")} />
        <p className="field__hint" id="tags-hint">
          Separate tags with commas, e.g. <span className="mono">billing, escalation</span>.
        </p>
        <FieldError id="tags-error" message={errors.tags} />
      </div>

      <div className="field">
        <label htmlFor="customerName">Customer name (optional)</label>
        <input
          id="customerName"
          name="customerName"
          maxLength={200}
          defaultValue={typed?.customerName ?? ""}
          aria-invalid={invalid("customerName")}
          aria-describedby={described("customerName")}
        />
        <p className="field__hint" id="customerName-hint">
          Leave it empty to take the customer&apos;s name from the transcript, when it has one.
        </p>
        <FieldError id="customerName-error" message={errors.customerName} />
      </div>
    </fieldset>
  );
}
