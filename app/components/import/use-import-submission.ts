import { useRouteLoaderData } from "@remix-run/react";
import { useEffect, useRef, useState, type FormEvent } from "react";
import type { SpeakerRole } from "../../modules/transcripts/transcript";
import type { RootLoaderData } from "../../root";
import type { AgentOption } from "./agent-picker";
import { deriveExternalId, isImportFailure, type ImportActionData, type ImportFailure, type PreviewResult } from "../../modules/interactions/import-fields";
import { UploadAborted, uploadRecording, type UploadedPart, type UploadPlan } from "./upload-recording.client";
import type { UploadState } from "./upload-status";
import { useActionSubmit } from "./use-action-submit";
import { useUploadLeaveGuard } from "./use-upload-leave-guard";

export const IMPORT_ACTION = "/import";

export interface ImportSubmissionOptions {
  agents: AgentOption[];
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

/**
 * The upload page's submission state machine. With the page's script running,
 * submitting (1) starts a recording upload on the server, (2) PUTs the recording
 * straight to storage with a progress bar, (3) posts the import with the upload id;
 * every failure keeps the page, its files and what was typed.
 */
export function useImportSubmission({ agents, maxRecordingMb, maxTranscriptMb, serverAnswer }: ImportSubmissionOptions) {
  const csrfToken = useRouteLoaderData<RootLoaderData>("root")?.csrfToken ?? "";
  const previewer = useActionSubmit<ImportActionData>(IMPORT_ACTION, "import-preview");
  const starter = useActionSubmit<ImportActionData>(IMPORT_ACTION, "import-start-upload");
  const discarder = useActionSubmit<ImportActionData>(IMPORT_ACTION, "import-discard-upload");
  const importer = useActionSubmit<ImportActionData>(IMPORT_ACTION, "import-submit");

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
  useUploadLeaveGuard(upload.phase === "uploading" || upload.phase === "starting", abort);

  function suggestExternalId(fileName: string) {
    if (!externalIdTouched.current) setExternalId(deriveExternalId(fileName));
  }

  function editExternalId(value: string) {
    externalIdTouched.current = true;
    setExternalId(value);
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
      setPreview({ intent: "preview", ok: false, code: "payload_too_large", message: `${file.name} is larger than the ${maxTranscriptMb} MiB limit for transcript files.` });
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
      setPreview({ intent: "preview", ok: false, code: answer.code, message: answer.message });
    }
  }

  function changeRole(label: string, role: SpeakerRole) {
    setRoles((current) => ({ ...current, [label]: role }));
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
    if (recording && recording.size === 0) problems.recording = `${recording.name} is empty: it holds no audio`;
    if (recording && recording.size > maxRecordingMb * 1024 * 1024) problems.recording = `The recording is larger than the ${maxRecordingMb} MiB limit`;
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

  function cancelUpload() {
    abort.current?.abort();
  }

  return {
    typed,
    formRef,
    recordingInput,
    recording,
    transcript,
    preview,
    previewing,
    previewError,
    chatWithRecording,
    roles,
    changeRole,
    agent,
    setAgent,
    externalId,
    editExternalId,
    failure,
    errors,
    duplicate,
    upload,
    busy,
    importing,
    onRecordingChange,
    removeRecording,
    onTranscriptChange,
    onSubmit,
    run,
    cancelUpload,
  };
}

export type ImportSubmission = ReturnType<typeof useImportSubmission>;
