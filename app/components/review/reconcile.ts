/**
 * What a workspace page that is shown again does with the server's draft before it lets the
 * reviewer type. A page can come back holding an old copy — Back after leaving by typing an
 * address (the browser reuses the first load's document), or a restore from the back-forward
 * cache after another tab saved — and an edit on that copy would meet a 409 whose "Keep mine"
 * overwrites newer work with older text. So: the same revision is current; a newer one on the
 * server is taken as it is when the page has nothing unsaved; only unsaved edits made on an
 * older copy are a real conflict for the reviewer to settle. Pure: no I/O.
 */

export type Reconcile = "current" | "take-server" | "conflict" | "submitted";

export function reconcileDraft(page: { revision: number; unsaved: boolean }, server: { revision: number; submitted: boolean }): Reconcile {
  if (server.submitted) return "submitted";
  if (server.revision <= page.revision) return "current";
  return page.unsaved ? "conflict" : "take-server";
}
