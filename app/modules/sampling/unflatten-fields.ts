/**
 * Form fields named by path (`filters.window.kind`, `filters.metadata.0.key`) back into the
 * nested object a schema expects, so a zod issue path joined with "." names the form field
 * again. Numeric segments make arrays (holes dropped, order kept). Anything that is not a
 * plain object of fields (an API body that is already nested) passes through unchanged.
 */
const UNSAFE = new Set(["__proto__", "prototype", "constructor"]);

type Tree = Record<string, unknown>;

export function unflattenFields(value: unknown): unknown {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return value;
  const root: Tree = {};
  for (const [name, fieldValue] of Object.entries(value)) {
    const path = name.split(".");
    if (path.some((segment) => segment === "" || UNSAFE.has(segment))) continue;
    let node = root;
    path.forEach((segment, index) => {
      if (index === path.length - 1) {
        node[segment] = fieldValue;
        return;
      }
      const next = node[segment];
      if (typeof next !== "object" || next === null || Array.isArray(next)) node[segment] = {};
      node = node[segment] as Tree;
    });
  }
  return arraysFromIndexes(root);
}

/** `{ "0": a, "2": b }` becomes `[a, b]`; other objects keep their keys. */
function arraysFromIndexes(node: unknown): unknown {
  if (typeof node !== "object" || node === null || Array.isArray(node)) return node;
  const entries = Object.entries(node).map(([key, child]) => [key, arraysFromIndexes(child)] as const);
  if (entries.length > 0 && entries.every(([key]) => /^\d{1,4}$/.test(key))) {
    return entries.sort(([a], [b]) => Number(a) - Number(b)).map(([, child]) => child);
  }
  return Object.fromEntries(entries);
}
