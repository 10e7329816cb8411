import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  isRouteErrorResponse,
  useActionData,
  useLoaderData,
  type ClientActionFunctionArgs,
  type ShouldRevalidateFunction,
} from "@remix-run/react";
import { RouteErrorBoundary } from "../../components/error-page";
import { importActionSchema, type ImportActionData } from "../../modules/interactions/import-fields";
import { ImportForm } from "../../components/import/import-form";
import { discardRecordingUpload, importFromForm, loadImportPage, previewTranscript, startUpload } from "./import.server";
import { requirePermission } from "../../lib/auth.server";
import { readForm } from "../../lib/forms.server";

export const meta: MetaFunction = () => [{ title: "Import interactions · Parley" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return loadImportPage(await requirePermission(request, "interactions:ingest"));
}

/**
 * One action, four intents (`importActionSchema`): preview a transcript file, start a
 * recording upload, discard one, import. Transcript files may be large: the server's
 * bigger body limit covers this path (server/http.ts).
 */
export async function action({ request }: ActionFunctionArgs) {
  const viewer = await requirePermission(request, "interactions:ingest");
  const form = await readForm(request, importActionSchema);
  if (!form.ok) return form.response;
  const { input } = form;
  switch (input.intent) {
    case "preview":
      return previewTranscript(form.form, input);
    case "start-upload":
      return startUpload(viewer, input, form.form);
    case "discard-upload":
      return discardRecordingUpload(viewer, input.uploadId);
    case "import":
      return importFromForm(viewer, input, form.form);
  }
}

/**
 * Posts from the page go through here: a server that cannot be reached (or answers
 * with something that is not Parley) must not replace the page, and what the person
 * chose and typed, with an error page. Redirects and error responses pass through.
 */
export async function clientAction({ serverAction }: ClientActionFunctionArgs): Promise<ImportActionData> {
  try {
    return await serverAction<ImportActionData>();
  } catch (error) {
    if (error instanceof Response || isRouteErrorResponse(error)) throw error;
    return {
      ok: false,
      message: "Parley could not be reached, so nothing was imported. Check the connection and try again; your choices are kept.",
      fieldErrors: {},
      values: {},
      network: true,
    };
  }
}

/** Previews and uploads change nothing the page's loaders show. */
export const shouldRevalidate: ShouldRevalidateFunction = ({ formData, defaultShouldRevalidate }) => {
  const intent = formData?.get("intent");
  if (intent === "preview" || intent === "start-upload" || intent === "discard-upload") return false;
  return defaultShouldRevalidate;
};

export default function ImportPage() {
  const page = useLoaderData<typeof loader>();
  // Set only when the form was posted before the page's script ran (fetcher posts do not set it).
  const posted = useActionData<ImportActionData>();
  return (
    <>
      <div className="page-header">
        <div>
          <h1>Import interactions</h1>
          <p className="muted">
            One conversation at a time: a call recording with its transcript, or a chat or email export. For many at once, use the API.
          </p>
        </div>
      </div>
      <ImportForm {...page} serverAnswer={posted ?? null} />
    </>
  );
}

export const ErrorBoundary = RouteErrorBoundary;
