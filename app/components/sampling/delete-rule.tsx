import { Form, Link, useNavigation } from "@remix-run/react";
import { useRef } from "react";
import { CsrfField } from "../csrf-field";

export interface RuleDeletionView {
  ruleId: string;
  ruleName: string;
  notStarted: number;
  inProgress: number;
  done: number;
  skipped: number;
  runs: number;
}

const count = (n: number, one: string, many: string) => `${n.toLocaleString("en")} ${n === 1 ? one : many}`;

/** Exactly what deleting the rule does, with the counts as the page was loaded. */
export function RuleDeletionSummary({ deletion }: { deletion: RuleDeletionView }) {
  const { notStarted, inProgress, done, skipped, runs } = deletion;
  const kept = done + skipped;
  return (
    <ul className="deletion-summary">
      <li>
        The rule stops running{runs > 0 ? ` and the history of its ${count(runs, "run", "runs")} is deleted` : ""}.
      </li>
      {notStarted > 0 ? (
        <li>
          <strong>{count(notStarted, "open assignment nobody has started is", "open assignments nobody has started are")} cancelled</strong>:
          they leave the reviewers&rsquo; queues now, marked skipped because the rule was deleted. Like any skipped conversation they are not
          drawn again for their scorecard; assign one by hand from its page if it still needs a review.
        </li>
      ) : null}
      {inProgress > 0 ? (
        <li>
          {count(inProgress, "assignment a reviewer has begun stays", "assignments reviewers have begun stay")} in their queue to finish.
        </li>
      ) : null}
      {kept > 0 ? (
        <li>
          {done > 0 ? count(done, "done assignment", "done assignments") : ""}
          {done > 0 && skipped > 0 ? " and " : ""}
          {skipped > 0 ? count(skipped, "skipped assignment", "skipped assignments") : ""} {kept === 1 ? "stays" : "stay"} as{" "}
          {kept === 1 ? "it is" : "they are"}.
        </li>
      ) : null}
      {notStarted + inProgress + kept === 0 ? <li>It has assigned no work, so no queue changes.</li> : null}
      {inProgress + kept > 0 ? <li>Work that stays keeps the rule&rsquo;s name, marked &ldquo;Rule deleted&rdquo;.</li> : null}
      <li>This cannot be undone. To stop the rule for a while instead, pause it.</li>
    </ul>
  );
}

/** The form that deletes; posts to the delete route, which also serves the page without JavaScript. */
export function DeleteRuleForm({ deletion, onCancel }: { deletion: RuleDeletionView; onCancel?: () => void }) {
  const navigation = useNavigation();
  const action = `/sampling/${deletion.ruleId}/delete`;
  const busy = navigation.state !== "idle" && navigation.formAction === action;
  const label = deletion.notStarted > 0 ? `Delete rule and cancel ${count(deletion.notStarted, "assignment", "assignments")}` : "Delete rule";
  return (
    <div className="dialog__actions">
      {onCancel ? (
        <button type="button" className="button" onClick={onCancel}>
          Cancel
        </button>
      ) : (
        <Link to={`/sampling/${deletion.ruleId}`} className="button">
          Cancel
        </Link>
      )}
      <Form method="post" action={action}>
        <CsrfField />
        <button type="submit" className="button button--danger" disabled={busy}>
          {busy ? "Deleting…" : label}
        </button>
      </Form>
    </div>
  );
}

/**
 * The rule page's danger zone. "Delete rule…" is a link to the confirmation page, so it works
 * without JavaScript; with it, the same confirmation opens in a dialog instead.
 */
export function DeleteRuleSection({ deletion }: { deletion: RuleDeletionView }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const open = deletion.notStarted + deletion.inProgress;
  return (
    <section className="danger-zone" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete this rule</h2>
      <p>
        Deleting stops the rule and removes its run history.{" "}
        {open > 0
          ? `It has ${count(open, "open assignment", "open assignments")}: those nobody has started are cancelled, those begun stay to finish.`
          : "It has no open assignments."}{" "}
        To stop it for a while instead, pause it.
      </p>
      <Link
        to={`/sampling/${deletion.ruleId}/delete`}
        className="button button--danger"
        onClick={(event) => {
          event.preventDefault();
          dialog.current?.showModal();
        }}
      >
        Delete rule…
      </Link>
      <dialog ref={dialog} aria-labelledby="confirm-delete-title" aria-describedby="confirm-delete-text" className="dialog">
        <h3 id="confirm-delete-title">Delete “{deletion.ruleName}”?</h3>
        <div id="confirm-delete-text">
          <RuleDeletionSummary deletion={deletion} />
        </div>
        <DeleteRuleForm deletion={deletion} onCancel={() => dialog.current?.close()} />
      </dialog>
    </section>
  );
}
