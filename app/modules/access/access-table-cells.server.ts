/**
 * A row of the access table for one use case: its outcome (`A`, 403, 404, 409) for each role in
 * the table's column order (admin, qa_lead, qa, supervisor, agent), acted by the seeded cast.
 * Shared by the access-table test files that check a page or action per role.
 */
import { roles, type Viewer } from "../users/roles";
import { cast, outcomeOf, type Outcome } from "./access-table-world.server";

export async function outcomesByRole(act: (viewer: Viewer) => Promise<unknown>): Promise<Outcome[]> {
  const outcomes: Outcome[] = [];
  for (const role of roles) outcomes.push(await outcomeOf(() => act(cast().viewers[role])));
  return outcomes;
}
