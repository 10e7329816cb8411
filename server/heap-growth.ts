/**
 * How far V8 lets the JavaScript heap grow past what survived the last full collection
 * before it collects again (docs/decisions/0021-heap-growth.md).
 *
 * With V8's own factor (up to 4× on a machine with this much memory) a server under steady
 * load kept about 46 MB alive yet let its heap reach 270 MB between full collections, and the
 * resident memory stayed there after the load; the issue saw 1.2 GB. Garbage, not a leak: a
 * forced collection took the heap back to 46 MB. A factor of 1.5 collects sooner at no
 * measurable cost in requests per second (docs/benchmarks.md, "Memory under load"). It is not
 * a hard cap: a large import may still grow the heap as far as it needs.
 */
import v8 from "node:v8";

/** `percent` 0 leaves V8's own factor; set before the first request, it applies to every full collection after. */
export function limitHeapGrowth(percent: number): void {
  if (percent > 0) v8.setFlagsFromString(`--heap-growing-percent=${percent}`);
}
