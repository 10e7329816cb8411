import { Link, useBeforeUnload, useBlocker, useRouteLoaderData } from "@remix-run/react";
import { useCallback, useEffect, useRef, useState, type FormEvent } from "react";
import type { SpeakerRole } from "../../modules/interactions/transcript";
import type { RootLoaderData } from "../../root";
import { CsrfField } from "../csrf-field";
import { FieldError } from "../field-error";
import { AgentPicker, type AgentOption } from "./agent-picker";
import { deriveExternalId, isImportFailure, type ImportActionData, type ImportFailure, type PreviewResult } from "./import-fields";
import { SpeakerTable } from "./speaker-table";
import { UploadAborted, uploadRecording, type UploadedPart, type UploadPlan } from "./upload-recording.client";
import { UploadStatus, type UploadState } from "./upload-status";
import { useActionSubmit } from "./use-action-submit";

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

interface PendingUpload {
  file: File;
  plan: UploadPlan;
  done: Map<number, string>;
  result: { parts?: UploadedPart[] } | null;
}

const ACTION = "/import";
const channelNames = { call: "a call", chat: "a chat", email: "an email thread" } as const;

/**
 * The upload page's form. With its script running, submitting it (1) starts a
 * recording upload on the server, (2) PUTs the recording straight to storage with a
 * progress bar, (3) posts the import with the upload id; every failure keeps the page,
 * its files and what was typed. Without the script it still posts (transcripts only).
 */
export function ImportForm({ agents, timeZone, zoneLabel, defaultStartedAt, formats, maxRecordingMb, maxTranscriptMb, serverAnswer }: ImportFormProps) {
  const csrfToken = useRouteLoaderData<RootLoaderData>("root")?.csrfToken ?? "";
  const previewer = useActionSubmit<ImportActionData>(ACTION, "import-preview");
  const starter = useActionSubmit<ImportActionData>(ACTION, "import-start-upload");
  const discarder = useActionSubmit<ImportActionData>(ACTION, "import-discard-upload");
  const importer = useActionSubmit<ImportActionData>(ACTION, "import-submit");

  const serverFailure = isImportFailure(serverAnswer) ? serverAnswer : null;
  const typed = serverFailure?.values;
  const formRef = useRef<HTMLFormElement>(null);
  const recordingInput = useRef<HTMLInputElement>(null);
  const [recording, setRecording] = useState<File | null>(null);
  const [transcript, setTranscript] = useState<File | null>(null);
  const [preview, setPreview] = useState<PreviewResult | null>(null);
  const [previewing, setPreviewing] = useState(false);
  const [roles, setRoles] = useState<Record<string, SpeakerRole>>({});
  const [agent, setAgent] = useState(typed?.agent ?? "");
  const [externalId, setExternalId] = useState(typed?.externalId ?? "");
  const externalIdTouched = useRef(Boolean(typed?.externalId));
  const [failure, setFailure] = useState<ImportFailure | null>(serverFailure);
  const [duplicate, setDuplicate] = useState<{ id: string; externalId: string } | null>(
    serverAnswer?.intent === "import" && serverAnswer.ok ? serverAnswer.duplicate : null,
  );
  const [upload, setUpload] = useState<UploadState>({ phase: "idle" });
  const [busy, setBusy] = useState(false);
  const [importing, setImporting] = useState(false);
  const pending = useRef<PendingUpload | null>(null);
  const abort = useRef<AbortController | null>(null);
  const lastLoaded = useRef(0);
  const previewToken = useRef(0);

  const errors = failure?.fieldErrors ?? {};
  const previewError = preview && !preview.ok ? preview.message : undefined;
  const chatWithRecording = Boolean(recording && preview?.ok && preview.channel !== "call");

  // After a refusal, put the keyboard where the problem is.
  useEffect(() => {
    if (!failure) return;
    const form = formRef.current;
    const target = form?.querySelector<HTMLElement>('[aria-invalid="true"]') ?? document.getElementById("import-message");
    target?.focus();
  }, [failure]);

  // Leaving the page while parts are in flight would strand them: ask first, and abort them if so.
  const uploading = upload.phase === "uploading" || upload.phase === "starting";
  useEffect(() => () => abort.current?.abort(), []);
  useBeforeUnload(
    useCallback(
      (event: BeforeUnloadEvent) => {
        if (uploading) event.preventDefault();
      },
      [uploading],
    ),
  );
  const blocker = useBlocker(({ currentLocation, nextLocation }) => uploading && currentLocation.pathname !== nextLocation.pathname);
  useEffect(() => {
    if (blocker.state !== "blocked") return;
    if (window.confirm("The recording is still uploading. Leave the page and cancel the upload?")) blocker.proceed();
    else blocker.reset();
  }, [blocker]);

  function suggestExternalId(fileName: string) {
    if (!externalIdTouched.current) setExternalId(deriveExternalId(fileName));
  }

  function forgetUpload(notifyServer: boolean) {
    const current = pending.current;
    pending.current = null;
    if (current && notifyServer) {
      const body = new FormData();
      body.set("_csrf", csrfToken);
      body.set("intent", "discard-upload");
      body.set("uploadId", current.plan.uploadId);
      void discarder.submit(body);
    }
  }

  function onRecordingChange(file: File | null) {
    if (pending.current && pending.current.file !== file) forgetUpload(true);
    setUpload({ phase: "idle" });
    setRecording(file);
    setFailure(null);
    if (file) suggestExternalId(file.name);
    else if (transcript) suggestExternalId(transcript.name);
  }

  function removeRecording() {
    if (recordingInput.current) recordingInput.current.value = "";
    onRecordingChange(null);
  }

  async function onTranscriptChange(file: File | null) {
    const token = ++previewToken.current;
    setTranscript(file);
    setPreview(null);
    setPreviewing(false);
    setRoles({});
    setFailure(null);
    if (!file) return;
    if (!recording) suggestExternalId(file.name);
    if (file.size > maxTranscriptMb * 1024 * 1024) {
      setPreview({ intent: "preview", ok: false, message: `${file.name} is larger than the ${maxTranscriptMb} MB limit for transcript files.` });
      return;
    }
    const body = new FormData();
    body.set("_csrf", csrfToken);
    body.set("intent", "preview");
    body.set("transcript", file);
    body.set("startedAt", (formRef.current?.elements.namedItem("startedAt") as HTMLInputElement | null)?.value ?? "");
    setPreviewing(true);
    const answer = await previewer.submit(body);
    if (token !== previewToken.current) return; // another file was chosen meanwhile
    setPreviewing(false);
    if (answer && answer.intent === "preview") {
      setPreview(answer);
      if (answer.ok) {
        setRoles(Object.fromEntries(answer.speakers.map((speaker) => [speaker.label, speaker.guessedRole])));
        if (!agent) {
          const named = answer.speakers.filter((speaker) => speaker.guessedRole === "agent" && speaker.name);
          const match = agents.filter((option) => named.some((speaker) => speaker.name?.toLowerCase() === option.name.toLowerCase()));
          if (match.length === 1 && match[0]) setAgent(match[0].email);
        }
      }
    } else if (isImportFailure(answer)) {
      setPreview({ intent: "preview", ok: false, message: answer.message });
    }
  }

  /** Client-side checks that save uploading a large recording only to hear a field is missing. */
  function checkBeforeUpload(form: HTMLFormElement): Record<string, string> {
    const problems: Record<string, string> = {};
    if (!transcript) problems.transcript = "Choose the transcript or chat file";
    else if (previewError) problems.transcript = previewError;
    if (!agent) problems.agent = "Choose the agent who handled the conversation";
    if (!externalId.trim()) problems.externalId = "Enter the conversation's id in your phone or chat system";
    const startedAt = form.elements.namedItem("startedAt") as HTMLInputElement | null;
    if (!startedAt?.value) problems.startedAt = "Enter the date and time the conversation started";
    if (recording && recording.size > maxRecordingMb * 1024 * 1024) problems.recording = `The recording is larger than the ${maxRecordingMb} MB limit`;
    if (chatWithRecording) problems.recording = "Only calls have recordings: this transcript is a chat or email. Remove the recording.";
    return problems;
  }

  async function uploadIfNeeded(file: File): Promise<{ uploadId: string; parts?: UploadedPart[] } | null> {
    let current = pending.current;
    if (!current || current.file !== file) {
      setUpload({ phase: "starting" });
      const body = new FormData();
      body.set("_csrf", csrfToken);
      body.set("intent", "start-upload");
      body.set("fileName", file.name);
      body.set("contentType", file.type);
      body.set("size", String(file.size));
      const answer = await starter.submit(body);
      if (!answer || answer.intent !== "start-upload" || !answer.ok) {
        setUpload({ phase: "idle" });
        if (isImportFailure(answer)) setFailure({ ...answer, fieldErrors: { recording: answer.message, ...answer.fieldErrors } });
        return null;
      }
      current = { file, plan: answer.plan, done: new Map(), result: null };
      pending.current = current;
    }
    if (current.result) return { uploadId: current.plan.uploadId, ...current.result };

    const controller = new AbortController();
    abort.current = controller;
    lastLoaded.current = 0;
    setUpload({ phase: "uploading", loaded: 0, total: file.size });
    try {
      const parts = await uploadRecording(file, current.plan, {
        done: current.done,
        signal: controller.signal,
        onProgress: (loaded, total) => {
          lastLoaded.current = loaded;
          setUpload({ phase: "uploading", loaded, total });
        },
      });
      current.result = parts ? { parts } : {};
      setUpload({ phase: "uploaded", total: file.size });
      return { uploadId: current.plan.uploadId, ...current.result };
    } catch (error) {
      if (error instanceof UploadAborted) setUpload({ phase: "cancelled", loaded: lastLoaded.current, total: file.size });
      else {
        const message = error instanceof Error ? error.message : String(error);
        setUpload({ phase: "failed", loaded: lastLoaded.current, total: file.size, message });
      }
      return null;
    } finally {
      abort.current = null;
    }
  }

  async function run() {
    const form = formRef.current;
    if (!form || busy) return;
    setDuplicate(null);
    const problems = checkBeforeUpload(form);
    if (Object.keys(problems).length > 0) {
      setFailure({ ok: false, message: "Please correct the highlighted fields.", fieldErrors: problems, values: {} });
      return;
    }
    setFailure(null);
    setBusy(true);
    try {
      const uploaded = recording ? await uploadIfNeeded(recording) : null;
      if (recording && !uploaded) return;
      // Read the form after the upload: details edited meanwhile count. The files
      // fieldset is disabled while busy, so the transcript is added from state.
      const body = new FormData(form);
      if (transcript) body.set("transcript", transcript);
      if (uploaded) {
        body.set("recordingUploadId", uploaded.uploadId);
        if (uploaded.parts) body.set("recordingParts", JSON.stringify(uploaded.parts));
      }
      setImporting(true);
      const answer = await importer.submit(body);
      if (!answer) return; // redirected to the new interaction
      if (answer.intent === "import" && answer.ok) {
        setDuplicate(answer.duplicate);
        // The server dropped the uploaded copy of a duplicate.
        pending.current = null;
        setUpload({ phase: "idle" });
      } else if (isImportFailure(answer)) {
        if (answer.uploadKept === false) {
          pending.current = null;
          setUpload({ phase: "idle" });
        }
        setFailure(answer);
      }
    } finally {
      setImporting(false);
      setBusy(false);
    }
  }

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    void run();
  }

  const described = (name: string, hint = true) => [hint ? `${name}-hint` : null, errors[name] ? `${name}-error` : null].filter(Boolean).join(" ") || undefined;
  const invalid = (name: string) => (errors[name] ? true : undefined);
  const recordingError = errors.recording ?? (chatWithRecording ? "Only calls have recordings: this transcript is a chat or email." : undefined);

  return (
    <form ref={formRef} method="post" action={ACTION} encType="multipart/form-data" className="form import-form" noValidate onSubmit={onSubmit}>
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

      <fieldset className="import-form__group" disabled={busy}>
        <legend>Files</legend>
        <div className="field">
          <label htmlFor="recording">Recording (optional)</label>
          <input
            ref={recordingInput}
            id="recording"
            type="file"
            accept="audio/*"
            onChange={(event) => onRecordingChange(event.target.files?.[0] ?? null)}
            aria-invalid={recordingError ? true : undefined}
            aria-describedby={[recordingError ? "recording-error" : null, "recording-hint"].filter(Boolean).join(" ")}
          />
          <p className="field__hint" id="recording-hint">
            WAV, MP3, Ogg/Opus or FLAC, up to {maxRecordingMb} MB; stereo files with the agent on the left are shown as two lanes. Leave it empty
            for chats and emails. The file goes straight to storage.
          </p>
          {recording ? (
            <p className="import-form__chosen">
              {recording.name} · {(recording.size / 1024 / 1024).toFixed(1)} MB{" "}
              <button type="button" className="button button--quiet button--small" onClick={removeRecording}>
                Remove recording
              </button>
            </p>
          ) : null}
          <noscript>
            <p className="field__hint">Recordings need JavaScript; without it only the transcript is imported.</p>
          </noscript>
          <FieldError id="recording-error" message={recordingError} />
        </div>

        <div className="field">
          <label htmlFor="transcript">Transcript or chat file</label>
          <input
            id="transcript"
            name="transcript"
            type="file"
            required
            accept=".vtt,.webvtt,.srt,.json,.csv,.tsv,.txt,text/*,application/json"
            onChange={(event) => void onTranscriptChange(event.target.files?.[0] ?? null)}
            aria-invalid={errors.transcript || previewError ? true : undefined}
            aria-describedby={[errors.transcript || previewError ? "transcript-error" : null, "transcript-hint"].filter(Boolean).join(" ")}
          />
          <p className="field__hint" id="transcript-hint">
            Any of: {formats.join(", ")}. The format is recognised from the content. Up to {maxTranscriptMb} MB.
          </p>
          <FieldError id="transcript-error" message={previewError ?? errors.transcript} />
          {previewing ? (
            <p className="field__hint" role="status">
              Reading {transcript?.name}…
            </p>
          ) : null}
          {preview?.ok ? (
            <div className="import-preview" role="status">
              <p>
                <strong>{preview.formatLabel}</strong> · {channelNames[preview.channel]} · {preview.segments}{" "}
                {preview.channel === "call" ? "turns" : "messages"} · {preview.speakers.length} {preview.speakers.length === 1 ? "speaker" : "speakers"}
              </p>
              {preview.warnings.length > 0 ? (
                <ul className="import-preview__warnings" aria-label="Warnings">
                  {preview.warnings.map((warning) => (
                    <li key={warning}>{warning}</li>
                  ))}
                </ul>
              ) : null}
            </div>
          ) : null}
        </div>

        {preview?.ok && preview.speakers.length > 0 ? (
          <SpeakerTable
            speakers={preview.speakers}
            roles={roles}
            channel={preview.channel}
            error={errors.speakerRoles}
            onChange={(label, role) => setRoles((current) => ({ ...current, [label]: role }))}
          />
        ) : null}
      </fieldset>

      <fieldset className="import-form__group">
        <legend>About the conversation</legend>
        <AgentPicker agents={agents} value={agent} onChange={setAgent} error={errors.agent} />

        <div className="field">
          <label htmlFor="startedAt">Started at</label>
          <input
            id="startedAt"
            name="startedAt"
            type="datetime-local"
            step={1}
            defaultValue={typed?.startedAt ?? defaultStartedAt}
            aria-invalid={invalid("startedAt")}
            aria-describedby={described("startedAt")}
          />
          <p className="field__hint" id="startedAt-hint">
            In the organisation&apos;s time zone, {timeZone} ({zoneLabel}), whatever your computer&apos;s time zone is.
          </p>
          <FieldError id="startedAt-error" message={errors.startedAt} />
        </div>

        <div className="field">
          <label htmlFor="externalId">External id</label>
          <input
            id="externalId"
            name="externalId"
            maxLength={200}
            value={externalId}
            onChange={(event) => {
              externalIdTouched.current = true;
              setExternalId(event.target.value);
            }}
            aria-invalid={invalid("externalId")}
            aria-describedby={described("externalId")}
          />
          <p className="field__hint" id="externalId-hint">
            The conversation&apos;s id in your phone or chat system; filled in from the file name. An id that was already imported is refused, so
            the same conversation is never imported twice.
          </p>
          <FieldError id="externalId-error" message={errors.externalId} />
        </div>

        <div className="import-form__row">
          <div className="field">
            <label htmlFor="queue">Queue (optional)</label>
            <input id="queue" name="queue" maxLength={100} defaultValue={typed?.queue ?? ""} aria-invalid={invalid("queue")} aria-describedby={described("queue", false)} />
            <FieldError id="queue-error" message={errors.queue} />
          </div>
          <div className="field">
            <label htmlFor="direction">Direction (optional)</label>
            <select id="direction" name="direction" defaultValue={typed?.direction ?? ""} aria-invalid={invalid("direction")} aria-describedby={described("direction", false)}>
              <option value="">Not known</option>
              <option value="inbound">Inbound</option>
              <option value="outbound">Outbound</option>
            </select>
            <FieldError id="direction-error" message={errors.direction} />
          </div>
        </div>

        <div className="field">
          <label htmlFor="tags">Tags (optional)</label>
          <input id="tags" name="tags" defaultValue={typed?.tags ?? ""} aria-invalid={invalid("tags")} aria-describedby={described("tags")} />
          <p className="field__hint" id="tags-hint">
            Separate tags with commas, e.g. <span className="mono">billing, escalation</span>.
          </p>
          <FieldError id="tags-error" message={errors.tags} />
        </div>

        <div className="field">
          <label htmlFor="customerName">Customer name (optional)</label>
          <input
            id="customerName"
            name="customerName"
            maxLength={200}
            defaultValue={typed?.customerName ?? ""}
            aria-invalid={invalid("customerName")}
            aria-describedby={described("customerName")}
          />
          <p className="field__hint" id="customerName-hint">
            Leave it empty to take the customer&apos;s name from the transcript, when it has one.
          </p>
          <FieldError id="customerName-error" message={errors.customerName} />
        </div>
      </fieldset>

      <UploadStatus state={upload} importing={importing} onCancel={() => abort.current?.abort()} onRetry={() => void run()} />

      <div className="import-form__actions">
        <button type="submit" className="button button--primary" disabled={busy || previewing}>
          {busy ? (upload.phase === "uploading" || upload.phase === "starting" ? "Uploading…" : "Importing…") : "Import"}
        </button>
      </div>
    </form>
  );
}
