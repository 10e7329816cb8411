/**
 * The organisation settings page (/admin/settings, issue 13 §10) as Remix calls it, on real
 * PostgreSQL: only admins open or save it; a save is validated field by field and writes
 * nothing when refused; a save writes every setting and the arbiter pool in one go, with one
 * audit entry holding before and after of what changed; a new scorecard starts with the
 * acknowledgement defaults.
 */
import { describe, expect, it } from "vitest";
import { seedUser } from "../../test/factories";
import { withOrganisationSettings } from "../../test/organisation-factories";
import { getRequest, postRequest, returned, thrown } from "../../test/route-requests";
import { db } from "../lib/db.server";
import { getOrganisationSettings, listArbiterPool } from "../modules/organisation/get-organisation-settings.server";
import { roles } from "../modules/users/roles";
import { action, loader } from "./admin.settings";
import { loader as scorecardsLoader } from "./scorecards._index";

const load = async (viewer: { id: string }) => loader({ request: await getRequest(viewer, "/admin/settings"), params: {}, context: {} });
const save = async (viewer: { id: string }, fields: Record<string, string | string[]>) =>
  action({ request: await postRequest(viewer, "/admin/settings", fields), params: {}, context: {} });

/** The form as the page sends it with the defaults, changed by `changes`. */
function form(changes: Record<string, string | string[]> = {}): Record<string, string | string[]> {
  return {
    timeZone: "UTC",
    emailFrom: "",
    workingDays: ["1", "2", "3", "4", "5"],
    holidays: [""],
    selfEvaluationEnabled: "",
    defaultAcknowledgement: "none",
    defaultAcknowledgementDays: "",
    disputeWindowDays: "14",
    disputeResolutionDays: "5",
    disputeReasonCodes: ["Answer does not match the conversation", "Question does not apply", "Customer or system caused it", "Followed the documented process"],
    ...changes,
  };
}

/** The settings' audit entries written since `since` (the database is shared by this file's tests). */
const auditEntries = (since: number) =>
  db().selectFrom("audit_log").select(["action", "entity_type", "entity_id", "before", "after"]).where("action", "=", "organisation.settings_update").where("id", ">", since).orderBy("id").execute();
const lastAuditId = async () => Number((await db().selectFrom("audit_log").select((eb) => eb.fn.max("id").as("id")).executeTakeFirst())?.id ?? 0);

describe("/admin/settings", () => {
  it("opens and saves for admins only; every other role is refused with 403 and nothing is written", async () => {
    await withOrganisationSettings({}, async () => {
      const since = await lastAuditId();
      for (const role of roles) {
        const user = await seedUser(role);
        if (role === "admin") {
          expect((await load(user)).settings.disputeWindowDays).toBe(14);
          continue;
        }
        expect((await thrown(() => load(user))).status).toBe(403);
        expect((await thrown(() => save(user, form({ disputeWindowDays: "20" })))).status).toBe(403);
      }
      expect((await getOrganisationSettings(db())).disputeWindowDays).toBe(14);
      expect(await auditEntries(since)).toEqual([]);
    });
  });

  it("saves every setting and the arbiter pool, audits only what changed, and shows the stored values", async () => {
    await withOrganisationSettings({}, async () => {
      const since = await lastAuditId();
      await db().deleteFrom("dispute_arbiters").execute();
      const admin = await seedUser("admin");
      const [qa, supervisor] = await Promise.all([seedUser("qa"), seedUser("supervisor")]);
      const saved = await save(
        admin,
        form({
          timeZone: "Europe/Berlin",
          emailFrom: "qa@example.com",
          workingDays: ["5", "1", "2", "3", "4", "6"],
          holidays: ["2026-12-26", "", "2026-12-25", "2026-12-25"],
          disputeSupervisorFirstLine: "on",
          disputeDecisionMayLower: "on",
          selfEvaluationEnabled: "on",
          defaultAcknowledgement: "required",
          defaultAcknowledgementDays: "7",
          disputeWindowDays: "10",
          disputeResolutionDays: "3",
          disputeReasonCodes: ["  Wrong answer ", "", "Not applicable"],
          arbiterIds: [qa.id, supervisor.id],
        }),
      );
      expect(saved).toMatchObject({ ok: true, message: "Settings saved (13 changed)." });
      expect(await getOrganisationSettings(db())).toEqual({
        timeZone: "Europe/Berlin",
        disputeWindowDays: 10,
        disputeResolutionDays: 3,
        workingDays: [1, 2, 3, 4, 5, 6],
        holidays: ["2026-12-25", "2026-12-26"],
        disputeSupervisorFirstLine: true,
        disputeReasonCodes: ["Wrong answer", "Not applicable"],
        disputeDecisionMayLower: true,
        selfEvaluationEnabled: true,
        defaultAcknowledgement: "required",
        defaultAcknowledgementDays: 7,
        emailFrom: "qa@example.com",
        csatMetadataKey: null,
        csatMetadataScale: null,
      });
      expect((await listArbiterPool(db())).sort()).toEqual([qa.id, supervisor.id].sort());
      const page = await load(admin);
      expect(page.arbiterIds.sort()).toEqual([qa.id, supervisor.id].sort());
      expect(page.arbiterCandidates.map((candidate) => candidate.label)).toEqual(expect.arrayContaining([`${qa.name} (QA specialist)`]));

      const [entry] = await auditEntries(since);
      expect(entry).toMatchObject({ entity_type: "organisation", entity_id: "1" });
      expect(entry?.before).toMatchObject({ timeZone: "UTC", disputeWindowDays: 14, selfEvaluationEnabled: false, arbiterIds: [], holidays: [] });
      expect(entry?.after).toMatchObject({ timeZone: "Europe/Berlin", disputeWindowDays: 10, selfEvaluationEnabled: true, holidays: ["2026-12-25", "2026-12-26"] });

      // The same values again change nothing and write no entry; one change writes an entry with that one setting.
      const same = form({
        timeZone: "Europe/Berlin", emailFrom: "qa@example.com", workingDays: ["1", "2", "3", "4", "5", "6"], holidays: ["2026-12-25", "2026-12-26"],
        disputeSupervisorFirstLine: "on", disputeDecisionMayLower: "on", selfEvaluationEnabled: "on", defaultAcknowledgement: "required",
        defaultAcknowledgementDays: "7", disputeWindowDays: "10", disputeResolutionDays: "3", disputeReasonCodes: ["Wrong answer", "Not applicable"], arbiterIds: [qa.id, supervisor.id],
      });
      expect(await save(admin, same)).toMatchObject({ ok: true, message: "Nothing changed." });
      expect(await save(admin, { ...same, arbiterIds: [qa.id], selfEvaluationEnabled: "" })).toMatchObject({ message: "Settings saved (2 changed)." });
      const entries = await auditEntries(since);
      expect(entries).toHaveLength(2);
      expect(entries[1]).toMatchObject({ before: { selfEvaluationEnabled: true, arbiterIds: [qa.id, supervisor.id].sort() }, after: { selfEvaluationEnabled: false, arbiterIds: [qa.id] } });
    });
  });

  it("maps a metadata key to CSAT with its scale, and refuses a key without a scale or an unknown scale", async () => {
    await withOrganisationSettings({}, async () => {
      await db().deleteFrom("dispute_arbiters").execute();
      const admin = await seedUser("admin");
      expect(await save(admin, form({ csatMetadataKey: "  survey_score ", csatMetadataScale: "1-10" }))).toMatchObject({ ok: true, message: "Settings saved (2 changed)." });
      expect(await getOrganisationSettings(db())).toMatchObject({ csatMetadataKey: "survey_score", csatMetadataScale: "1-10" });
      expect((await load(admin)).settings).toMatchObject({ csatMetadataKey: "survey_score", csatMetadataScale: "1-10" });
      const noScale = await save(admin, form({ csatMetadataKey: "survey_score", csatMetadataScale: "" }));
      expect(returned(noScale)).toMatchObject({ status: 422, fieldErrors: { csatMetadataScale: "Pick the scale the survey answers on." } });
      const noKey = await save(admin, form({ csatMetadataKey: "", csatMetadataScale: "1-5" }));
      expect(returned(noKey)).toMatchObject({ status: 422, fieldErrors: { csatMetadataKey: "Enter the metadata key that holds the answer, or choose no scale." } });
      const unknown = await save(admin, form({ csatMetadataKey: "survey_score", csatMetadataScale: "1-3" }));
      expect(returned(unknown)).toMatchObject({ status: 422, fieldErrors: { csatMetadataScale: "Pick the survey's scale: 1-5, 1-7, 1-10, 0-10." } });
      // Emptied, the mapping is gone: later imports read no CSAT from metadata.
      expect(await save(admin, form())).toMatchObject({ ok: true, message: "Settings saved (2 changed)." });
      expect(await getOrganisationSettings(db())).toMatchObject({ csatMetadataKey: null, csatMetadataScale: null });
    });
  });

  it("refuses bad values with one message per field, keeps what was typed, and writes nothing", async () => {
    await withOrganisationSettings({}, async () => {
      const since = await lastAuditId();
      const poolBefore = await listArbiterPool(db());
      const admin = await seedUser("admin");
      const agent = await seedUser("agent");
      const refused = await save(
        admin,
        form({
          timeZone: "Mars/Olympus",
          emailFrom: "not an address",
          workingDays: [],
          holidays: ["2026-12-25", "25/12/2026"],
          disputeWindowDays: "0",
          disputeResolutionDays: "2.5",
          disputeReasonCodes: [""],
          defaultAcknowledgement: "required",
          defaultAcknowledgementDays: "",
        }),
      );
      expect(returned(refused)).toEqual({
        status: 422,
        message: "Please correct the highlighted fields.",
        fieldErrors: {
          timeZone: "Pick a time zone from the list.",
          disputeResolutionDays: "Enter the number of working days as a whole number.",
        },
      });
      // Field types first; the limits are checked once every field has its type.
      const limits = await save(admin, form({ disputeWindowDays: "0", workingDays: [], holidays: ["2026-12-25", "25/12/2026"], disputeReasonCodes: [""], defaultAcknowledgement: "required", emailFrom: "not an address" }));
      expect(returned(limits).fieldErrors).toEqual({
        disputeWindowDays: "At least 1 day.",
        workingDays: "Pick at least one working day.",
        "holidays.1": "Use a date such as 2026-12-25.",
        disputeReasonCodes: "Keep at least one reason.",
        emailFrom: "Use an address such as qa@example.com.",
        defaultAcknowledgementDays: "Give the number of days when acknowledgement is required, and only then.",
      });
      expect((refused as { data: { values: Record<string, string> } }).data.values).toMatchObject({ timeZone: "Mars/Olympus", disputeResolutionDays: "2.5" });
      const arbiter = await save(admin, form({ arbiterIds: [agent.id] }));
      expect(returned(arbiter)).toMatchObject({ status: 422, fieldErrors: { arbiterIds: "Arbiters are active QA specialists or supervisors; reload the page and pick from the list." } });
      expect(await getOrganisationSettings(db())).toMatchObject({ timeZone: "UTC", disputeWindowDays: 14, workingDays: [1, 2, 3, 4, 5] });
      expect(await listArbiterPool(db())).toEqual(poolBefore);
      expect(await auditEntries(since)).toEqual([]);
    });
  });

  it("gives the New scorecard form the organisation's acknowledgement defaults", async () => {
    await withOrganisationSettings({ default_acknowledgement: "required", default_acknowledgement_days: 4 }, async () => {
      const lead = await seedUser("qa_lead");
      const page = await scorecardsLoader({ request: await getRequest(lead, "/scorecards"), params: {}, context: {} });
      expect(page.newScorecard).toEqual({ acknowledgement: "required", acknowledgementDays: "4" });
    });
  });
});
