import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "../components/error-page";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { errorPage } from "../lib/errors.server";
import { listUsers } from "../modules/users/list-users.server";
import { roleLabels, roles } from "../modules/users/roles";

export const meta: MetaFunction = () => [{ title: "Users · Parley" }];

const PAGE_SIZE = 50;
const blank = (v: unknown) => (v === "" ? undefined : v);
const querySchema = z.object({
  q: z.preprocess(blank, z.string().trim().max(100).optional()),
  role: z.preprocess(blank, z.enum(roles).optional()),
  status: z.preprocess(blank, z.enum(["active", "inactive", "all"]).default("active")),
  afterName: z.string().max(200).optional(),
  afterId: z.uuid().optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "users:manage");
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw errorPage("bad_request", "That filter is not valid. Clear the filters and try again.");
  const { q, role, status, afterName, afterId } = parsed.data;
  const page = await listUsers(db(), viewer, {
    search: q,
    role,
    status,
    after: afterName !== undefined && afterId ? { name: afterName, id: afterId } : undefined,
    limit: PAGE_SIZE,
  });
  const last = page.users.at(-1);
  return {
    users: page.users.map((user) => ({ ...user, roleLabel: roleLabels[user.role] })),
    next: page.hasMore && last ? { afterName: last.name, afterId: last.id } : null,
    filters: { q: q ?? "", role: role ?? "", status },
    paged: afterId !== undefined,
  };
}

export default function Users() {
  const { users, next, filters, paged } = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const nextParams = new URLSearchParams(params);
  if (next) {
    nextParams.set("afterName", next.afterName);
    nextParams.set("afterId", next.afterId);
  }
  const firstParams = new URLSearchParams(params);
  firstParams.delete("afterName");
  firstParams.delete("afterId");
  return (
    <>
      <div className="page-header">
        <h1>Users</h1>
        <Link to="/admin/users/new" className="button button--primary">
          Add user
        </Link>
      </div>
      <Form method="get" className="filters" aria-label="Filter users">
        <div className="field field--inline">
          <label htmlFor="q">Search</label>
          <input id="q" name="q" type="search" defaultValue={filters.q} placeholder="Name or email" />
        </div>
        <div className="field field--inline">
          <label htmlFor="role">Role</label>
          <select id="role" name="role" defaultValue={filters.role}>
            <option value="">Any role</option>
            {roles.map((role) => (
              <option key={role} value={role}>
                {roleLabels[role]}
              </option>
            ))}
          </select>
        </div>
        <div className="field field--inline">
          <label htmlFor="status">Status</label>
          <select id="status" name="status" defaultValue={filters.status}>
            <option value="active">Active</option>
            <option value="inactive">Deactivated</option>
            <option value="all">All</option>
          </select>
        </div>
        <button type="submit" className="button">
          Apply
        </button>
      </Form>
      {users.length === 0 ? (
        <p className="empty-state">No users match these filters.</p>
      ) : (
        <div className="table-wrap">
          <table className="table">
            <caption className="visually-hidden">Users by name</caption>
            <thead>
              <tr>
                <th scope="col">Name</th>
                <th scope="col">Email</th>
                <th scope="col">Role</th>
                <th scope="col">Teams</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => (
                <tr key={user.id}>
                  <td>
                    <Link to={`/admin/users/${user.id}`}>{user.name}</Link>
                  </td>
                  <td>{user.email}</td>
                  <td>{user.roleLabel}</td>
                  <td>{user.teams.map((team) => team.name).join(", ") || "—"}</td>
                  <td>{user.active ? "Active" : <span className="badge badge--failed">Deactivated</span>}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label="Pages">
        {paged ? <Link to={`?${firstParams.toString()}`}>First page</Link> : null}
        {next ? <Link to={`?${nextParams.toString()}`}>Next page</Link> : null}
      </nav>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
