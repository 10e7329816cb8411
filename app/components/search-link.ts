/**
 * Links that change some search params of the current page and keep the rest, for pages
 * with more than one independently paged or filtered list (a run's agents and its
 * assignments): turning one list's page must not reset the other's.
 */
export function searchWith(params: URLSearchParams, changes: Record<string, string | null>, hash = ""): string {
  const next = new URLSearchParams(params);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) next.delete(name);
    else next.set(name, value);
  }
  const search = next.toString();
  return `?${search}${hash}`;
}
