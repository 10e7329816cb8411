import { describe, expect, it } from "vitest";
import { characterCount, overLimitMessage } from "../character-count";
import { autosaveReducer, initialAutosaveState, saveStatus } from "./autosave-state";
import { heldParts, heldStatus, saveableContent } from "./held-back";

const doc = (text: string) => ({ type: "doc" as const, content: [{ type: "paragraph" as const, content: [{ type: "text" as const, text }] }] });
const time = (iso: string) => iso.slice(11, 16);

describe("parts of a draft too long to save", () => {
  it("finds overall feedback past 20,000 characters and comments past 5,000, and nothing at the limits", () => {
    expect(heldParts({ answers: { a: { value: true, comment: "x".repeat(5000) } }, feedback: doc("y".repeat(20_000)) })).toEqual([]);
    expect(heldParts({ answers: { a: { value: true, comment: "x".repeat(5001) } }, feedback: doc("y".repeat(20_512)) })).toEqual([
      { kind: "feedback", length: 20_512, max: 20_000 },
      { kind: "comment", questionId: "a", length: 5001, max: 5000 },
    ]);
  });

  it("sends everything else, with the server's copy of each part that is too long", () => {
    const saved = { answers: { a: { value: false, comment: "short" } }, feedback: doc("saved feedback") };
    const content = {
      answers: { a: { value: true, comment: "x".repeat(5001) }, b: { comment: "z".repeat(6000) }, c: { value: 3 } },
      feedback: doc("y".repeat(20_001)),
    };
    expect(saveableContent(content, saved)).toEqual({ answers: { a: { value: true, comment: "short" }, c: { value: 3 } }, feedback: doc("saved feedback") });
    // Nothing too long: sent as it is.
    const fine = { answers: { c: { value: 3 } }, feedback: doc("ok") };
    expect(saveableContent(fine, saved)).toBe(fine);
  });

  it("names what is held back in the status line instead of 'Saved' or 'check the highlighted answers'", () => {
    const held = heldParts({ answers: { a: { comment: "x".repeat(5001) } }, feedback: doc("y".repeat(20_512)) });
    expect(heldStatus(held)).toBe("Other changes saved · overall feedback not saved: 512 characters too many · a comment over 5,000 characters not saved");
    const saved = autosaveReducer(autosaveReducer(autosaveReducer(initialAutosaveState(1, null), { type: "edit" }), { type: "send" }), {
      type: "saved",
      revision: 2,
      savedAt: "2026-11-10T14:32:00.000Z",
    });
    expect(saveStatus(saved, time, heldStatus(held))).toEqual({ kind: "held", label: heldStatus(held) });
    expect(saveStatus(saved, time, null)).toEqual({ kind: "saved", label: "Saved 14:32" });
    // A refusal that names no answer does not send the reviewer looking for highlighted answers.
    const refused = autosaveReducer(autosaveReducer(autosaveReducer(initialAutosaveState(1, null), { type: "edit" }), { type: "send" }), {
      type: "failed",
      kind: "invalid",
      message: "Overall feedback: too long",
    });
    expect(saveStatus(refused, time).label).toBe("Not saved — see why below");
  });
});

describe("character counts", () => {
  it("shows from 90% of the limit, and how many characters too many past it", () => {
    expect(characterCount(1799, 2000)).toEqual({ show: false, over: 0, label: "1,799 of 2,000 characters" });
    expect(characterCount(1800, 2000)).toEqual({ show: true, over: 0, label: "1,800 of 2,000 characters" });
    expect(characterCount(2150, 2000)).toEqual({ show: true, over: 150, label: "2,150 of 2,000 characters: 150 too many" });
    expect(overLimitMessage("The comment", 2000, 2000)).toBeNull();
    expect(overLimitMessage("The comment", 2150, 2000)).toBe("The comment is 2,150 characters; the limit is 2,000. Shorten it by 150 to save it.");
  });
});
