/**
 * Autosave of a draft evaluation (DESIGN.md "Errors, bad input, consistency"): the answers
 * and feedback as typed, if nobody saved since the page's revision; a stale save answers 409
 * and changes nothing, and the workspace keeps the reviewer's input. Incomplete answers are
 * fine in a draft; answers that do not fit their question are not. `overwrite` ("Keep mine and
 * overwrite", after a conflict) saves over whatever revision is there, decided under the
 * row lock so nothing saved in between is lost unseen; a submitted evaluation still refuses.
 */
import { sql } from "kysely";
import type { Database } from "../../lib/db.server";
import type { Viewer } from "../users/roles";
import type { EvaluationInput } from "./evaluation-input.schema";
import { loadDraftForUpdate } from "./load-draft-for-update.server";
import { assertAnswersFit } from "./score-answers";

export async function saveEvaluationDraft(
  db: Database,
  viewer: Viewer,
  evaluationId: string,
  input: EvaluationInput,
  { overwrite = false }: { overwrite?: boolean } = {},
): Promise<{ revision: number; savedAt: Date }> {
  return db.transaction().execute(async (trx) => {
    const draft = await loadDraftForUpdate(trx, viewer, evaluationId, overwrite ? "current" : input.revision);
    assertAnswersFit(draft.definition, input.answers);
    const saved = await trx
      .updateTable("evaluations")
      .set({
        answers: JSON.stringify(input.answers),
        feedback: JSON.stringify(input.feedback),
        revision: draft.revision + 1,
        updated_at: sql`now()`,
      })
      .where("id", "=", evaluationId)
      .returning(["revision", "updated_at"])
      .executeTakeFirstOrThrow();
    return { revision: saved.revision, savedAt: saved.updated_at };
  });
}
