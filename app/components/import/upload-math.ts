/** Pure arithmetic of a browser → storage upload: which bytes each part holds, and what the progress bar says. */

export interface PartRange {
  partNumber: number;
  /** First byte (inclusive). */
  start: number;
  /** End byte (exclusive), as `Blob.slice` takes it. */
  end: number;
}

/**
 * The byte range of every part of a multipart upload of `size` bytes in parts of
 * `partSize` (the last part holds the rest). Part numbers start at 1, as S3 counts.
 */
export function partRanges(size: number, partSize: number, partNumbers?: readonly number[]): PartRange[] {
  if (!Number.isInteger(size) || size <= 0) throw new RangeError(`size must be a positive integer, got ${size}`);
  if (!Number.isInteger(partSize) || partSize <= 0) throw new RangeError(`partSize must be a positive integer, got ${partSize}`);
  const count = Math.ceil(size / partSize);
  const numbers = partNumbers ?? Array.from({ length: count }, (_, index) => index + 1);
  return numbers.map((partNumber) => {
    if (!Number.isInteger(partNumber) || partNumber < 1 || partNumber > count) {
      throw new RangeError(`part ${partNumber} is outside a ${count}-part upload of ${size} bytes`);
    }
    const start = (partNumber - 1) * partSize;
    return { partNumber, start, end: Math.min(size, start + partSize) };
  });
}

/** Whole percent, rounded down, so the bar shows 100 only when every byte has arrived. */
export function uploadPercent(loaded: number, total: number): number {
  if (total <= 0) return 0;
  const clamped = Math.min(Math.max(loaded, 0), total);
  return clamped === total ? 100 : Math.floor((clamped / total) * 100);
}

const MB = 1024 * 1024;

/** Megabytes with one decimal, without a trailing ".0": 12.3, 36, 0.2. */
export function formatMegabytes(bytes: number): string {
  const rounded = Math.round((bytes / MB) * 10) / 10;
  return Number.isInteger(rounded) ? String(rounded) : rounded.toFixed(1);
}

/** The text beside the progress bar: "34% · 12.3 of 36 MiB". */
export function uploadProgressText(loaded: number, total: number): string {
  const clamped = Math.min(Math.max(loaded, 0), total);
  return `${uploadPercent(clamped, total)}% · ${formatMegabytes(clamped)} of ${formatMegabytes(total)} MiB`;
}
