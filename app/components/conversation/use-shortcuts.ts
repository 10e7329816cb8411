/**
 * The workspace's keyboard shortcuts (shortcuts.ts), listened for on the whole document so
 * they work wherever focus is, except where keys belong to the page: fields, selects, the
 * rich-text editor, a focused button's Space, and any open modal dialog.
 */
import { useEffect, useRef } from "react";
import { shortcutApplies, shortcutFor, type ShortcutAction } from "./shortcuts";

export type ShortcutHandlers = Partial<Record<ShortcutAction, () => void>>;

function modalOpen(): boolean {
  try {
    return document.querySelector("dialog:modal") !== null;
  } catch {
    return document.querySelector("dialog[open]") !== null;
  }
}

export function useShortcuts(handlers: ShortcutHandlers): void {
  const latest = useRef(handlers);
  useEffect(() => {
    latest.current = handlers;
  });

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.defaultPrevented || event.isComposing) return;
      const action = shortcutFor(event);
      if (!action) return;
      // Holding J or L keeps moving; holding anything else does it once.
      if (event.repeat && action !== "back" && action !== "forward") return;
      const target = event.target instanceof Element ? event.target : null;
      if (!shortcutApplies(action, target, event.key)) return;
      if (modalOpen() || target?.closest("dialog")) return;
      const run = latest.current[action];
      if (!run) return;
      event.preventDefault();
      run();
    }
    document.addEventListener("keydown", onKeyDown);
    return () => document.removeEventListener("keydown", onKeyDown);
  }, []);
}
