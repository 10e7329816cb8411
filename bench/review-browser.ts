/**
 * The browser half of `npm run bench:review`: Chromium through Playwright, one fresh
 * browser context per cold run (empty HTTP cache, signed-in cookie restored), the same
 * page navigated again for a warm run.
 *
 * Times are taken inside the page with performance.now(), whose origin is the navigation's
 * start, by a script installed before the document loads (page.addInitScript): a
 * MutationObserver (and a 10 ms timer as a fallback) notes when each condition first holds.
 * The in-page scripts are plain strings: tsx would otherwise wrap named functions in a
 * `__name` helper that does not exist in the page.
 */
import { readFileSync } from "node:fs";
import { CHROMIUM_ARGS as TEST_CHROMIUM_ARGS } from "../e2e/support/chromium";
import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from "@playwright/test";

/** playwright.config.ts's arguments, plus autoplay so a script may start playback. */
export const CHROMIUM_ARGS = [...TEST_CHROMIUM_ARGS, "--autoplay-policy=no-user-gesture-required"];

export function launchChromium(): Promise<Browser> {
  const executablePath = process.env.PLAYWRIGHT_CHROMIUM_PATH || "/usr/bin/chromium";
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

const VIEWPORT = { width: 1440, height: 900 };

// ---------------------------------------------------------------- in-page scripts

/** Marks, in ms since navigation start: rows in the DOM, hydrated, transcript ready, waveform ready. */
const appObserver = (rows: number) => `(() => {
  if (!location.pathname.startsWith("/review/")) return;
  const marks = {};
  window.__bench = marks;
  const longTasks = [];
  window.__longTasks = longTasks;
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longTasks.push([entry.startTime, entry.duration]);
    }).observe({ type: "longtask", buffered: true });
  } catch (error) {}
  let observer = null;
  let timer = 0;
  const check = () => {
    const now = performance.now();
    if (marks.overview === undefined && document.querySelector("[data-waveform-drawn]")) {
      marks.overview = now;
      requestAnimationFrame(() => requestAnimationFrame(() => { marks.overviewPainted = performance.now(); }));
    }
    if (marks.rows === undefined) {
      const list = document.querySelector('ol[aria-label="Transcript"]');
      if (list && list.children.length >= ${rows}) marks.rows = now;
    }
    if (marks.hydrated === undefined && window.__remixRouter && window.__remixRouter.state.initialized === true) marks.hydrated = now;
    if (marks.transcriptReady === undefined && document.querySelector('[data-transcript-ready="true"]')) marks.transcriptReady = now;
    if (marks.interactive === undefined && marks.rows !== undefined && marks.hydrated !== undefined && marks.transcriptReady !== undefined) marks.interactive = now;
    if (marks.waveform === undefined && document.querySelector('[data-waveform-ready="true"]')) {
      marks.waveform = now;
      requestAnimationFrame(() => requestAnimationFrame(() => { marks.waveformPainted = performance.now(); }));
    }
    if (marks.failed === undefined && document.querySelector('.media-player[data-state="failed"]')) marks.failed = now;
    if (marks.interactive !== undefined && (marks.waveform !== undefined || marks.failed !== undefined)) {
      marks.done = true;
      if (observer) observer.disconnect();
      clearInterval(timer);
    }
  };
  observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true, attributes: true, attributeFilter: ["data-transcript-ready", "data-waveform-ready", "data-state"] });
  timer = setInterval(check, 10);
})();`;

/** What the page shows when a load does not finish. */
const STATE_FOR_ERROR = `({
  url: location.href,
  marks: window.__bench,
  players: [...document.querySelectorAll(".media-player")].map((el) => el.getAttribute("data-state")),
  rows: document.querySelector('ol[aria-label="Transcript"]')?.children.length ?? null,
  alerts: [...document.querySelectorAll('[role="alert"]')].map((el) => el.textContent),
  title: document.title,
  resources: performance.getEntriesByType("resource").map((r) => r.name.split("?")[0].slice(-50) + " " + Math.round(r.startTime) + "–" + Math.round(r.responseEnd)),
})`;

/** What the page loaded: the document, its scripts, peaks.json. */
const PAGE_FACTS = `(() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const resources = performance.getEntriesByType("resource");
  const scripts = resources.filter((r) => r.initiatorType === "script" || r.initiatorType === "link" && r.name.endsWith(".js") || r.name.endsWith(".js"));
  const peaks = resources.find((r) => r.name.includes("peaks.json"));
  const marks = window.__bench;
  const until = marks.waveformPainted ?? marks.waveform ?? Infinity;
  const tasks = window.__longTasks.filter(([start]) => start < until);
  return {
    marks,
    longTaskMs: tasks.reduce((sum, [, duration]) => sum + duration, 0),
    longestTaskMs: tasks.reduce((longest, [, duration]) => Math.max(longest, duration), 0),
    documentResponseStart: nav.responseStart,
    documentResponseEnd: nav.responseEnd,
    documentBytes: nav.decodedBodySize,
    domContentLoaded: nav.domContentLoadedEventEnd,
    load: nav.loadEventEnd,
    scriptCount: scripts.length,
    scriptBytes: scripts.reduce((sum, r) => sum + (r.decodedBodySize || 0), 0),
    peaks: peaks ? { url: peaks.name, start: peaks.startTime, end: peaks.responseEnd } : null,
    domNodes: document.getElementsByTagName("*").length,
  };
})()`;

/**
 * Seek to 45:00 and play, as a reviewer would: press the transcript's "Play from 45:00"
 * button (it seeks and plays). The clock starts just before the click and stops at
 * the <audio> element's 'playing' event; 0.5 s later the position is read again to show
 * the audio really advances. `visible`: the reader has scrolled the turn into view first
 * (a click on what they see); otherwise the button is pressed where it is, far below, and
 * the transcript follows the playhead there (a jump such as a click on the waveform).
 */
const appSeek = (visible: boolean) => `(async () => {
  const audio = document.querySelector('[data-waveform-ready="true"] audio');
  const button = document.querySelector('button[aria-label="Play from 45:00"]');
  if (!audio || !button) throw new Error('no waveform audio element or no "Play from 45:00" button');
  if (${visible}) {
    button.scrollIntoView({ block: "center" });
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }
  const events = {};
  let t0 = 0;
  const playing = new Promise((resolve, reject) => {
    for (const type of ["seeking", "seeked", "waiting", "canplay", "playing"]) {
      audio.addEventListener(type, () => {
        if (events[type] === undefined) events[type] = performance.now() - t0;
        if (type === "playing") resolve();
      });
    }
    setTimeout(() => reject(new Error("no 'playing' event within 20 s")), 20000);
  });
  t0 = performance.now();
  // As a pointer does: focus moves to the button only when it is in view (focus() would scroll).
  // The button seeks and plays.
  if (${visible}) button.focus();
  button.click();
  await playing;
  const t1 = performance.now();
  const at = audio.currentTime;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const advanced = audio.currentTime - at;
  audio.pause();
  // Long tasks (over 50 ms) on the main thread between the click and 'playing'.
  const busyMs = window.__longTasks
    .map(([start, duration]) => Math.max(0, Math.min(start + duration, t1) - Math.max(start, t0)))
    .reduce((sum, ms) => sum + ms, 0);
  return { ms: events.playing, events, position: at, advanced, busyMs, src: audio.currentSrc };
})()`;

/** The floor: a bare <audio> element on an empty page, given the workspace's own URL, metadata loaded. */
const bareSeek = (src: string) => `(async () => {
  const audio = document.createElement("audio");
  audio.preload = "metadata";
  audio.src = ${JSON.stringify(src)};
  document.body.append(audio);
  await new Promise((resolve, reject) => {
    audio.addEventListener("loadedmetadata", resolve, { once: true });
    audio.addEventListener("error", () => reject(new Error("the bare <audio> element could not load the recording")), { once: true });
  });
  await new Promise((resolve) => setTimeout(resolve, 500));
  const events = {};
  let t0 = 0;
  const playing = new Promise((resolve, reject) => {
    for (const type of ["seeking", "seeked", "waiting", "canplay", "playing"]) {
      audio.addEventListener(type, () => {
        if (events[type] === undefined) events[type] = performance.now() - t0;
        if (type === "playing") resolve();
      });
    }
    setTimeout(() => reject(new Error("no 'playing' event within 20 s")), 20000);
  });
  t0 = performance.now();
  audio.currentTime = 2700;
  audio.play().catch(() => {});
  await playing;
  const at = audio.currentTime;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const advanced = audio.currentTime - at;
  audio.pause();
  return { ms: events.playing, events, position: at, advanced, busyMs: 0, src: audio.currentSrc };
})()`;

/** The same for the comparison page: wavesurfer's own setTime(2700) and play(). */
const WAVESURFER_SEEK = `(async () => {
  const ws = window.__ws;
  const audio = ws.getMediaElement();
  const events = {};
  let t0 = 0;
  const playing = new Promise((resolve, reject) => {
    for (const type of ["seeking", "seeked", "waiting", "canplay", "playing"]) {
      audio.addEventListener(type, () => {
        if (events[type] === undefined) events[type] = performance.now() - t0;
        if (type === "playing") resolve();
      });
    }
    setTimeout(() => reject(new Error("no 'playing' event within 20 s")), 20000);
  });
  t0 = performance.now();
  ws.setTime(2700);
  ws.play().catch(() => {});
  await playing;
  const at = audio.currentTime;
  await new Promise((resolve) => setTimeout(resolve, 500));
  const advanced = audio.currentTime - at;
  ws.pause();
  return { ms: events.playing, events, position: at, advanced, busyMs: NaN, src: audio.currentSrc };
})()`;

// ---------------------------------------------------------------- measurements

export interface AppMarks {
  /** The server-drawn overview of the waveform in the DOM (the HTML as it is parsed), and painted. */
  overview?: number;
  overviewPainted?: number;
  rows?: number;
  hydrated?: number;
  transcriptReady?: number;
  interactive?: number;
  waveform?: number;
  waveformPainted?: number;
  failed?: number;
}

export interface PageFacts {
  marks: AppMarks;
  /** Long tasks (over 50 ms) on the main thread until the waveform was painted. */
  longTaskMs: number;
  longestTaskMs: number;
  documentResponseStart: number;
  documentResponseEnd: number;
  documentBytes: number;
  domContentLoaded: number;
  load: number;
  scriptCount: number;
  scriptBytes: number;
  /** Sizes are not exposed cross-origin (storage sends no Timing-Allow-Origin). */
  peaks: { url: string; start: number; end: number } | null;
  domNodes: number;
}

export interface SeekResult {
  ms: number;
  events: Record<string, number>;
  position: number;
  advanced: number;
  /** Long tasks on the main thread between the click and 'playing' (workspace only). */
  busyMs: number;
  src: string;
}

export interface Memory {
  /** CDP Performance.getMetrics JSHeapUsedSize, MB. */
  heapMb: number;
  /** The same after a forced garbage collection (CDP HeapProfiler.collectGarbage). */
  heapAfterGcMb: number;
  /** ArrayBuffer backing stores, outside the JS heap (CDP Runtime.getHeapUsage backingStorageSize), MB. */
  arrayBuffersMb: number;
  /** VmRSS of the largest renderer process, MB (ArrayBuffers and decoded audio live outside the JS heap). */
  rendererRssMb: number | null;
}

export interface AppRun {
  kind: "cold" | "warm";
  /** Cold load: "Play from 45:00" pressed with the turn scrolled into view (it seeks and plays). */
  seek: SeekResult | null;
  /** Warm load: the same button far off-screen; the transcript follows the playhead there. */
  farSeek: SeekResult | null;
  /** Node's clock from page.goto() to the in-page marks being read: an upper bound, polling included. */
  wallMs: number;
  facts: PageFacts;
  memory: Memory | null;
}

/** What the in-page scripts leave on `window`. */
interface BenchWindow {
  __bench?: Partial<AppMarks> & { done?: boolean; painted?: number; error?: string };
}

const MB = 1024 * 1024;

async function heapUsed(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send("Performance.getMetrics");
  return (metrics.find((metric) => metric.name === "JSHeapUsedSize")?.value ?? 0) / MB;
}

async function largestRendererRss(browser: Browser): Promise<number | null> {
  try {
    const session = await browser.newBrowserCDPSession();
    const { processInfo } = await session.send("SystemInfo.getProcessInfo");
    await session.detach();
    const sizes = processInfo
      .filter((info) => info.type === "renderer")
      .map((info) => {
        try {
          const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(readFileSync(`/proc/${info.id}/status`, "utf8"))?.[1]);
          return Number.isFinite(kb) ? kb / 1024 : 0;
        } catch {
          return 0;
        }
      });
    return sizes.length ? Math.max(...sizes) : null;
  } catch {
    return null;
  }
}

/** Heap after load: a quiet second first, so work scheduled right after the marks is counted. */
async function measureMemory(browser: Browser, page: Page): Promise<Memory> {
  await page.waitForTimeout(1000);
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Performance.enable");
  const heapMb = await heapUsed(cdp);
  const rendererRssMb = await largestRendererRss(browser);
  const usage = await cdp.send("Runtime.getHeapUsage");
  const arrayBuffersMb = usage.backingStorageSize / MB;
  await cdp.send("HeapProfiler.enable");
  await cdp.send("HeapProfiler.collectGarbage");
  const heapAfterGcMb = await heapUsed(cdp);
  await cdp.detach();
  return { heapMb, heapAfterGcMb, arrayBuffersMb, rendererRssMb };
}

export async function signIn(browser: Browser, baseURL: string, email: string, password: string) {
  const context = await browser.newContext({ baseURL, viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto("/login");
    await page.getByLabel("Email", { exact: true }).fill(email);
    await page.getByLabel("Password", { exact: true }).fill(password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => !url.pathname.startsWith("/login"));
    await page.getByRole("button", { name: "Sign out" }).waitFor();
    return await context.storageState();
  } finally {
    await context.close();
  }
}

type StorageState = Awaited<ReturnType<BrowserContext["storageState"]>>;

async function loadReview(page: Page, path: string): Promise<{ wallMs: number; facts: PageFacts }> {
  const started = performance.now();
  await page.goto(path, { waitUntil: "commit" });
  // Functions, not strings: the app's Content-Security-Policy forbids eval, which
  // Playwright would use for a string predicate. (Anonymous arrows get no `__name`.)
  await page.waitForFunction(() => (window as unknown as BenchWindow).__bench?.done === true, undefined, { timeout: 30_000, polling: 50 }).catch(async (error: unknown) => {
    const state = await page.evaluate<unknown>(STATE_FOR_ERROR).catch(() => null);
    throw new Error(`the workspace did not finish loading: ${error instanceof Error ? error.message : String(error)}; page state ${JSON.stringify(state)}`);
  });
  // The waveform's paint mark lands two frames after its ready mark.
  await page.waitForFunction(
    () => {
      const marks = (window as unknown as BenchWindow).__bench;
      return marks?.failed !== undefined || marks?.waveformPainted !== undefined;
    },
    undefined,
    { timeout: 5000 },
  );
  const wallMs = performance.now() - started;
  const facts = await page.evaluate<PageFacts>(PAGE_FACTS);
  if (facts.marks.failed !== undefined) throw new Error("the page shows 'The waveform could not be loaded'");
  return { wallMs, facts };
}

/** One cold load (fresh context: empty cache), its heap and a seek; then a warm reload and its seek. */
export async function measureApp(browser: Browser, options: { baseURL: string; storageState: StorageState; path: string; rows: number }): Promise<AppRun[]> {
  const context = await browser.newContext({ baseURL: options.baseURL, storageState: options.storageState, viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript(appObserver(options.rows));
    const cold = await loadReview(page, options.path);
    const memory = await measureMemory(browser, page);
    // One seek per load: every load presigns a new recording URL, so each seek fetches its
    // audio afresh (a second seek to 45:00 on the same page would play from what the first
    // one buffered).
    const seek = await page.evaluate<SeekResult>(appSeek(true));
    await page.goto("about:blank");
    const warm = await loadReview(page, options.path);
    await page.waitForTimeout(500);
    const farSeek = await page.evaluate<SeekResult>(appSeek(false));
    return [
      { kind: "cold", ...cold, memory, seek, farSeek: null },
      { kind: "warm", ...warm, memory: null, seek: null, farSeek },
    ];
  } finally {
    await context.close();
  }
}

/** From a click on the conversation page's "Continue your draft" (a client-side navigation) to the workspace's waveform. */
export interface NavigationRun {
  overviewPainted: number;
  waveform: number;
  transcriptReady: number;
}

const NAVIGATE = `(async () => {
  const link = [...document.querySelectorAll("a")].find((a) => a.textContent.trim() === "Continue your draft");
  if (!link) throw new Error('no "Continue your draft" link on the conversation page');
  const marks = {};
  const t0 = performance.now();
  await new Promise((resolve, reject) => {
    const check = () => {
      const now = performance.now() - t0;
      // The conversation page's own player stays in the DOM until the workspace replaces it.
      if (!location.pathname.startsWith("/review/") || !document.querySelector(".review-workspace")) return;
      if (marks.overview === undefined && document.querySelector(".review-workspace [data-waveform-drawn]")) {
        marks.overview = now;
        requestAnimationFrame(() => requestAnimationFrame(() => { marks.overviewPainted = performance.now() - t0; }));
      }
      if (marks.waveform === undefined && document.querySelector('.review-workspace [data-waveform-ready="true"]')) marks.waveform = now;
      if (marks.transcriptReady === undefined && document.querySelector('.review-workspace [data-transcript-ready="true"]')) marks.transcriptReady = now;
      if (marks.overviewPainted !== undefined && marks.waveform !== undefined && marks.transcriptReady !== undefined) { observer.disconnect(); clearInterval(timer); resolve(); }
    };
    const observer = new MutationObserver(check);
    observer.observe(document, { childList: true, subtree: true, attributes: true });
    const timer = setInterval(check, 10);
    setTimeout(() => reject(new Error("the workspace did not open within 30 s")), 30000);
    link.click();
  });
  return marks;
})()`;

/** The usual way in: from the conversation's page (hydrated, its waveform drawn), a click on "Continue your draft". */
export async function measureNavigation(browser: Browser, options: { baseURL: string; storageState: StorageState; conversationPath: string }): Promise<NavigationRun> {
  const context = await browser.newContext({ baseURL: options.baseURL, storageState: options.storageState, viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(options.conversationPath);
    await page.waitForFunction(() => (window as unknown as { __remixRouter?: { state: { initialized: boolean } } }).__remixRouter?.state.initialized === true);
    await page.waitForSelector('[data-waveform-ready="true"]', { timeout: 30_000 });
    await page.waitForTimeout(500);
    return await page.evaluate<NavigationRun>(NAVIGATE);
  } finally {
    await context.close();
  }
}

export interface WavesurferRun {
  wallMs: number;
  decodeMs: number;
  readyMs: number;
  paintedMs: number;
  audioFetch: { end: number; bytes: number } | null;
  longTaskMs: number;
  longestTaskMs: number;
  memory: Memory;
  seek: SeekResult;
}

interface WavesurferFacts {
  marks: { decode?: number; ready?: number; painted?: number; error?: string };
  longTasks: { ms: number; longest: number };
  audioFetch: { end: number; bytes: number } | null;
}

const WAVESURFER_FACTS = `(() => {
  const audio = performance.getEntriesByType("resource").find((r) => r.name.endsWith("/audio.wav"));
  return { marks: window.__bench, longTasks: window.__longTasks, audioFetch: audio ? { end: audio.responseEnd, bytes: audio.decodedBodySize } : null };
})()`;

const LONG_TASKS = `(() => {
  const totals = { ms: 0, longest: 0 };
  window.__longTasks = totals;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) { totals.ms += entry.duration; totals.longest = Math.max(totals.longest, entry.duration); }
  }).observe({ type: "longtask", buffered: true });
})();`;

export async function measureWavesurfer(browser: Browser, url: string): Promise<WavesurferRun> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.addInitScript(LONG_TASKS);
    const started = performance.now();
    await page.goto(url, { waitUntil: "commit" });
    await page.waitForFunction(
      () => {
        const marks = (window as unknown as BenchWindow).__bench;
        return marks?.painted !== undefined || marks?.error !== undefined;
      },
      undefined,
      { timeout: 120_000, polling: 50 },
    );
    const wallMs = performance.now() - started;
    const facts = await page.evaluate<WavesurferFacts>(WAVESURFER_FACTS);
    if (facts.marks.error) throw new Error(`wavesurfer.js failed: ${facts.marks.error}`);
    const memory = await measureMemory(browser, page);
    const seek = await page.evaluate<SeekResult>(WAVESURFER_SEEK);
    return {
      wallMs,
      decodeMs: facts.marks.decode ?? NaN,
      readyMs: facts.marks.ready ?? NaN,
      paintedMs: facts.marks.painted ?? NaN,
      audioFetch: facts.audioFetch,
      longTaskMs: facts.longTasks.ms,
      longestTaskMs: facts.longTasks.longest,
      memory,
      seek,
    };
  } finally {
    await context.close();
  }
}

/** Seek to 45:00 → playing for a bare <audio> element with the workspace's recording URL. */
export async function measureBareSeek(browser: Browser, pageUrl: string, src: string): Promise<SeekResult> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    const page = await context.newPage();
    await page.goto(pageUrl);
    return await page.evaluate<SeekResult>(bareSeek(src));
  } finally {
    await context.close();
  }
}
