import { describe, expect, it } from "vitest";
import { PLAYER_CONTROL_ATTRIBUTE, SHORTCUT_HELP, ownsKeys, pressesOnSpace, shortcutApplies, shortcutFor, type KeyLike } from "./shortcuts";

const key = (value: string, modifiers: Partial<KeyLike> = {}): KeyLike => ({ key: value, shiftKey: false, ctrlKey: false, metaKey: false, altKey: false, ...modifiers });

describe("shortcutFor", () => {
  it.each([
    [" ", "togglePlay"],
    ["k", "togglePlay"],
    ["K", "togglePlay"], // Caps Lock
    ["j", "back"],
    ["ArrowLeft", "back"],
    ["l", "forward"],
    ["ArrowRight", "forward"],
    ["[", "slower"],
    ["]", "faster"],
    ["/", "search"],
    ["n", "nextHit"],
    ["a", "annotate"],
    ["?", "help"],
    ["x", null],
    ["Enter", null],
    ["Escape", null],
  ])("%j → %s", (value, action) => {
    expect(shortcutFor(key(value))).toBe(action);
  });

  it("reads Shift+N as the previous hit and leaves other Shift letters alone", () => {
    expect(shortcutFor(key("N", { shiftKey: true }))).toBe("previousHit");
    expect(shortcutFor(key("A", { shiftKey: true }))).toBeNull();
    expect(shortcutFor(key("?", { shiftKey: true }))).toBe("help");
  });

  it("leaves Ctrl, ⌘ and Alt combinations to the browser", () => {
    expect(shortcutFor(key("f", { ctrlKey: true }))).toBeNull();
    expect(shortcutFor(key("l", { metaKey: true }))).toBeNull();
    expect(shortcutFor(key("ArrowLeft", { altKey: true }))).toBeNull();
  });
});

describe("where shortcuts apply", () => {
  const element = (tagName: string, extra: { isContentEditable?: boolean; role?: string; playerControl?: boolean } = {}) => ({
    tagName,
    isContentEditable: extra.isContentEditable ?? false,
    getAttribute: (name: string) => (name === "role" ? (extra.role ?? null) : name === PLAYER_CONTROL_ATTRIBUTE && extra.playerControl ? "" : null),
  });

  it("never while typing or choosing in a field, a select or a rich-text editor", () => {
    for (const target of [element("INPUT"), element("textarea"), element("SELECT"), element("P", { isContentEditable: true }), element("DIV", { role: "textbox" })]) {
      expect(ownsKeys(target)).toBe(true);
      expect(shortcutApplies("back", target)).toBe(false);
      expect(shortcutApplies("annotate", target)).toBe(false);
    }
  });

  it("lets a focused button keep Space but still takes the letters", () => {
    expect(shortcutApplies("togglePlay", element("BUTTON"))).toBe(false);
    expect(shortcutApplies("togglePlay", element("BUTTON"), " ")).toBe(false);
    // K is no button's key: it plays after a click on a turn's "Play from" button.
    expect(shortcutApplies("togglePlay", element("BUTTON"), "k")).toBe(true);
    expect(shortcutApplies("togglePlay", element("DIV", { role: "button" }), "K")).toBe(true);
    expect(shortcutApplies("togglePlay", element("DIV", { role: "button" }))).toBe(false);
    expect(shortcutApplies("forward", element("BUTTON"))).toBe(true);
    // A link does nothing on Space, so Space plays there.
    expect(shortcutApplies("togglePlay", element("A"), " ")).toBe(true);
    expect(shortcutApplies("togglePlay", element("BODY"))).toBe(true);
    expect(shortcutApplies("togglePlay", null)).toBe(true);
  });

  it("plays and pauses on Space when the focused button is the player's own (transport, a turn's time)", () => {
    const turnTime = element("BUTTON", { playerControl: true });
    expect(pressesOnSpace(turnTime)).toBe(false);
    expect(shortcutApplies("togglePlay", turnTime, " ")).toBe(true);
    // Any other button keeps its Space: it is what presses it.
    expect(pressesOnSpace(element("BUTTON"))).toBe(true);
  });

  it("lists every action in the help", () => {
    const described = SHORTCUT_HELP.map((item) => item.keys.join("+"));
    expect(described).toEqual(expect.arrayContaining(["Space+K", "J+←", "L+→", "[", "]", "/", "N", "Shift+N", "A", "?"]));
  });
});
