/**
 * Probes from Node (no browser) that say where the workspace's time goes: how long the
 * server takes to answer the page's document and its loader data alone, and how long
 * storage takes to answer the Range request a seek to 45:00 makes.
 */

export interface Timing {
  /** Until the response headers arrived. */
  headersMs: number;
  /** Until the last byte. */
  totalMs: number;
  bytes: number;
}

async function timed(url: string, headers: Record<string, string>): Promise<Timing> {
  const started = performance.now();
  const response = await fetch(url, { headers, redirect: "manual" });
  const headersMs = performance.now() - started;
  if (!response.ok) throw new Error(`${url} answered ${response.status}`);
  const bytes = (await response.arrayBuffer()).byteLength;
  return { headersMs, totalMs: performance.now() - started, bytes };
}

async function repeat(times: number, probe: () => Promise<Timing>): Promise<Timing[]> {
  const results: Timing[] = [];
  for (let i = 0; i < times; i++) results.push(await probe());
  return results;
}

/** The workspace's HTML (server render) and its single-fetch loader data, `times` each. */
export async function probeServer(baseURL: string, cookie: string, path: string, times = 5) {
  const html = await repeat(times, () => timed(`${baseURL}${path}`, { Cookie: cookie, Accept: "text/html" }));
  const data = await repeat(times, () => timed(`${baseURL}${path}.data`, { Cookie: cookie }));
  return { html, data };
}

/**
 * The recording's bytes at `seconds` (8 kHz 16-bit stereo: 32,000 bytes a second after the
 * 44-byte header), as an open-ended Range request the way a media element asks after a
 * seek; timed to the first 64 KiB, then the request is abandoned.
 */
export async function probeRange(audioUrl: string, seconds: number, times = 5): Promise<Timing[]> {
  const offset = 44 + seconds * 32_000;
  const results: Timing[] = [];
  for (let i = 0; i < times; i++) {
    const abort = new AbortController();
    const started = performance.now();
    const response = await fetch(audioUrl, { headers: { Range: `bytes=${offset}-` }, signal: abort.signal });
    const headersMs = performance.now() - started;
    if (response.status !== 206 || !response.body) throw new Error(`the Range request answered ${response.status}`);
    let bytes = 0;
    const reader = response.body.getReader();
    while (bytes < 65_536) {
      const { done, value } = await reader.read();
      if (done) break;
      bytes += value.byteLength;
    }
    const totalMs = performance.now() - started;
    abort.abort();
    await reader.cancel().catch(() => {});
    results.push({ headersMs, totalMs, bytes });
  }
  return results;
}
