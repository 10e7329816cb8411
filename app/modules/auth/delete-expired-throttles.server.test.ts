import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { deleteExpiredThrottles } from "./delete-expired-throttles.server";

describe("deleteExpiredThrottles", () => {
  it("removes throttle rows whose window has passed and keeps live ones", async () => {
    const now = Date.now();
    await db()
      .insertInto("login_throttle")
      .values([
        { key: "account:old@example.test", points: 3, expire: now - 1000 },
        { key: "account:live@example.test", points: 3, expire: now + 60_000 },
      ])
      .execute();
    expect(await deleteExpiredThrottles(db(), now)).toBe(1);
    const keys = (await db().selectFrom("login_throttle").select("key").execute()).map((row) => row.key);
    expect(keys).toContain("account:live@example.test");
    expect(keys).not.toContain("account:old@example.test");
  });
});
