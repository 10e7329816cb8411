/**
 * The coach's own agenda items of a session (issue 15 §2, docs/decisions/0032): an ordered list
 * kept in `coaching_sessions.agenda` (jsonb), beside the agenda Parley builds from the plan and
 * the agent's record (build-session-agenda.server.ts), which is computed when the page is read
 * and never stored. The coach adds, rewords, removes and reorders items. Pure.
 */
import { z } from "zod";

export const MAX_AGENDA_ITEMS = 30;
export const MAX_AGENDA_TEXT = 500;

export interface AgendaItem {
  id: string;
  text: string;
}

const text = z
  .string({ error: "Write the agenda item" })
  .trim()
  .min(1, "Write the agenda item")
  .max(MAX_AGENDA_TEXT, `An agenda item has at most ${MAX_AGENDA_TEXT} characters`);
const itemId = z.uuid({ error: "That agenda item is not on this session; reload the page" });

export const agendaEditSchema = z.discriminatedUnion(
  "op",
  [
    z.object({ op: z.literal("add"), text }),
    z.object({ op: z.literal("edit"), itemId, text }),
    z.object({ op: z.literal("remove"), itemId }),
    z.object({ op: z.literal("move"), itemId, direction: z.enum(["up", "down"], { error: "Move it up or down" }) }),
  ],
  { error: "Add, edit, remove or move an agenda item" },
);
export type AgendaEdit = z.output<typeof agendaEditSchema>;

/** The stored list, read defensively: anything that is not an item is left out. */
export function storedAgenda(value: unknown): AgendaItem[] {
  if (!Array.isArray(value)) return [];
  return value.flatMap((item: unknown) => {
    if (typeof item !== "object" || item === null) return [];
    const { id, text: words } = item as Record<string, unknown>;
    return typeof id === "string" && typeof words === "string" ? [{ id, text: words }] : [];
  });
}

export type AgendaResult = { ok: true; items: AgendaItem[] } | { ok: false; message: string; field: string };

/** The list after one edit; `newId` names an added item. Moving the first item up (or the last down) leaves the list as it is. */
export function applyAgendaEdit(items: readonly AgendaItem[], edit: AgendaEdit, newId: string): AgendaResult {
  if (edit.op === "add") {
    if (items.length >= MAX_AGENDA_ITEMS) return { ok: false, message: `An agenda holds at most ${MAX_AGENDA_ITEMS} items of your own`, field: "text" };
    return { ok: true, items: [...items, { id: newId, text: edit.text }] };
  }
  const index = items.findIndex((item) => item.id === edit.itemId);
  if (index < 0) return { ok: false, message: "That agenda item is no longer on this session; reload the page", field: "itemId" };
  const next = [...items];
  switch (edit.op) {
    case "edit":
      next[index] = { id: edit.itemId, text: edit.text };
      break;
    case "remove":
      next.splice(index, 1);
      break;
    case "move": {
      const target = edit.direction === "up" ? index - 1 : index + 1;
      if (target < 0 || target >= next.length) break;
      [next[index], next[target]] = [next[target]!, next[index]!];
      break;
    }
  }
  return { ok: true, items: next };
}
