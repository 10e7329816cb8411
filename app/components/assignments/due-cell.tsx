import type { DueView } from "../../modules/assignments/due";

/** When work is due: overdue said in words (not by colour alone), relative, then the absolute time. */
export function DueCell({ due }: { due: DueView }) {
  return (
    <>
      {due.overdue ? <span className="badge badge--overdue">Overdue</span> : null}
      <span className={due.overdue ? "due due--overdue" : "due"}>{due.overdue ? `due ${due.relative}` : due.relative}</span>
      <span className="muted small block">{due.absolute}</span>
    </>
  );
}
