import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfField } from "../components/csrf-field";
import { RouteErrorBoundary } from "../components/error-page";
import { FieldError } from "../components/field-error";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { readForm } from "../lib/forms.server";
import { runUseCase } from "../lib/errors.server";
import { listTeams } from "../modules/users/list-teams.server";
import { createTeam, renameTeam } from "../modules/users/save-team.server";
import { teamNameSchema } from "../modules/users/user.schema";

export const meta: MetaFunction = () => [{ title: "Teams · Parley" }];

const actionSchema = z.discriminatedUnion("intent", [
  teamNameSchema.extend({ intent: z.literal("create") }),
  teamNameSchema.extend({ intent: z.literal("rename"), teamId: z.uuid() }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "teams:manage");
  return { teams: await listTeams(db(), viewer) };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "teams:manage");
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const input = form.input;
  const result = await runUseCase(form.form, async () => {
    if (input.intent === "create") await createTeam(db(), viewer, input.name);
    else await renameTeam(db(), viewer, input.teamId, input.name);
    return input.intent;
  });
  if (!result.ok) return result.response;
  return { ok: true as const, message: result.value === "create" ? `Team “${input.name}” created.` : "Team renamed." };
}

export default function Teams() {
  const { teams } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const failure = result && !result.ok ? result : null;
  const creating = failure?.values.intent === "create";
  return (
    <>
      <div className="page-header">
        <h1>Teams</h1>
      </div>
      {result?.ok ? (
        <p className="alert alert--success" role="status">
          {result.message}
        </p>
      ) : null}
      {failure ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}
      {teams.length === 0 ? (
        <p className="empty-state">No teams yet. Create the first one below.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Teams</caption>
            <thead>
              <tr>
                <th scope="col">Team</th>
                <th scope="col" className="num">
                  Agents
                </th>
                <th scope="col">Supervisors</th>
                <th scope="col">Rename</th>
              </tr>
            </thead>
            <tbody>
              {teams.map((team) => (
                <tr key={team.id}>
                  <td>{team.name}</td>
                  <td className="num">{team.agentCount}</td>
                  <td>{team.supervisors.join(", ") || "—"}</td>
                  <td>
                    <Form method="post" className="inline-form">
                      <CsrfField />
                      <input type="hidden" name="intent" value="rename" />
                      <input type="hidden" name="teamId" value={team.id} />
                      <label className="visually-hidden" htmlFor={`rename-${team.id}`}>
                        New name for {team.name}
                      </label>
                      <input id={`rename-${team.id}`} name="name" defaultValue={team.name} required maxLength={80} />
                      <button type="submit" className="button button--quiet">
                        Rename
                      </button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <section aria-labelledby="new-team-title" className="panel panel--form">
        <h2 id="new-team-title">New team</h2>
        <Form method="post" className="form" noValidate>
          <CsrfField />
          <input type="hidden" name="intent" value="create" />
          <div className="field">
            <label htmlFor="team-name">Team name</label>
            <input id="team-name" name="name" required maxLength={80} defaultValue={creating ? failure?.values.name : ""} aria-invalid={creating && failure?.fieldErrors.name ? true : undefined} aria-describedby="team-name-error" />
            <FieldError id="team-name-error" message={creating ? failure?.fieldErrors.name : undefined} />
          </div>
          <button type="submit" className="button button--primary" disabled={navigation.state === "submitting"}>
            Create team
          </button>
        </Form>
        <p className="muted">Add agents and supervisors to a team from their user page.</p>
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
