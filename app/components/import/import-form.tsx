import { Link } from "@remix-run/react";
import { CsrfField } from "../csrf-field";
import type { AgentOption } from "./agent-picker";
import type { ImportActionData } from "../../modules/interactions/import-fields";
import { ImportFileFields } from "./import-file-fields";
import { ImportMetadataFields } from "./import-metadata-fields";
import { UploadStatus } from "./upload-status";
import { IMPORT_ACTION, useImportSubmission } from "./use-import-submission";

export interface ImportFormProps {
  agents: AgentOption[];
  timeZone: string;
  zoneLabel: string;
  defaultStartedAt: string;
  formats: string[];
  maxRecordingMb: number;
  maxTranscriptMb: number;
  /** The action's answer rendered by the server (a post made before the page's script ran). */
  serverAnswer: ImportActionData | null;
}

/**
 * The upload page's form. With its script running, submitting it (1) starts a
 * recording upload on the server, (2) PUTs the recording straight to storage with a
 * progress bar, (3) posts the import with the upload id; every failure keeps the page,
 * its files and what was typed. Without the script it still posts (transcripts only).
 * The state machine lives in `useImportSubmission`.
 */
export function ImportForm({ agents, timeZone, zoneLabel, defaultStartedAt, formats, maxRecordingMb, maxTranscriptMb, serverAnswer }: ImportFormProps) {
  const submission = useImportSubmission({ agents, maxRecordingMb, maxTranscriptMb, serverAnswer });
  const { formRef, preview, roles, failure, duplicate, upload, busy, importing, previewing } = submission;

  return (
    <form ref={formRef} method="post" action={IMPORT_ACTION} encType="multipart/form-data" className="form import-form" noValidate onSubmit={submission.onSubmit}>
      <CsrfField />
      <input type="hidden" name="intent" value="import" />
      <input type="hidden" name="speakerRoles" value={preview?.ok ? JSON.stringify(roles) : ""} />

      {failure?.message ? (
        <div className="alert alert--error" role="alert" id="import-message" tabIndex={-1}>
          <p>{failure.message}</p>
        </div>
      ) : null}
      {duplicate ? (
        <div className="alert alert--warning" role="alert" id="import-duplicate">
          <h2>Already imported</h2>
          <p>
            A conversation with the external id <strong>{duplicate.externalId}</strong> was imported before, so this one was not.{" "}
            <Link to={`/interactions/${duplicate.id}`}>Open the existing interaction</Link>, or change the external id to import this file as
            another conversation.
          </p>
        </div>
      ) : null}

      <ImportFileFields submission={submission} formats={formats} maxRecordingMb={maxRecordingMb} maxTranscriptMb={maxTranscriptMb} />
      <ImportMetadataFields submission={submission} agents={agents} timeZone={timeZone} zoneLabel={zoneLabel} defaultStartedAt={defaultStartedAt} />

      <UploadStatus state={upload} importing={importing} onCancel={submission.cancelUpload} onRetry={() => void submission.run()} />

      <div className="import-form__actions">
        <button type="submit" className="button button--primary" disabled={busy || previewing}>
          {busy ? (upload.phase === "uploading" || upload.phase === "starting" ? "Uploading…" : "Importing…") : "Import"}
        </button>
      </div>
    </form>
  );
}
