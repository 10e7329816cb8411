import type { ActionFunctionArgs, HeadersFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, useActionData, useNavigation, useSearchParams } from "@remix-run/react";
import { z } from "zod";
import { RouteErrorBoundary } from "../components/error-page";
import { commitSessionCookie, getViewer, safeRedirectPath } from "../lib/auth.server";
import { db, pgPool } from "../lib/db.server";
import { fieldErrorsOf } from "../lib/errors";
import { readFormData } from "../lib/forms.server";
import { formatRelative } from "../lib/time";
import { getConfig } from "../../server/config";
import { logIn } from "../modules/auth/log-in.server";
import { createLoginThrottle } from "../modules/auth/login-throttle.server";

export const meta: MetaFunction = () => [{ title: "Sign in · Parley" }];

const loginSchema = z.object({
  email: z.string().trim().min(1, "Enter your email").max(254).pipe(z.email({ error: "Enter an email address like name@example.com" })),
  password: z.string().min(1, "Enter your password").max(200, "That password is too long"),
  redirectTo: z.string().optional(),
});

/**
 * Remix sends an action's headers only through this export (documents and `.data` alike):
 * a refused sign-in says when the next attempt is allowed.
 */
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const retryAfter = actionHeaders.get("Retry-After");
  return retryAfter ? { "Retry-After": retryAfter } : new Headers();
};

export async function loader({ request }: LoaderFunctionArgs) {
  if (await getViewer(request)) throw redirect("/");
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = await readFormData(request);
  const parsed = loginSchema.safeParse(Object.fromEntries(form));
  const email = typeof form.get("email") === "string" ? (form.get("email") as string) : "";
  if (!parsed.success) {
    return data({ message: "Please correct the highlighted fields.", fieldErrors: fieldErrorsOf(parsed.error.issues), email }, { status: 422 });
  }
  // Where to go after signing in, settled before a session exists: a session is only opened
  // once the answer that carries its cookie can be built.
  const destination = safeRedirectPath(parsed.data.redirectTo);
  const config = getConfig();
  const throttle = createLoginThrottle(pgPool(), {
    maxFailures: config.LOGIN_MAX_FAILURES,
    lockoutMinutes: config.LOGIN_LOCKOUT_MINUTES,
    accountMaxFailures: config.LOGIN_ACCOUNT_MAX_FAILURES,
  });
  const result = await logIn(db(), throttle, {
    email: parsed.data.email,
    password: parsed.data.password,
    ip: context.clientIp ?? "unknown",
    userAgent: request.headers.get("user-agent"),
    sessionTtlHours: config.SESSION_TTL_HOURS,
  });
  if (!result.ok) {
    if (result.reason === "throttled") {
      const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
      const now = new Date();
      const retryAt = new Date(now.getTime() + minutes * 60_000);
      return data(
        {
          message: `Too many failed sign-in attempts. Try again ${formatRelative(retryAt, now, "long")}.`,
          fieldErrors: {},
          email,
        },
        { status: 429, headers: { "Retry-After": String(result.retryAfterSeconds) } },
      );
    }
    return data({ message: "That email and password do not match an active account.", fieldErrors: {}, email }, { status: 401 });
  }
  throw redirect(destination, {
    headers: { "Set-Cookie": await commitSessionCookie(request, result.token, result.expiresAt) },
  });
}

export default function Login() {
  const result = useActionData<typeof action>();
  const navigation = useNavigation();
  const [params] = useSearchParams();
  const busy = navigation.state !== "idle";
  const errors: Record<string, string> = result?.fieldErrors ?? {};
  return (
    <section className="auth-card" aria-labelledby="login-title">
      <h1 id="login-title">Sign in to Parley</h1>
      <Form method="post" noValidate className="form">
        <input type="hidden" name="redirectTo" value={params.get("redirectTo") ?? ""} />
        {result?.message ? (
          <p className="alert alert--error" role="alert" id="login-error">
            {result.message}
          </p>
        ) : null}
        <div className="field">
          <label htmlFor="email">Email</label>
          <input
            id="email"
            name="email"
            type="email"
            autoComplete="username"
            required
            autoFocus
            defaultValue={result?.email ?? ""}
            aria-invalid={errors.email ? true : undefined}
            aria-describedby={errors.email ? "email-error" : undefined}
          />
          {errors.email ? (
            <p className="field__error" id="email-error">
              {errors.email}
            </p>
          ) : null}
        </div>
        <div className="field">
          <label htmlFor="password">Password</label>
          <input
            id="password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            aria-invalid={errors.password ? true : undefined}
            aria-describedby={errors.password ? "password-error" : undefined}
          />
          {errors.password ? (
            <p className="field__error" id="password-error">
              {errors.password}
            </p>
          ) : null}
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? "Signing in…" : "Sign in"}
        </button>
      </Form>
    </section>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
