import { FieldError } from "../field-error";
import { SpeakerTable } from "./speaker-table";
import type { ImportSubmission } from "./use-import-submission";

const channelNames = { call: "a call", chat: "a chat", email: "an email thread" } as const;

export interface ImportFileFieldsProps {
  submission: ImportSubmission;
  formats: string[];
  maxRecordingMb: number;
  maxTranscriptMb: number;
}

/** The form's "Files" group: the recording, the transcript, its preview and the speakers' roles. */
export function ImportFileFields({ submission, formats, maxRecordingMb, maxTranscriptMb }: ImportFileFieldsProps) {
  const { busy, recordingInput, recording, transcript, preview, previewing, previewError, chatWithRecording, roles, errors } = submission;
  const recordingError = errors.recording ?? (chatWithRecording ? "Only calls have recordings: this transcript is a chat or email." : undefined);

  return (
    <fieldset className="import-form__group" disabled={busy}>
      <legend>Files</legend>
      <div className="field">
        <label htmlFor="recording">Recording (optional)</label>
        <input
          ref={recordingInput}
          id="recording"
          type="file"
          accept="audio/*"
          onChange={(event) => submission.onRecordingChange(event.target.files?.[0] ?? null)}
          aria-invalid={recordingError ? true : undefined}
          aria-describedby={[recordingError ? "recording-error" : null, "recording-hint"].filter(Boolean).join(" ")}
        />
        <p className="field__hint" id="recording-hint">
          WAV, MP3, Ogg/Opus or FLAC, up to {maxRecordingMb} MiB; stereo files with the agent on the left are shown as two lanes. Leave it empty
          for chats and emails. The file goes straight to storage.
        </p>
        {recording ? (
          <p className="import-form__chosen">
            {recording.name} · {(recording.size / 1024 / 1024).toFixed(1)} MiB{" "}
            <button type="button" className="button button--quiet button--small" onClick={submission.removeRecording}>
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
          onChange={(event) => void submission.onTranscriptChange(event.target.files?.[0] ?? null)}
          aria-invalid={errors.transcript || previewError ? true : undefined}
          aria-describedby={[errors.transcript || previewError ? "transcript-error" : null, "transcript-hint"].filter(Boolean).join(" ")}
        />
        <p className="field__hint" id="transcript-hint">
          Any of: {formats.join(", ")}. The format is recognised from the content. Up to {maxTranscriptMb} MiB.
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
        <SpeakerTable speakers={preview.speakers} roles={roles} channel={preview.channel} error={errors.speakerRoles} onChange={submission.changeRole} />
      ) : null}
    </fieldset>
  );
}
