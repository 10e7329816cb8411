import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData } from "@remix-run/react";
import { UserForm } from "../components/admin/user-form";
import { RouteErrorBoundary } from "../components/error-page";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { readForm } from "../lib/forms.server";
import { runUseCase } from "../lib/errors.server";
import { createUser } from "../modules/users/create-user.server";
import { listTeams } from "../modules/users/list-teams.server";
import { createUserSchema } from "../modules/users/user.schema";

export const meta: MetaFunction = () => [{ title: "Add user · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "users:manage");
  return { teams: (await listTeams(db(), viewer)).map(({ id, name }) => ({ id, name })) };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "users:manage");
  const form = await readForm(request, createUserSchema);
  if (!form.ok) return form.response;
  const result = await runUseCase(form.form, () => createUser(db(), viewer, form.input));
  if (!result.ok) return result.response;
  throw redirect(`/admin/users/${result.value.id}?created=1`);
}

export default function NewUser() {
  const { teams } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/users">Users</Link>
      </p>
      <div className="page-header">
        <h1>Add user</h1>
      </div>
      <UserForm
        teams={teams}
        initial={{ name: "", email: "", role: "agent", teamIds: [] }}
        withPassword
        submitLabel="Create user"
        failure={failure ?? null}
      />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
