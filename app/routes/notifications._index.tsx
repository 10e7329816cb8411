import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, useNavigation } from "@remix-run/react";
import { z } from "zod";
import { CsrfField } from "../components/csrf-field";
import { KeysetPager, keysetListErrorBoundary } from "../components/keyset-pager";
import { requireViewer } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { errorPage, runUseCase } from "../lib/errors.server";
import { readForm } from "../lib/forms.server";
import { formatDateTime } from "../lib/time";
import { encodeNotificationCursor, notificationCursorSchema } from "../modules/notifications/notification-cursor";
import { notificationKindLabels } from "../modules/notifications/notification-kinds";
import { countUnread, listNotifications } from "../modules/notifications/list-notifications.server";
import { markAllNotificationsRead } from "../modules/notifications/open-notification.server";
import { getOrganisation } from "../modules/users/get-organisation.server";

export const meta: MetaFunction = () => [{ title: "Notifications · Parley" }];

const PAGE_SIZE = 25;
const searchSchema = z.object({ after: notificationCursorSchema });

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const search = searchSchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  if (!search.success) throw errorPage("bad_request", search.error.issues[0]?.message ?? "The page link is malformed; go back to the first page");
  const after = search.data.after;
  const [page, unread, organisation] = await Promise.all([listNotifications(db(), viewer, { after, limit: PAGE_SIZE }), countUnread(db(), viewer), getOrganisation(db())]);
  return {
    items: page.items.map((item) => ({
      id: item.id,
      kind: notificationKindLabels[item.kind],
      title: item.title,
      body: item.body,
      read: item.read,
      at: formatDateTime(item.createdAt, organisation.timeZone),
    })),
    unread,
    next: page.next ? encodeNotificationCursor(page.next) : null,
    isFirstPage: !after,
  };
}

const actionSchema = z.object({ intent: z.literal("mark-all-read") });

export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requireViewer(request);
  const form = await readForm(request, actionSchema);
  if (!form.ok) return form.response;
  const marked = await runUseCase(form.form, () => markAllNotificationsRead(db(), viewer));
  if (!marked.ok) return marked.response;
  return { ok: true as const, marked: marked.value };
}

export default function Notifications() {
  const data = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === "submitting";
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Notifications</h1>
          <p className="muted">
            {data.unread === 0 ? "Nothing unread." : `${data.unread.toLocaleString("en-GB")} unread.`} Newest first. <Link to="/settings/notifications">Choose what comes by email</Link>
          </p>
        </div>
        {data.unread > 0 ? (
          <Form method="post">
            <CsrfField />
            <button type="submit" name="intent" value="mark-all-read" className="button" disabled={busy}>
              Mark all read
            </button>
          </Form>
        ) : null}
      </div>
      {result && result.ok ? (
        <p className="alert alert--success" role="status">
          {result.marked === 1 ? "1 notification marked read." : `${result.marked.toLocaleString("en-GB")} notifications marked read.`}
        </p>
      ) : null}
      {result && !result.ok ? (
        <p className="alert alert--error" role="alert">
          {result.message}
        </p>
      ) : null}
      {data.items.length === 0 ? (
        <div className="empty-state">
          <p>
            <strong>{data.isFirstPage ? "No notifications yet." : "No more notifications."}</strong>
          </p>
          <p>{data.isFirstPage ? "When feedback is released to you, a comment is added to a thread you are in, or something waits for you, it appears here." : "You have reached the end of the list."}</p>
        </div>
      ) : (
        <ul className="inbox" aria-label="Notifications, newest first">
          {data.items.map((item) => (
            <li key={item.id} className={`inbox__item${item.read ? "" : " inbox__item--unread"}`}>
              {/* Opening marks it read, so no prefetch: hovering is not reading. */}
              <Link to={`/notifications/${item.id}`} className="inbox__link">
                {item.read ? null : <span className="visually-hidden">Unread: </span>}
                {item.title}
              </Link>
              {item.body ? <p className="inbox__body">{item.body}</p> : null}
              <p className="inbox__meta muted">
                {item.read ? null : (
                  <span className="badge badge--unread" aria-hidden="true">
                    New
                  </span>
                )}
                {item.kind} · {item.at}
              </p>
            </li>
          ))}
        </ul>
      )}
      <KeysetPager firstHref={data.isFirstPage ? null : "/notifications"} nextHref={data.next ? `?after=${encodeURIComponent(data.next)}` : null} />
    </>
  );
}

export const ErrorBoundary = keysetListErrorBoundary("/notifications", "Go to the first page of your notifications");
