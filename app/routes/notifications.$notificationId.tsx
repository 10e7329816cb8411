import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { RouteErrorBoundary } from "../components/error-page";
import { requireViewer } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { errorPage, rethrowAsErrorPage } from "../lib/errors.server";
import { openNotification } from "../modules/notifications/open-notification.server";

/** Opening a notification: marked read, then on to what it is about. Someone else's is not found. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const id = z.uuid().safeParse(params.notificationId);
  if (!id.success) throw errorPage("not_found", "Notification not found");
  const { link } = await openNotification(db(), viewer, id.data).catch((error: unknown) => rethrowAsErrorPage(error));
  return redirect(link);
}

export const ErrorBoundary = RouteErrorBoundary;
