import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { useEffect, useRef, useState } from "react";
import { z } from "zod";
import { CsrfField } from "../components/csrf-field";
import { RouteErrorBoundary } from "../components/error-page";
import { FieldError } from "../components/field-error";
import { OneTimeSecret } from "../components/one-time-secret";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { formatDateTime } from "../lib/time";
import { readForm } from "../lib/forms.server";
import { runUseCase } from "../lib/errors.server";
import { can } from "../modules/access/permissions";
import { apiTokenNameSchema } from "../modules/api-tokens/api-token.schema";
import { createApiToken } from "../modules/api-tokens/create-api-token.server";
import { listApiTokens } from "../modules/api-tokens/list-api-tokens.server";
import { revokeApiToken } from "../modules/api-tokens/revoke-api-token.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction = () => [{ title: "API tokens · Parley" }];

const actionSchema = z.discriminatedUnion("intent", [
  apiTokenNameSchema.extend({ intent: z.literal("create") }),
  z.object({ intent: z.literal("revoke"), tokenId: z.uuid() }),
]);

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "api-tokens:hold");
  const [tokens, organisation] = await Promise.all([listApiTokens(db(), viewer), getOrganisation(db())]);
  const when = (date: Date | null) => (date ? formatDateTime(date, organisation.timeZone) : null);
  return {
    showOwner: can(viewer, "api-tokens:manage"),
    tokens: tokens.map((token) => ({
      id: token.id,
      name: token.name,
      prefix: token.prefix,
      owner: token.own ? "You" : `${token.ownerName} (${token.ownerEmail})`,
      created: when(token.createdAt),
      lastUsed: when(token.lastUsedAt),
      revoked: when(token.revokedAt),
    })),
  };
}

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "api-tokens:hold");
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const input = form.input;
  if (input.intent === "create") {
    const created = await runUseCase(form.form, () => createApiToken(db(), viewer, input.name));
    if (!created.ok) return created.response;
    // The secret leaves the server this once; only its hash is kept.
    return { ok: true as const, intent: "create" as const, name: input.name, token: created.value.token };
  }
  const revoked = await runUseCase(form.form, () => revokeApiToken(db(), viewer, input.tokenId));
  if (!revoked.ok) return revoked.response;
  return { ok: true as const, intent: "revoke" as const, name: revoked.value.name, token: null };
}

type Token = ReturnType<typeof useLoaderData<typeof loader>>["tokens"][number];

export default function ApiTokens() {
  const { tokens, showOwner } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const failure = result && !result.ok ? result : null;
  const created = result?.ok && result.intent === "create" ? result : null;
  const revoked = result?.ok && result.intent === "revoke" ? result : null;
  const [revoking, setRevoking] = useState<Token | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const busy = navigation.state !== "idle";

  useEffect(() => {
    if (revoking) dialog.current?.showModal();
  }, [revoking]);
  // Close the confirmation once the revoke has been answered.
  useEffect(() => {
    if (result && !busy) setRevoking(null);
  }, [result, busy]);

  return (
    <>
      <div className="page-header">
        <div>
          <h1>API tokens</h1>
          <p className="muted">
            Other systems use a token to import interactions through the REST API (<code>/api/v1</code>, described at{" "}
            <a href="/api/v1/openapi.json">/api/v1/openapi.json</a>). A token acts as the person who created it.
          </p>
        </div>
      </div>

      {created ? <NewToken name={created.name} token={created.token} /> : null}
      {revoked ? (
        <p className="alert alert--success" role="status">
          Token “{revoked.name}” revoked. Requests that use it are refused from now on.
        </p>
      ) : null}
      {failure && failure.values.intent !== "create" ? (
        <p className="alert alert--error" role="alert">
          {failure.message}
        </p>
      ) : null}

      {tokens.length === 0 ? (
        <p className="empty-state">No API tokens yet. Create one below to let another system import interactions.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">API tokens, active first</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Token</th>
                {showOwner ? <th scope="col">Owner</th> : null}
                <th scope="col">Created</th>
                <th scope="col">Last used</th>
                <th scope="col">Status</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>
                    <code>{token.prefix}…</code>
                  </td>
                  {showOwner ? <td>{token.owner}</td> : null}
                  <td>{token.created}</td>
                  <td>{token.lastUsed ?? <span className="muted">Never</span>}</td>
                  <td>{token.revoked ? <span className="badge badge--failed">Revoked {token.revoked}</span> : <span className="badge">Active</span>}</td>
                  <td>
                    {token.revoked ? null : (
                      <button type="button" className="button button--quiet" onClick={() => setRevoking(token)} aria-label={`Revoke ${token.name}`}>
                        Revoke…
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}

      <dialog ref={dialog} aria-labelledby="revoke-title" className="dialog" onClose={() => setRevoking(null)}>
        {revoking ? (
          <>
            <h3 id="revoke-title">Revoke “{revoking.name}”?</h3>
            <p>Every system that uses this token loses access at once. This cannot be undone; create a new token if it is needed again.</p>
            <div className="dialog__actions">
              <button type="button" className="button" onClick={() => dialog.current?.close()}>
                Cancel
              </button>
              <Form method="post">
                <CsrfField />
                <input type="hidden" name="tokenId" value={revoking.id} />
                <button type="submit" name="intent" value="revoke" className="button button--danger" disabled={busy}>
                  Revoke token
                </button>
              </Form>
            </div>
          </>
        ) : null}
      </dialog>

      <section aria-labelledby="new-token-title" className="panel panel--form">
        <h2 id="new-token-title">New token</h2>
        <Form method="post" className="form" noValidate key={created?.token ?? "new"}>
          <CsrfField />
          <input type="hidden" name="intent" value="create" />
          <div className="field">
            <label htmlFor="token-name">Name</label>
            <p className="field__hint" id="token-name-hint">
              What uses it, e.g. “Genesys export” or “nightly chat import”.
            </p>
            <input
              id="token-name"
              name="name"
              required
              maxLength={80}
              defaultValue={failure?.values.intent === "create" ? failure.values.name : ""}
              aria-invalid={failure?.fieldErrors.name ? true : undefined}
              aria-describedby="token-name-hint token-name-error"
            />
            <FieldError id="token-name-error" message={failure?.values.intent === "create" ? (failure.fieldErrors.name ?? failure.message) : undefined} />
          </div>
          <button type="submit" className="button button--primary" disabled={busy}>
            Create token
          </button>
        </Form>
      </section>
    </>
  );
}

/** The secret, shown this once. */
function NewToken({ name, token }: { name: string; token: string }) {
  return (
    <OneTimeSecret title={`Token “${name}” created`} label="Your new API token" secret={token}>
      <p>
        <strong>Copy it now: this is the only time it is shown.</strong> Parley keeps only a fingerprint of it, so a lost token
        cannot be recovered; revoke it and create another.
      </p>
      <p className="small">
        Use it as <code>Authorization: Bearer {token.slice(0, 12)}…</code>
      </p>
    </OneTimeSecret>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
