/** Display formatting shared by server and browser. Dates and times are shown by `time.ts`. */

/**
 * A length or a moment of a call as h:mm:ss or m:ss, in whole seconds rounded down: the same
 * on the list, the page header, the talk-time metrics and the player (whose clock counts whole
 * seconds as they pass), so one call never shows two lengths.
 */
export function formatDuration(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = String(total % 60).padStart(2, "0");
  return hours > 0 ? `${hours}:${String(minutes).padStart(2, "0")}:${seconds}` : `${minutes}:${seconds}`;
}

/** A size in binary units, as every size limit of Parley is given: "51 MiB", "1.5 KiB", "300 bytes". */
export function formatBytes(size: number): string {
  const show = (value: number, unit: string) => `${Number.isInteger(value) ? value : value.toFixed(1)} ${unit}`;
  if (size >= 1024 * 1024) return show(size / (1024 * 1024), "MiB");
  if (size >= 1024) return show(size / 1024, "KiB");
  return `${size} bytes`;
}

export function formatPercent(ratio: number): string {
  return `${Math.round(ratio * 100)}%`;
}

export const channelLabels = { call: "Call", chat: "Chat", email: "Email" } as const;
