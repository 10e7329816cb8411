/**
 * Which navigations would throw away the builder's unsaved edits: leaving the scorecard's
 * page, or switching to another version of it (the builder is replaced by a read-only view).
 * Posting the page's own forms (settings, archive) keeps the builder and its edits.
 */
export interface PlainLocation {
  pathname: string;
  search: string;
}

export function leavesBuilder(current: PlainLocation, next: PlainLocation): boolean {
  if (current.pathname !== next.pathname) return true;
  return new URLSearchParams(current.search).get("version") !== new URLSearchParams(next.search).get("version");
}
