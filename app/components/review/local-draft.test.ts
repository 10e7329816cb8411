import { describe, expect, it } from "vitest";
import { clearLocalDraft, localDraftKey, readLocalDraft, shouldOfferRestore, writeLocalDraft, type LocalDraft } from "./local-draft";

function memoryStorage() {
  const items = new Map<string, string>();
  return {
    items,
    getItem: (key: string) => items.get(key) ?? null,
    setItem: (key: string, value: string) => void items.set(key, value),
    removeItem: (key: string) => void items.delete(key),
  };
}

const feedback = (text: string) => ({ type: "doc" as const, content: [{ type: "paragraph" as const, content: [{ type: "text" as const, text }] }] });
const draft: LocalDraft = { answers: { greeting: { value: true } }, feedback: feedback("Kind"), revision: 4, changedAt: "2026-11-10T14:35:00.000Z" };

describe("the local copy of a draft", () => {
  it("is stored per evaluation, read back, and removed", () => {
    const storage = memoryStorage();
    expect(writeLocalDraft(storage, "e1", draft)).toBe(true);
    expect(storage.items.has(localDraftKey("e1"))).toBe(true);
    expect(readLocalDraft(storage, "e1")).toEqual(draft);
    expect(readLocalDraft(storage, "e2")).toBeNull();
    clearLocalDraft(storage, "e1");
    expect(readLocalDraft(storage, "e1")).toBeNull();
  });

  it("drops an unreadable copy and survives a storage that refuses", () => {
    const storage = memoryStorage();
    storage.setItem(localDraftKey("e1"), "{not json");
    expect(readLocalDraft(storage, "e1")).toBeNull();
    expect(storage.items.size).toBe(0);
    storage.setItem(localDraftKey("e1"), JSON.stringify({ answers: [], feedback: null }));
    expect(readLocalDraft(storage, "e1")).toBeNull();
    const full = { ...memoryStorage(), setItem: () => { throw new Error("QuotaExceededError"); } };
    expect(writeLocalDraft(full, "e1", draft)).toBe(false);
    expect(readLocalDraft(null, "e1")).toBeNull();
  });

  it("is offered on load only when it differs from the server's copy and is newer", () => {
    const server = { answers: { greeting: { value: false } }, feedback: feedback("Kind"), revision: 4, updatedAt: "2026-11-10T14:30:00.000Z" };
    expect(shouldOfferRestore(draft, server)).toBe(true);
    // Same content (key order aside): nothing to restore.
    expect(shouldOfferRestore(draft, { ...server, answers: { greeting: { value: true } } })).toBe(false);
    // The server moved on (another tab saved later): older copy, not offered.
    expect(shouldOfferRestore(draft, { ...server, revision: 6, updatedAt: "2026-11-10T14:40:00.000Z" })).toBe(false);
    // …unless the copy was changed after that save.
    expect(shouldOfferRestore(draft, { ...server, revision: 6, updatedAt: "2026-11-10T14:34:00.000Z" })).toBe(true);
    expect(shouldOfferRestore(null, server)).toBe(false);
  });
});
