import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import { createAuthSession, isAuthSessionActive, revokeAuthSession } from "@/server/services/auth/auth-sessions";
import { THROTTLE } from "@/server/services/auth/login-throttle";
import { signUp } from "@/server/services/auth/sign-up";
import { listUserTenants } from "@/server/services/auth/user-tenants";
import { verifyCredentials } from "@/server/services/auth/verify-credentials";
import { FIXTURE_PASSWORD, createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import { callerFor } from "../helpers/trpc-caller";

describe.each(testDrivers())("authentication on %s", (driver) => {
  let database: Database;
  let a: FixtureTenant;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    a = await createFixtureTenant(database, "a");
  });
  afterAll(() => database.close());

  it("accepts the right password, case-insensitive email", async () => {
    const result = await verifyCredentials(database, { email: "  Analyst@A.test ", password: FIXTURE_PASSWORD }, "198.51.100.1");
    expect(result).toMatchObject({ ok: true, user: { id: a.users.analyst.id } });
  });

  it("refuses a wrong password and an unknown email the same way", async () => {
    expect(await verifyCredentials(database, { email: a.users.viewer.email, password: "wrong" }, "198.51.100.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(database, { email: "nobody@a.test", password: "wrong" }, "198.51.100.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(database, { email: "not an email" }, "198.51.100.2")).toEqual({ ok: false, reason: "invalid" });
  });

  it("locks an account after repeated failures, even for the right password", async () => {
    const email = a.users.admin.email;
    for (let i = 0; i < THROTTLE.maxFailuresPerEmail; i++) {
      expect((await verifyCredentials(database, { email, password: `bad-${i}` }, `198.51.100.${10 + i}`)).ok).toBe(false);
    }
    const locked = await verifyCredentials(database, { email, password: FIXTURE_PASSWORD }, "198.51.100.99");
    expect(locked).toMatchObject({ ok: false, reason: "locked" });
    if (!locked.ok) expect(locked.lockedUntil!.getTime()).toBeGreaterThan(Date.now() + THROTTLE.lockMs - 60_000);
    // Other accounts are unaffected.
    expect((await verifyCredentials(database, { email: a.users.owner.email, password: FIXTURE_PASSWORD }, "198.51.100.98")).ok).toBe(true);
  });

  it("locks an IP that fails across many accounts", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < THROTTLE.maxFailuresPerIp; i++) {
      await verifyCredentials(database, { email: `probe${i}@spray.test`, password: "x" }, ip);
    }
    expect(await verifyCredentials(database, { email: a.users.owner.email, password: FIXTURE_PASSWORD }, ip)).toMatchObject({ reason: "locked" });
    expect((await verifyCredentials(database, { email: a.users.owner.email, password: FIXTURE_PASSWORD }, "192.0.2.78")).ok).toBe(true);
  });

  it("sign-up creates a tenant, its owner and an audit entry", async () => {
    const result = await signUp(database, { name: "Dana", email: "Dana@Shop.test", password: "longenough", organization: "Dana's Corner Shop" });
    expect(result.slug).toBe("dana-s-corner-shop");
    const tenants = await listUserTenants(database, result.userId);
    expect(tenants).toEqual([expect.objectContaining({ slug: "dana-s-corner-shop", role: "owner", displayName: "Dana's Corner Shop" })]);
    const caller = callerFor(database, result.userId, result.slug);
    expect((await caller.admin.audit({})).map((e) => e.action)).toEqual(["tenant.created"]);
    expect((await caller.catalog.stores())).toEqual([]);
    expect((await verifyCredentials(database, { email: "dana@shop.test", password: "longenough" })).ok).toBe(true);

    const second = await signUp(database, { name: "Eve", email: "eve@shop.test", password: "longenough", organization: "Dana's Corner Shop" });
    expect(second.slug).toBe("dana-s-corner-shop-2");
  });

  it("sign-up refuses a taken email and bad input, storing nothing", async () => {
    await expect(signUp(database, { name: "X", email: a.users.owner.email, password: "longenough", organization: "Dup Org" })).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "conflict:email",
    );
    await expect(signUp(database, { name: "X", email: "short@pw.test", password: "short", organization: "Short Org" })).rejects.toThrow(/at least 8/);
    expect((await verifyCredentials(database, { email: "short@pw.test", password: "short" })).ok).toBe(false);
  });

  it("server-side sessions can be revoked", async () => {
    const sid = await createAuthSession(database, a.users.viewer.id);
    expect(await isAuthSessionActive(database, sid, a.users.viewer.id)).toBe(true);
    expect(await isAuthSessionActive(database, sid, a.users.owner.id)).toBe(false);
    await revokeAuthSession(database, sid);
    expect(await isAuthSessionActive(database, sid, a.users.viewer.id)).toBe(false);
  });
});
