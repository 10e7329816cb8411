import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useRef } from "react";
import { z } from "zod";
import { UserForm } from "../components/admin/user-form";
import { CsrfField } from "../components/csrf-field";
import { RouteErrorBoundary } from "../components/error-page";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { readForm } from "../lib/forms.server";
import { errorPage, runUseCase } from "../lib/errors.server";
import { getUser } from "../modules/users/list-users.server";
import { listTeams } from "../modules/users/list-teams.server";
import { roleLabels, type Viewer } from "../modules/users/roles";
import { setUserActive, updateUser } from "../modules/users/update-user.server";
import { updateUserSchema } from "../modules/users/user.schema";

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: `${data?.user.name ?? "User"} · Parley` }];

const paramsSchema = z.object({ userId: z.uuid() });
const actionSchema = z.discriminatedUnion("intent", [
  updateUserSchema.extend({ intent: z.literal("save") }),
  z.object({ intent: z.literal("deactivate") }),
  z.object({ intent: z.literal("reactivate") }),
]);

async function loadUser(viewer: Viewer, params: unknown) {
  const parsed = paramsSchema.safeParse(params);
  const user = parsed.success ? await getUser(db(), viewer, parsed.data.userId) : null;
  if (!user) throw errorPage("not_found", "There is no user at this address.");
  return user;
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "users:manage");
  const [user, teams] = await Promise.all([loadUser(viewer, params), listTeams(db(), viewer)]);
  return {
    user: { ...user, roleLabel: roleLabels[user.role] },
    teams: teams.map(({ id, name }) => ({ id, name })),
    isSelf: viewer.id === user.id,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "users:manage");
  const user = await loadUser(viewer, params);
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const input = form.input;
  const result = await runUseCase(form.form, async () => {
    if (input.intent === "save") {
      const { intent: _intent, ...fields } = input;
      await updateUser(db(), viewer, user.id, fields);
      return "saved";
    }
    await setUserActive(db(), viewer, user.id, input.intent === "reactivate");
    return input.intent === "reactivate" ? "reactivated" : "deactivated";
  });
  if (!result.ok) return result.response;
  throw redirect(`/admin/users/${user.id}?done=${result.value}`);
}

const doneMessages: Record<string, string> = {
  created: "User created.",
  saved: "Changes saved.",
  deactivated: "User deactivated. Their sessions have ended and their API tokens are revoked.",
  reactivated: "User reactivated.",
};

export default function EditUser() {
  const { user, teams, isSelf } = useLoaderData<typeof loader>();
  const failure = useActionData<typeof action>();
  const [params] = useSearchParams();
  const done = params.get("created") ? "created" : params.get("done");
  const dialog = useRef<HTMLDialogElement>(null);
  return (
    <>
      <p className="breadcrumb">
        <Link to="/admin/users">Users</Link>
      </p>
      <div className="page-header">
        <div>
          <h1>{user.name}</h1>
          <p className="muted">
            {user.roleLabel} · {user.active ? "Active" : "Deactivated"}
          </p>
        </div>
      </div>
      {done && doneMessages[done] && !failure ? (
        <p className="alert alert--success" role="status">
          {doneMessages[done]}
        </p>
      ) : null}
      <UserForm
        key={`${user.id}-${user.role}`}
        teams={teams}
        initial={{ name: user.name, email: user.email, role: user.role, teamIds: user.teams.map((team) => team.id) }}
        withPassword={false}
        submitLabel="Save changes"
        failure={failure ?? null}
      />
      <section className="danger-zone" aria-labelledby="access-title">
        <h2 id="access-title">Access</h2>
        {user.active ? (
          isSelf ? (
            <p className="muted">You cannot deactivate your own account.</p>
          ) : (
            <>
              <p>
                Deactivating signs {user.name} out everywhere, blocks sign-in and revokes their API tokens for good. Their
                conversations and scores stay.
              </p>
              <button type="button" className="button button--danger" onClick={() => dialog.current?.showModal()}>
                Deactivate…
              </button>
              <dialog ref={dialog} aria-labelledby="confirm-title" className="dialog">
                <h3 id="confirm-title">Deactivate {user.name}?</h3>
                <p>They are signed out at once and cannot sign in until reactivated. Their API tokens stop for good.</p>
                <div className="dialog__actions">
                  <button type="button" className="button" onClick={() => dialog.current?.close()}>
                    Cancel
                  </button>
                  <Form method="post">
                    <CsrfField />
                    <button type="submit" name="intent" value="deactivate" className="button button--danger">
                      Deactivate
                    </button>
                  </Form>
                </div>
              </dialog>
            </>
          )
        ) : (
          <Form method="post">
            <CsrfField />
            <button type="submit" name="intent" value="reactivate" className="button">
              Reactivate
            </button>
          </Form>
        )}
      </section>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
