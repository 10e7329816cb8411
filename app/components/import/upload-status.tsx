import { uploadPercent, uploadProgressText } from "./upload-math";

export type UploadState =
  | { phase: "idle" }
  | { phase: "starting" }
  | { phase: "uploading"; loaded: number; total: number }
  | { phase: "uploaded"; total: number }
  | { phase: "failed"; loaded: number; total: number; message: string }
  | { phase: "cancelled"; loaded: number; total: number };

interface Props {
  state: UploadState;
  importing: boolean;
  onCancel: () => void;
  onRetry: () => void;
}

/** The recording upload's progress bar, with Cancel while it runs and "Try again" after a failure. */
export function UploadStatus({ state, importing, onCancel, onRetry }: Props) {
  if (state.phase === "idle") return null;
  const loaded = state.phase === "starting" ? 0 : state.phase === "uploaded" ? state.total : state.loaded;
  const total = state.phase === "starting" ? 0 : state.total;
  const percent = total > 0 ? uploadPercent(loaded, total) : 0;
  return (
    <section className="upload-status" aria-labelledby="upload-status-title">
      <h2 id="upload-status-title" className="upload-status__title">
        Recording upload
      </h2>
      <div className="upload-status__bar">
        <progress max={100} value={percent} aria-label="Recording upload" aria-valuetext={total > 0 ? uploadProgressText(loaded, total) : "Starting"} />
        <span className="upload-status__text">{total > 0 ? uploadProgressText(loaded, total) : "Starting…"}</span>
      </div>
      <p className="upload-status__state" role="status">
        {state.phase === "starting" ? "Preparing the upload…" : null}
        {state.phase === "uploading" ? "Uploading straight to storage. Keep this page open." : null}
        {state.phase === "uploaded" ? (importing ? "Uploaded. Importing…" : "Uploaded.") : null}
        {state.phase === "cancelled" ? "Upload cancelled. Your choices are kept; import again to continue where it stopped." : null}
      </p>
      {state.phase === "failed" ? (
        <div className="alert alert--error upload-status__error" role="alert">
          <p>The upload stopped: {state.message}</p>
          <p>Everything you entered is kept. Parts already uploaded are not sent again.</p>
          <button type="button" className="button button--primary" onClick={onRetry}>
            Try again
          </button>
        </div>
      ) : null}
      {state.phase === "uploading" ? (
        <button type="button" className="button" onClick={onCancel}>
          Cancel upload
        </button>
      ) : null}
    </section>
  );
}
