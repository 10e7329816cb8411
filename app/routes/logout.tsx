import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { clearSessionCookie, readSessionToken } from "../lib/auth.server";
import { db } from "../lib/db.server";
import { readForm } from "../lib/forms.server";
import { destroySession } from "../modules/auth/session.server";
import { z } from "zod";

export function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const token = await readSessionToken(request);
  const result = await readForm(request, z.object({}));
  if (!result.ok) return result.response;
  if (token) await destroySession(db(), token);
  throw redirect("/login", { headers: { "Set-Cookie": await clearSessionCookie(request) } });
}
