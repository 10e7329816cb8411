import { describe, expect, it } from "vitest";
import {
  autosaveReducer,
  canOverwrite,
  hasUnsavedChanges,
  initialAutosaveState,
  nextSaveDelayMs,
  questionErrorsOf,
  readyToSend,
  retryDelayMs,
  saveStatus,
  type AutosaveEvent,
  type AutosaveState,
} from "./autosave-state";

const time = (iso: string) => iso.slice(11, 16);
const run = (state: AutosaveState, ...events: AutosaveEvent[]) => events.reduce(autosaveReducer, state);
const start = () => initialAutosaveState(3, "2026-11-10T14:30:00.000Z");
const label = (state: AutosaveState) => saveStatus(state, time).label;

describe("autosave state", () => {
  it("starts saved, turns unsaved on an edit, saving when sent, saved with the new revision", () => {
    let state = start();
    expect(label(state)).toBe("Saved 14:30");
    expect(readyToSend(state)).toBe(false);
    expect(nextSaveDelayMs(state, 1000)).toBeNull();

    state = run(state, { type: "edit" }, { type: "edit" });
    expect(label(state)).toBe("Unsaved changes");
    expect(readyToSend(state)).toBe(true);
    expect(nextSaveDelayMs(state, 1000)).toBe(1000);

    state = run(state, { type: "send" });
    expect(label(state)).toBe("Saving…");
    expect(readyToSend(state)).toBe(false);

    state = run(state, { type: "saved", revision: 4, savedAt: "2026-11-10T14:32:05.000Z" });
    expect(state.revision).toBe(4);
    expect(hasUnsavedChanges(state)).toBe(false);
    expect(label(state)).toBe("Saved 14:32");
  });

  it("keeps edits made while a save is in flight unsaved, and sends them next", () => {
    const state = run(start(), { type: "edit" }, { type: "send" }, { type: "edit" }, { type: "saved", revision: 4, savedAt: "2026-11-10T14:33:00.000Z" });
    expect(hasUnsavedChanges(state)).toBe(true);
    expect(label(state)).toBe("Unsaved changes");
    expect(readyToSend(state)).toBe(true);
    expect(run(state, { type: "send" }).sending).toBe(2);
  });

  it("an answer with nothing in flight changes nothing", () => {
    const state = run(start(), { type: "edit" });
    expect(run(state, { type: "saved", revision: 9, savedAt: "2026-11-10T15:00:00.000Z" })).toBe(state);
  });

  it("retries a network failure with backoff, keeps the draft unsaved, and recovers", () => {
    let state = run(start(), { type: "edit" }, { type: "send" }, { type: "failed", kind: "offline", message: "Failed to fetch" });
    expect(label(state)).toBe("Offline — will retry");
    expect(hasUnsavedChanges(state)).toBe(true);
    expect(readyToSend(state)).toBe(true);
    expect(nextSaveDelayMs(state, 1000)).toBe(2000);
    state = run(state, { type: "send" }, { type: "failed", kind: "offline", message: "Failed to fetch" });
    expect(nextSaveDelayMs(state, 1000)).toBe(4000);
    state = run(state, { type: "send" }, { type: "failed", kind: "server", message: "500" });
    expect(label(state)).toBe("Not saved — will retry");
    expect(nextSaveDelayMs(state, 1000)).toBe(8000);
    state = run(state, { type: "send" }, { type: "saved", revision: 4, savedAt: "2026-11-10T14:40:00.000Z" });
    expect(state.retries).toBe(0);
    expect(state.failure).toBeNull();
    expect(label(state)).toBe("Saved 14:40");
  });

  it("backs off 2, 4, 8, 16 s, then every 30 s", () => {
    expect([1, 2, 3, 4, 5, 6, 20].map(retryDelayMs)).toEqual([2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(retryDelayMs(0)).toBe(0);
  });

  it("stops on a conflict until the reviewer overwrites, keeping their input unsaved", () => {
    let state = run(start(), { type: "edit" }, { type: "send" }, { type: "failed", kind: "conflict", message: "saved from another tab" });
    expect(label(state)).toBe("Not saved — changed in another tab");
    expect(hasUnsavedChanges(state)).toBe(true);
    expect(readyToSend(state)).toBe(false);
    expect(nextSaveDelayMs(run(state, { type: "edit" }), 1000)).toBeNull();
    expect(canOverwrite(state)).toBe(true);

    state = run(state, { type: "send" });
    expect(canOverwrite(state)).toBe(false);
    state = run(state, { type: "saved", revision: 7, savedAt: "2026-11-10T14:50:00.000Z" });
    expect(state).toMatchObject({ revision: 7, failure: null });
    expect(label(state)).toBe("Saved 14:50");
  });

  it("does not resend a refused (422) draft until it changes, and keeps the messages per question", () => {
    let state = run(start(), { type: "edit" }, { type: "send" }, { type: "failed", kind: "invalid", message: "bad", questionErrors: { discovery: "Out of range" } });
    expect(label(state)).toBe("Not saved — check the highlighted answers");
    expect(readyToSend(state)).toBe(false);
    expect(state.failure?.questionErrors).toEqual({ discovery: "Out of range" });
    state = run(state, { type: "edit" });
    expect(readyToSend(state)).toBe(true);
    expect(label(state)).toBe("Unsaved changes");
    expect(state.failure?.questionErrors).toEqual({ discovery: "Out of range" });
  });

  it("never sends again once the evaluation was submitted elsewhere", () => {
    const state = run(start(), { type: "edit" }, { type: "send" }, { type: "failed", kind: "locked", message: "already submitted" }, { type: "edit" });
    expect(readyToSend(state)).toBe(false);
    expect(canOverwrite(state)).toBe(false);
    expect(label(state)).toBe("Not saved — already submitted");
  });

  it("restarts from the server's copy, or from a restored local copy as unsaved", () => {
    const conflicted = run(start(), { type: "edit" }, { type: "send" }, { type: "failed", kind: "conflict", message: "x" });
    const reloaded = run(conflicted, { type: "restart", revision: 8, savedAt: "2026-11-10T15:00:00.000Z" });
    expect(reloaded).toEqual(initialAutosaveState(8, "2026-11-10T15:00:00.000Z"));
    const restored = run(start(), { type: "restart", revision: 3, savedAt: null, edited: true });
    expect(hasUnsavedChanges(restored)).toBe(true);
    expect(readyToSend(restored)).toBe(true);
    expect(label(initialAutosaveState(1, null))).toBe("No changes yet");
  });

  it("reads question ids out of the action's field errors", () => {
    expect(questionErrorsOf({ "answers.identity": "Answer this question", "answers.q-2.value": "Too high", feedback: "Too long" })).toEqual({
      identity: "Answer this question",
      "q-2": "Too high",
    });
  });
});
