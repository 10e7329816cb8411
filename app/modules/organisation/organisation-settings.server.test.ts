import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { withOrganisationSettings } from "../../../test/organisation-factories";
import { getOrganisationSettings } from "./get-organisation-settings.server";
import { defaultOrganisationSettings, organisationSettingsSchema } from "./organisation-settings";

describe("organisation settings", () => {
  it("reads the documented defaults when no organisation row exists", async () => {
    expect(await getOrganisationSettings(db())).toEqual({ ...defaultOrganisationSettings, timeZone: "UTC" });
  });

  it("gives a new organisation row the same defaults as the code (the columns' defaults agree)", async () => {
    await withOrganisationSettings({}, async () => {
      expect(await getOrganisationSettings(db())).toEqual({ ...defaultOrganisationSettings, timeZone: "UTC" });
    });
  });

  it("reads holidays as the dates written, whatever the server's zone", async () => {
    await withOrganisationSettings({ holidays: ["2026-12-25", "2027-01-01"], working_days: [1, 2, 3, 4], dispute_window_days: 7 }, async () => {
      const settings = await getOrganisationSettings(db());
      expect(settings.holidays).toEqual(["2026-12-25", "2027-01-01"]);
      expect(settings.workingDays).toEqual([1, 2, 3, 4]);
      expect(settings.disputeWindowDays).toBe(7);
    });
  });

  it("refuses values outside the limits the table also enforces", async () => {
    await expect(withOrganisationSettings({ dispute_window_days: 0 }, async () => {})).rejects.toThrow(/dispute_window_days_check/);
    await expect(withOrganisationSettings({ working_days: [] }, async () => {})).rejects.toThrow(/working_days_check/);
    const parsed = organisationSettingsSchema.safeParse({ ...defaultOrganisationSettings, defaultAcknowledgement: "required", defaultAcknowledgementDays: null });
    expect(parsed.success).toBe(false);
    expect(organisationSettingsSchema.parse({ ...defaultOrganisationSettings, workingDays: [5, 1, 1] }).workingDays).toEqual([1, 5]);
  });
});
