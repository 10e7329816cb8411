/**
 * What the last action on a page came to: a success line (announced politely) and a refusal
 * (announced at once). Either may be absent; nothing renders when both are.
 */
export function ActionOutcome({ success, error }: { success?: string | null; error?: string | null }) {
  return (
    <>
      {success ? (
        <p className="alert alert--success" role="status">
          {success}
        </p>
      ) : null}
      {error ? (
        <p className="alert alert--error" role="alert">
          {error}
        </p>
      ) : null}
    </>
  );
}
