import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { revealPendingRow, revealRow } from "./use-follow";

// revealRow needs only a few DOM calls: a scroller whose rows can be added later, as the
// transcript adds its turns beyond the first screenful after hydration.
function fakeScroller() {
  const rows = new Map<string, { top: number }>();
  const scrolls: number[] = [];
  const scroller = {
    scrollTop: 0,
    clientHeight: 600,
    getBoundingClientRect: () => ({ top: 0, bottom: 600 }),
    querySelector: (selector: string) => {
      const id = /data-segment-id="(.+)"/.exec(selector)?.[1] ?? "";
      const row = rows.get(id);
      return row ? { getBoundingClientRect: () => ({ top: row.top - scroller.scrollTop, bottom: row.top - scroller.scrollTop + 40, height: 40 }) } : null;
    },
    scrollTo: ({ top }: { top: number }) => {
      scroller.scrollTop = top;
      scrolls.push(top);
    },
  };
  return { element: scroller as unknown as HTMLElement, rows, scrolls };
}

beforeEach(() => {
  vi.stubGlobal("CSS", { escape: (value: string) => value });
  vi.stubGlobal("window", { matchMedia: () => ({ matches: false }) });
});
afterEach(() => vi.unstubAllGlobals());

describe("revealRow", () => {
  it("scrolls a row below the view to a third from the top and leaves a visible one alone", () => {
    const { element, rows, scrolls } = fakeScroller();
    rows.set("s1", { top: 100 });
    rows.set("s900", { top: 36_000 });
    expect(revealRow(element, "s1")).toBe(false);
    expect(revealRow(element, "s900")).toBe(true);
    expect(scrolls).toEqual([36_000 - (600 - 40) / 3]);
  });

  it("reveals a turn asked for before it was rendered once the rest of the transcript is in", () => {
    const { element, rows, scrolls } = fakeScroller();
    expect(revealRow(element, "s900")).toBe(false);
    expect(scrolls).toEqual([]);
    rows.set("s900", { top: 36_000 });
    expect(revealPendingRow(element)).toBe(true);
    expect(element.scrollTop).toBeGreaterThan(35_000);
    // Only once.
    expect(revealPendingRow(element)).toBe(false);
    expect(scrolls).toHaveLength(1);
  });

  it("forgets an earlier request when a later one could be served at once: the newest wins", () => {
    const { element, rows, scrolls } = fakeScroller();
    rows.set("s30", { top: 1_200 });
    revealRow(element, "s900");
    revealRow(element, "s30");
    rows.set("s900", { top: 36_000 });
    expect(revealPendingRow(element)).toBe(false);
    expect(scrolls).toEqual([1_200 - (600 - 40) / 3]);
  });
});
