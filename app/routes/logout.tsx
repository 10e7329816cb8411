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
  // Thrown, not returned: this route has no page, and a returned data() from a resource
  // route is sent as a 200 JSON body, so a forged sign-out would look accepted.
  if (!result.ok) throw result.response;
  if (token) await destroySession(db(), token);
  throw redirect("/login", { headers: { "Set-Cookie": await clearSessionCookie(request) } });
}
