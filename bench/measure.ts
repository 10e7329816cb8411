/**
 * What the benchmarks measure a process with: its resident memory over time (VmRSS from
 * /proc/<pid>/status, every 250 ms) and the machine it ran on.
 */
import { readFileSync } from "node:fs";
import os from "node:os";

export interface Sample {
  t: number;
  rssMb: number;
}

/** VmRSS of a process in MiB, or null once it has gone. */
export function rssMb(pid: number): number | null {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]);
    return Number.isFinite(kb) ? kb / 1024 : null;
  } catch {
    return null;
  }
}

export class RssSampler {
  readonly samples: Sample[] = [];
  private timer: NodeJS.Timeout | null = null;
  private readonly started = Date.now();
  constructor(
    private readonly pid: number,
    intervalMs = 250,
  ) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
  }
  private sample() {
    const value = rssMb(this.pid);
    if (value !== null) this.samples.push({ t: (Date.now() - this.started) / 1000, rssMb: value });
  }
  stop() {
    this.sample();
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    return this;
  }
  get peak() {
    return Math.max(...this.samples.map((sample) => sample.rssMb));
  }
  get first() {
    return this.samples[0]?.rssMb ?? 0;
  }
  /** Every `step` seconds: "t=12s 181 MB". */
  timeline(step: number) {
    const points: string[] = [];
    let nextT = 0;
    for (const sample of this.samples) {
      if (sample.t >= nextT) {
        points.push(`${sample.t.toFixed(0)}s ${sample.rssMb.toFixed(0)}`);
        nextT = sample.t + step;
      }
    }
    return points.join(" · ");
  }
}

export const loadAverage = () => os.loadavg().map((value) => value.toFixed(1)).join(" / ");

export function machine(): string {
  const cpu = /^model name\s*:\s*(.+)$/m.exec(readFileSync("/proc/cpuinfo", "utf8"))?.[1] ?? "unknown";
  const system = /^PRETTY_NAME="?([^"\n]+)"?$/m.exec(readFileSync("/etc/os-release", "utf8"))?.[1] ?? os.type();
  return `${cpu}, ${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GiB, ${system}, Node ${process.version}`;
}
