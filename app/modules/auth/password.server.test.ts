import { describe, expect, it } from "vitest";
import { db } from "../../lib/db.server";
import { seedUser } from "../../../test/factories";
import { hashPassword, verifyPassword } from "./password.server";

describe("passwords", () => {
  it("stores users' passwords as argon2id hashes, never in the clear", async () => {
    const user = await seedUser("qa");
    const row = await db().selectFrom("users").select("password_hash").where("id", "=", user.id).executeTakeFirstOrThrow();
    expect(row.password_hash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.password_hash).not.toContain(user.password);
  });

  it("salts each hash, so equal passwords do not hash alike", async () => {
    expect(await hashPassword("same password")).not.toBe(await hashPassword("same password"));
  });

  it("verifies the right password and refuses a wrong one", async () => {
    const hash = await hashPassword("correct horse battery");
    expect(await verifyPassword(hash, "correct horse battery")).toBe(true);
    expect(await verifyPassword(hash, "correct horse batterY")).toBe(false);
  });

  it("refuses, rather than throws, against a damaged hash", async () => {
    expect(await verifyPassword("not-a-hash", "anything")).toBe(false);
    expect(await verifyPassword("", "anything")).toBe(false);
  });
});
