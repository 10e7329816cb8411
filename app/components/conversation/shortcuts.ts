/**
 * Keyboard shortcuts of the review workspace: which key does what, when keys belong to
 * the page instead (typing in a field, a focused button's Space), and the list the help
 * overlay shows. Pure: the hook in use-shortcuts.ts applies it to keydown events.
 */
export type ShortcutAction =
  | "togglePlay"
  | "back"
  | "forward"
  | "slower"
  | "faster"
  | "search"
  | "nextHit"
  | "previousHit"
  | "annotate"
  | "help";

export interface KeyLike {
  key: string;
  shiftKey: boolean;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}

export function shortcutFor(event: KeyLike): ShortcutAction | null {
  // Ctrl/⌘/Alt combinations are the browser's and the system's (Ctrl+F, ⌘L, AltGr+…).
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case " ":
    case "Spacebar":
      return "togglePlay";
    case "ArrowLeft":
      return "back";
    case "ArrowRight":
      return "forward";
    case "[":
      return "slower";
    case "]":
      return "faster";
    case "/":
      return "search";
    case "?":
      return "help";
  }
  // Letters regardless of Caps Lock; Shift picks the previous search hit.
  switch (event.key.length === 1 ? event.key.toLowerCase() : "") {
    case "k":
      return event.shiftKey ? null : "togglePlay";
    case "j":
      return event.shiftKey ? null : "back";
    case "l":
      return event.shiftKey ? null : "forward";
    case "n":
      return event.shiftKey ? "previousHit" : "nextHit";
    case "a":
      return event.shiftKey ? null : "annotate";
  }
  return null;
}

export interface TargetLike {
  tagName: string;
  isContentEditable?: boolean;
  getAttribute?(name: string): string | null;
}

/**
 * Keys belong to whatever has focus when it takes text or choices: inputs of every type
 * (radio buttons use the arrows), selects, text areas and rich-text editors.
 */
export function ownsKeys(target: TargetLike | null): boolean {
  if (!target) return false;
  const tag = target.tagName.toUpperCase();
  if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT") return true;
  if (target.isContentEditable) return true;
  const role = target.getAttribute?.("role");
  return role === "textbox" || role === "combobox" || role === "slider" || role === "spinbutton" || role === "listbox";
}

/**
 * The player's own buttons (the transport, a turn's time) carry this attribute: Space on them
 * plays or pauses like everywhere else in the workspace. Clicking a turn's time and then
 * pressing Space to pause is the common case, and it must not jump back to the turn instead.
 */
export const PLAYER_CONTROL_ATTRIBUTE = "data-player-control";

/** Space (and Enter) press a focused button, link or menu item; the shortcut leaves it to them. */
export function pressesOnSpace(target: TargetLike | null): boolean {
  if (!target) return false;
  if (typeof target.getAttribute?.(PLAYER_CONTROL_ATTRIBUTE) === "string") return false;
  const tag = target.tagName.toUpperCase();
  // Not links: Space does not follow a link, it would only scroll the page.
  if (tag === "BUTTON" || tag === "SUMMARY" || tag === "AUDIO" || tag === "VIDEO") return true;
  const role = target.getAttribute?.("role");
  return role === "button" || role === "checkbox" || role === "radio" || role === "switch" || role === "menuitem" || role === "tab" || role === "option";
}

/**
 * Whether a keydown of `key` on `target` runs `action`, or is left to the page. Only Space
 * is left to a focused button (not one of the player's): K always plays.
 */
export function shortcutApplies(action: ShortcutAction, target: TargetLike | null, key = " "): boolean {
  if (ownsKeys(target)) return false;
  if (action === "togglePlay" && (key === " " || key === "Spacebar") && pressesOnSpace(target)) return false;
  return true;
}

export interface ShortcutHelp {
  keys: string[];
  does: string;
  /** Only where there is audio, or only while annotating is allowed. */
  needs?: "audio" | "editable";
}

export const SHORTCUT_HELP: ShortcutHelp[] = [
  { keys: ["Space", "K"], does: "Play or pause", needs: "audio" },
  { keys: ["J", "←"], does: "Back 5 seconds", needs: "audio" },
  { keys: ["L", "→"], does: "Forward 5 seconds", needs: "audio" },
  { keys: ["["], does: "Slower playback", needs: "audio" },
  { keys: ["]"], does: "Faster playback", needs: "audio" },
  { keys: ["/"], does: "Search the transcript" },
  { keys: ["N"], does: "Next search match" },
  { keys: ["Shift", "N"], does: "Previous search match" },
  { keys: ["A"], does: "Annotate the selected text, the drawn region, or the current moment", needs: "editable" },
  { keys: ["?"], does: "Show these shortcuts" },
  { keys: ["Esc"], does: "Close this list, or leave the search box" },
];
