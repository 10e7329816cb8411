import type { SpeakerRole } from "../../modules/transcripts/transcript";
import { FieldError } from "../field-error";
import type { PreviewSpeaker } from "../../modules/interactions/import-fields";

interface Props {
  speakers: PreviewSpeaker[];
  roles: Record<string, SpeakerRole>;
  onChange: (label: string, role: SpeakerRole) => void;
  channel: "call" | "chat" | "email";
  error?: string;
}

const roleLabels: Record<SpeakerRole, string> = { agent: "Agent", customer: "Customer" };

/**
 * "Who is the agent?": one row per speaker found in the file, with a role select that
 * starts at the importer's guess. The choice is sent as `transcript.speakerRoles`.
 */
export function SpeakerTable({ speakers, roles, onChange, channel, error }: Props) {
  const unit = channel === "call" ? "turns" : "messages";
  const agents = speakers.filter((speaker) => (roles[speaker.label] ?? speaker.guessedRole) === "agent").length;
  return (
    <fieldset className="field speaker-table" aria-describedby={error ? "speakers-hint speakers-error" : "speakers-hint"}>
      <legend>Who is the agent?</legend>
      <p className="field__hint" id="speakers-hint">
        Parley guessed each speaker&apos;s role from the file. Change it where the guess is wrong: scores and talk metrics depend on it.
      </p>
      <div className="table-wrap">
        <table className="table">
          <caption className="visually-hidden">Speakers in the file and their roles</caption>
          <thead>
            <tr>
              <th scope="col">Speaker in the file</th>
              <th scope="col" className="num">
                {unit === "turns" ? "Turns" : "Messages"}
              </th>
              <th scope="col">Role</th>
            </tr>
          </thead>
          <tbody>
            {speakers.map((speaker, index) => {
              const id = `speaker-role-${index}`;
              const title = speaker.name && speaker.name !== speaker.label ? `${speaker.name} (${speaker.label})` : speaker.label;
              return (
                <tr key={speaker.label}>
                  <th scope="row">
                    <label htmlFor={id}>
                      <span className="visually-hidden">Role of </span>
                      {title}
                    </label>
                  </th>
                  <td className="num">{speaker.segments}</td>
                  <td>
                    <select
                      id={id}
                      value={roles[speaker.label] ?? speaker.guessedRole}
                      onChange={(event) => onChange(speaker.label, event.target.value as SpeakerRole)}
                    >
                      {(["agent", "customer"] as const).map((role) => (
                        <option key={role} value={role}>
                          {roleLabels[role]}
                          {role === speaker.guessedRole ? " (guessed)" : ""}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {agents === 0 ? <p className="field__hint">No speaker is marked as the agent; the agent&apos;s talk time will be zero.</p> : null}
      <FieldError id="speakers-error" message={error} />
    </fieldset>
  );
}
