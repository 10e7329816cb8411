import { describe, expect, it, vi } from "vitest";
import { createValueStore } from "./value-store";

describe("createValueStore", () => {
  it("tells subscribers about changes only, until they unsubscribe", () => {
    const store = createValueStore<string | null>(null);
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.set("s1");
    store.set("s1");
    store.set(null);
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.get()).toBeNull();
    unsubscribe();
    store.set("s2");
    expect(listener).toHaveBeenCalledTimes(2);
    expect(store.get()).toBe("s2");
  });
});
