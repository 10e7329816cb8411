/** The "?" overlay: every shortcut of the media panel, in a modal <dialog> (Esc closes it). */
import { useEffect, useRef } from "react";
import { SHORTCUT_HELP } from "./shortcuts";

export function ShortcutHelp({ open, onClose, hasAudio, editable }: { open: boolean; onClose: () => void; hasAudio: boolean; editable: boolean }) {
  const dialog = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);

  const shown = SHORTCUT_HELP.filter((item) => (item.needs === "audio" ? hasAudio : item.needs === "editable" ? editable : true));
  return (
    <dialog ref={dialog} className="dialog review-help" aria-labelledby="review-help-title" onClose={onClose} onCancel={onClose}>
      <h2 id="review-help-title">Keyboard shortcuts</h2>
      <p className="muted small">They work anywhere in the workspace except while you type in a field or the feedback editor.</p>
      <table className="review-help__table">
        <tbody>
          {shown.map((item) => (
            <tr key={item.does}>
              <th scope="row">
                {item.keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 ? (item.keys[0] === "Shift" ? " + " : " or ") : null}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </th>
              <td>{item.does}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </dialog>
  );
}
