/**
 * Progress of a run: a redrawn bar (count/total, rate, ETA) on a terminal, a line
 * every few seconds otherwise (logs, CI).
 */

export interface Counts {
  created: number;
  duplicates: number;
  skipped: number;
  failed: number;
}

export interface Progress {
  update(counts: Counts): void;
  /** Clears the bar so the summary starts on a clean line. */
  finish(): void;
}

interface Output {
  isTTY?: boolean;
  columns?: number;
  write(text: string): unknown;
}

export function createProgress(total: number, out: Output, { lineEveryMs = 5000, now = () => Date.now() } = {}): Progress {
  const started = now();
  let last = 0;
  let drawn = false;
  const render = (counts: Counts, force: boolean) => {
    const t = now();
    const interval = out.isTTY ? 100 : lineEveryMs;
    if (!force && t - last < interval) return;
    last = t;
    const done = counts.created + counts.duplicates + counts.skipped + counts.failed;
    // The rate counts work done in this run; skipped items cost nothing.
    const worked = done - counts.skipped;
    const seconds = Math.max(0.001, (t - started) / 1000);
    const rate = worked / seconds;
    const eta = rate > 0 ? formatSeconds((total - done) / rate) : "–";
    const tail = `${done}/${total} · ${rate.toFixed(rate < 10 ? 1 : 0)}/s · ETA ${eta} · created ${counts.created}, duplicates ${counts.duplicates}, skipped ${counts.skipped}, failed ${counts.failed}`;
    if (out.isTTY) {
      const width = Math.max(10, Math.min(30, (out.columns ?? 80) - tail.length - 4));
      const filled = total ? Math.round((done / total) * width) : width;
      out.write(`\r[${"#".repeat(filled)}${"-".repeat(width - filled)}] ${tail}\x1b[K`);
      drawn = true;
    } else {
      out.write(`${tail}\n`);
    }
  };
  return {
    update: (counts) => render(counts, false),
    finish() {
      if (drawn) out.write("\r\x1b[K");
    },
  };
}

export function formatSeconds(seconds: number): string {
  if (!Number.isFinite(seconds)) return "–";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}
