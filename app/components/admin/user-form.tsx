import { Form, useNavigation } from "@remix-run/react";
import { useState } from "react";
import { roleLabels, roles, type Role } from "../../modules/users/roles";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";

export interface UserFormValues {
  name: string;
  email: string;
  role: Role;
  teamIds: string[];
}

interface Props {
  teams: { id: string; name: string }[];
  initial: UserFormValues;
  withPassword: boolean;
  submitLabel: string;
  failure?: { message: string; fieldErrors: Record<string, string>; values: Record<string, string> } | null;
}

/** Create/edit form for a user. After a failed submit it shows what was typed, not the old values. */
export function UserForm({ teams, initial, withPassword, submitLabel, failure }: Props) {
  const navigation = useNavigation();
  const typed = failure?.values;
  const [role, setRole] = useState<Role>((typed?.role as Role | undefined) ?? initial.role);
  const errors = failure?.fieldErrors ?? {};
  const teamField = role === "agent" || role === "supervisor";
  return (
    <Form method="post" className="form" noValidate>
      <CsrfField />
      <input type="hidden" name="intent" value="save" />
      {failure?.message ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}
      <div className="field">
        <label htmlFor="name">Full name</label>
        <input id="name" name="name" required maxLength={120} defaultValue={typed?.name ?? initial.name} aria-invalid={errors.name ? true : undefined} aria-describedby={errors.name ? "name-error" : undefined} />
        <FieldError id="name-error" message={errors.name} />
      </div>
      <div className="field">
        <label htmlFor="email">Email</label>
        <input id="email" name="email" type="email" required autoComplete="off" defaultValue={typed?.email ?? initial.email} aria-invalid={errors.email ? true : undefined} aria-describedby={errors.email ? "email-error" : undefined} />
        <FieldError id="email-error" message={errors.email} />
      </div>
      {withPassword ? (
        <div className="field">
          <label htmlFor="password">Initial password</label>
          <input id="password" name="password" type="password" required minLength={10} autoComplete="new-password" aria-invalid={errors.password ? true : undefined} aria-describedby="password-hint password-error" />
          <p className="field__hint" id="password-hint">
            At least 10 characters. Share it privately with the person.
          </p>
          <FieldError id="password-error" message={errors.password} />
        </div>
      ) : null}
      <div className="field">
        <label htmlFor="role">Role</label>
        <select id="role" name="role" value={role} onChange={(event) => setRole(event.target.value as Role)} aria-invalid={errors.role ? true : undefined}>
          {roles.map((value) => (
            <option key={value} value={value}>
              {roleLabels[value]}
            </option>
          ))}
        </select>
        <FieldError id="role-error" message={errors.role} />
      </div>
      {teamField ? (
        <fieldset className="field">
          <legend>{role === "agent" ? "Team" : "Teams this supervisor leads"}</legend>
          {teams.length === 0 ? <p className="muted">No teams yet. Create one on the Teams page.</p> : null}
          {role === "agent" ? (
            <select name="teamIds" defaultValue={(typed?.teamIds ?? initial.teamIds[0]) || ""} aria-label="Team">
              <option value="">No team</option>
              {teams.map((team) => (
                <option key={team.id} value={team.id}>
                  {team.name}
                </option>
              ))}
            </select>
          ) : (
            teams.map((team) => (
              <label key={team.id} className="check">
                <input type="checkbox" name="teamIds" value={team.id} defaultChecked={initial.teamIds.includes(team.id)} /> {team.name}
              </label>
            ))
          )}
          <FieldError id="teams-error" message={errors.teamIds} />
        </fieldset>
      ) : null}
      <button type="submit" className="button button--primary" disabled={navigation.state === "submitting"}>
        {navigation.state === "submitting" ? "Saving…" : submitLabel}
      </button>
    </Form>
  );
}
