import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useLoaderData, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "../components/error-page";
import { InteractionTable } from "../components/interaction-table";
import { requirePermission } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { formatDateTime, formatDuration } from "../lib/format";
import { httpError } from "../lib/http.server";
import { listInteractions } from "../modules/interactions/list-interactions.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction = () => [{ title: "Interactions · Parley" }];

const PAGE_SIZE = 25;

const querySchema = z.object({
  channel: z.preprocess((v) => (v === "" ? undefined : v), z.enum(["call", "chat", "email"]).optional()),
  // The cursor is "<ISO time>_<uuid>" of the last row seen.
  before: z
    .string()
    .regex(/^[0-9T:.\-Z+]+_[0-9a-f-]{36}$/, "The page link is malformed")
    .optional(),
});

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requirePermission(request, "interactions:view");
  const parsed = querySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!parsed.success) throw httpError(400, parsed.error.issues[0]?.message ?? "Bad filter");
  const { channel, before } = parsed.data;
  const cursor = before ? { startedAt: new Date(before.split("_")[0] as string), id: before.split("_")[1] as string } : undefined;
  if (cursor && Number.isNaN(cursor.startedAt.getTime())) throw httpError(400, "The page link is malformed");
  const [organisation, page] = await Promise.all([
    getOrganisation(db()),
    listInteractions(db(), viewer, { channel, before: cursor, limit: PAGE_SIZE }),
  ]);
  return {
    role: viewer.role,
    channel: channel ?? "",
    items: page.items.map((item) => ({
      ...item,
      startedAt: formatDateTime(item.startedAt, organisation.timeZone),
      duration: formatDuration(item.durationMs),
    })),
    next: page.next ? `${page.next.startedAt.toISOString()}_${page.next.id}` : null,
    isFirstPage: !before,
  };
}

export default function Interactions() {
  const data = useLoaderData<typeof loader>();
  const [params] = useSearchParams();
  const title = data.role === "agent" ? "My conversations" : data.role === "supervisor" ? "Team conversations" : "Interactions";
  const nextParams = new URLSearchParams(params);
  if (data.next) nextParams.set("before", data.next);
  const firstParams = new URLSearchParams(params);
  firstParams.delete("before");
  return (
    <>
      <div className="page-header">
        <h1>{title}</h1>
      </div>
      <Form method="get" className="filters" aria-label="Filter interactions">
        <div className="field field--inline">
          <label htmlFor="channel">Channel</label>
          <select id="channel" name="channel" defaultValue={data.channel}>
            <option value="">All channels</option>
            <option value="call">Calls</option>
            <option value="chat">Chats</option>
            <option value="email">Emails</option>
          </select>
        </div>
        <button type="submit" className="button">
          Apply
        </button>
      </Form>
      <InteractionTable
        items={data.items}
        caption={`${title}, newest first`}
        empty={data.isFirstPage ? "No conversations match." : "There are no older conversations."}
      />
      <nav className="pager" aria-label="Pages">
        {!data.isFirstPage ? <Link to={`?${firstParams.toString()}`}>Newest</Link> : null}
        {data.next ? (
          <Link to={`?${nextParams.toString()}`} rel="next">
            Older
          </Link>
        ) : null}
      </nav>
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
