/**
 * Direct mode: the import runs the same use cases as the API (startRecordingUpload,
 * importInteraction) against the configured database and storage.
 */
import type { Database } from "../../app/lib/db.server";
import { DomainError } from "../../app/lib/errors";
import type { BlobStore } from "../../app/lib/storage.server";
import { toUploadPlanJson } from "../../app/modules/api/upload-plan";
import { importInteraction } from "../../app/modules/interactions/import-interaction.server";
import { startRecordingUpload } from "../../app/modules/interactions/recording-upload.server";
import { can } from "../../app/modules/access/permissions";
import type { Viewer } from "../../app/modules/users/roles";
import { describeFailure, FatalError, ItemFailure, type ImportSink } from "./sink";

export interface Limits {
  maxTranscriptBytes: number;
  maxRecordingBytes: number;
}

export function createDirectSink(db: Database, store: BlobStore, importer: Viewer, limits: Limits): ImportSink {
  const asItemFailure = (error: unknown): never => {
    if (error instanceof DomainError) throw new ItemFailure(describeFailure(error.message, error.fieldErrors));
    throw error;
  };
  return {
    async startUpload(input) {
      const plan = await startRecordingUpload(db, store, { userId: importer.id, ...input, maxBytes: limits.maxRecordingBytes }).catch(asItemFailure);
      // This process uploads itself, straight to storage: the URLs are used as signed.
      return toUploadPlanJson(plan, (url) => url);
    },
    async importOne(request) {
      return importInteraction(db, store, importer, request, { maxTranscriptBytes: limits.maxTranscriptBytes }).catch(asItemFailure);
    },
  };
}

/** The person the import is recorded as: `email`, or the first admin. Must be allowed to import. */
export async function findImporter(db: Database, email: string | null): Promise<Viewer> {
  let query = db.selectFrom("users").select(["id", "name", "email", "role"]).where("active", "=", true);
  query = email ? query.where((eb) => eb(eb.fn("lower", ["email"]), "=", email.toLowerCase())) : query.where("role", "=", "admin").orderBy("created_at").limit(1);
  const user = await query.executeTakeFirst();
  if (!user) throw new FatalError(email ? `No active user ${email}.` : "There is no active admin to record the import as; use --as EMAIL.");
  const teams = await db.selectFrom("team_members").select("team_id").where("user_id", "=", user.id).execute();
  const viewer: Viewer = { id: user.id, name: user.name, email: user.email, role: user.role as Viewer["role"], teamIds: teams.map((t) => t.team_id) };
  if (!can(viewer, "interactions:ingest")) throw new FatalError(`${user.email} may not import interactions (admins and QA leads may).`);
  return viewer;
}
