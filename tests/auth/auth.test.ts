import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { authThrottle } from "@/drizzle/schema";
import { throttleCode, throttleMessage } from "@/server/auth/throttle-code";
import { withAuthRole } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import { createAuthSession, isAuthSessionActive, revokeAuthSession } from "@/server/services/auth/auth-sessions";
import { THROTTLE, admitAttempt, pairDelayMs } from "@/server/services/auth/login-throttle";
import { isCommonPassword } from "@/server/auth/common-passwords";
import { signUp } from "@/server/services/auth/sign-up";
import { SIGN_UP_LIMIT } from "@/server/services/auth/sign-up-throttle";
import { listUserTenants } from "@/server/services/auth/user-tenants";
import { verifyCredentials } from "@/server/services/auth/verify-credentials";
import { FIXTURE_PASSWORD } from "../helpers/fixtures";
import { fixtureDatabase } from "../helpers/fixture-database";
import { testDrivers } from "../helpers/test-database";
import { callerFor } from "../helpers/trpc-caller";

describe.each(testDrivers())("authentication on %s", (driver) => {
  const fixture = fixtureDatabase(driver);

  it("accepts the right password, case-insensitive email", async () => {
    const result = await verifyCredentials(fixture.database, { email: "  Analyst@A.test ", password: FIXTURE_PASSWORD }, "198.51.100.1");
    expect(result).toMatchObject({ ok: true, user: { id: fixture.a.users.analyst.id } });
  });

  it("refuses a wrong password and an unknown email the same way", async () => {
    expect(await verifyCredentials(fixture.database, { email: fixture.a.users.viewer.email, password: "wrong" }, "198.51.100.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(fixture.database, { email: "nobody@a.test", password: "wrong" }, "198.51.100.2")).toEqual({ ok: false, reason: "invalid" });
    expect(await verifyCredentials(fixture.database, { email: "not an email" }, "198.51.100.2")).toEqual({ ok: false, reason: "invalid" });
  });

  it("slows one account from one address with growing delays, even for the right password", async () => {
    const email = fixture.a.users.admin.email;
    const ip = "198.51.100.10";
    for (let i = 0; i < THROTTLE.pair.freeFailures; i++) {
      expect(await verifyCredentials(fixture.database, { email, password: `bad-${i}` }, ip)).toEqual({ ok: false, reason: "invalid" });
    }
    const throttled = await verifyCredentials(fixture.database, { email, password: FIXTURE_PASSWORD }, ip);
    expect(throttled).toMatchObject({ ok: false, reason: "throttled", scope: "account_address" });
    if (throttled.ok || throttled.reason !== "throttled") throw new Error("expected a throttle");
    expect(throttled.retryAfterSeconds).toBeGreaterThan(THROTTLE.pair.firstDelayMs / 1000 - 5);
    expect(throttled.retryAfterSeconds).toBeLessThanOrEqual(THROTTLE.pair.firstDelayMs / 1000);
    // The owner of the account at another address is not locked out.
    expect((await verifyCredentials(fixture.database, { email, password: FIXTURE_PASSWORD }, "198.51.100.11")).ok).toBe(true);
    // Other accounts from the throttled address are not affected either.
    expect((await verifyCredentials(fixture.database, { email: fixture.a.users.owner.email, password: FIXTURE_PASSWORD }, ip)).ok).toBe(true);
  });

  it("doubles the pair's delay with each failure past the free ones, up to the cap", () => {
    const free = THROTTLE.pair.freeFailures;
    expect(pairDelayMs(free - 1)).toBe(0);
    expect(pairDelayMs(free)).toBe(THROTTLE.pair.firstDelayMs);
    expect(pairDelayMs(free + 1)).toBe(2 * THROTTLE.pair.firstDelayMs);
    expect(pairDelayMs(free + 3)).toBe(8 * THROTTLE.pair.firstDelayMs);
    expect(pairDelayMs(free + 30)).toBe(THROTTLE.pair.maxDelayMs);
  });

  it("a right password clears the pair and does not count against the address", async () => {
    const email = fixture.a.users.analyst.email;
    const ip = "198.51.100.20";
    for (let i = 0; i < THROTTLE.pair.freeFailures - 1; i++) await verifyCredentials(fixture.database, { email, password: "bad" }, ip);
    expect((await verifyCredentials(fixture.database, { email, password: FIXTURE_PASSWORD }, ip)).ok).toBe(true);
    // A fresh start: the free failures are available again.
    for (let i = 0; i < THROTTLE.pair.freeFailures - 1; i++) {
      expect(await verifyCredentials(fixture.database, { email, password: "bad" }, ip)).toEqual({ ok: false, reason: "invalid" });
    }
    const [address] = await withAuthRole(fixture.database, (tx) => tx.select().from(authThrottle).where(eq(authThrottle.key, `ip:${ip}`)));
    expect(address?.failures).toBe(2 * (THROTTLE.pair.freeFailures - 1));
  });

  it("limits an address that fails across many accounts, saying it is the address", async () => {
    const ip = "192.0.2.77";
    for (let i = 0; i < THROTTLE.address.maxFailures; i++) {
      await verifyCredentials(fixture.database, { email: `probe${i}@spray.test`, password: "x" }, ip);
    }
    expect(await verifyCredentials(fixture.database, { email: fixture.a.users.owner.email, password: FIXTURE_PASSWORD }, ip)).toMatchObject({ reason: "throttled", scope: "address" });
    expect((await verifyCredentials(fixture.database, { email: fixture.a.users.owner.email, password: FIXTURE_PASSWORD }, "192.0.2.78")).ok).toBe(true);
  });

  it("locks a whole account only at a much higher count, from many addresses", async () => {
    const email = fixture.a.users.viewer.email;
    const now = new Date();
    // Counted the way verifyCredentials counts them, from a fresh address each time (a botnet).
    await withAuthRole(fixture.database, async (tx) => {
      for (let i = 0; i < THROTTLE.account.maxFailures - 1; i++) expect((await admitAttempt(tx, email, `10.9.${i >> 8}.${i & 255}`, now)).admitted).toBe(true);
    });
    expect(THROTTLE.account.maxFailures).toBeGreaterThanOrEqual(10 * THROTTLE.pair.freeFailures);
    expect((await verifyCredentials(fixture.database, { email, password: "still wrong" }, "203.0.113.50")).ok).toBe(false);
    const locked = await verifyCredentials(fixture.database, { email, password: FIXTURE_PASSWORD }, "203.0.113.51");
    expect(locked).toMatchObject({ ok: false, reason: "throttled", scope: "account" });
  });

  it("names what is throttled and for how long", () => {
    expect(throttleMessage(throttleCode("account_address", 30))).toBe("Too many failed sign-ins to this account from your address. Try again in 30 seconds.");
    expect(throttleMessage(throttleCode("address", 600))).toMatch(/from your address, across accounts\. Try again in 10 minutes/);
    expect(throttleMessage(throttleCode("account", 900))).toMatch(/^This account is locked for 15 minutes/);
    expect(throttleMessage("CredentialsSignin")).toBeNull();
  });

  it("sign-up creates a tenant, its owner and an audit entry", async () => {
    const result = await signUp(fixture.database, { name: "Dana", email: "Dana@Shop.test", password: "longenough", organization: "Dana's Corner Shop" });
    expect(result.slug).toBe("dana-s-corner-shop");
    const tenants = await listUserTenants(fixture.database, result.userId);
    expect(tenants).toEqual([expect.objectContaining({ slug: "dana-s-corner-shop", role: "owner", displayName: "Dana's Corner Shop" })]);
    const caller = callerFor(fixture.database, result.userId, result.slug);
    expect((await caller.admin.audit({})).map((e) => e.action)).toEqual(["tenant.created"]);
    expect((await caller.catalog.stores())).toEqual([]);
    expect((await verifyCredentials(fixture.database, { email: "dana@shop.test", password: "longenough" })).ok).toBe(true);

    const second = await signUp(fixture.database, { name: "Eve", email: "eve@shop.test", password: "longenough", organization: "Dana's Corner Shop" });
    expect(second.slug).toBe("dana-s-corner-shop-2");
  });

  it("sign-up refuses a taken email and bad input, storing nothing", async () => {
    await expect(signUp(fixture.database, { name: "X", email: fixture.a.users.owner.email, password: "longenough", organization: "Dup Org" })).rejects.toSatisfy(
      (e) => e instanceof AppError && e.code === "conflict:email",
    );
    await expect(signUp(fixture.database, { name: "X", email: "short@pw.test", password: "short", organization: "Short Org" })).rejects.toThrow(/at least 8/);
    expect((await verifyCredentials(fixture.database, { email: "short@pw.test", password: "short" })).ok).toBe(false);
  });

  it("sign-up refuses the 10,000 most common passwords, in any case", async () => {
    for (const password of ["12345678", "Password1", "QWERTYUIOP", "iloveyou"]) {
      await expect(signUp(fixture.database, { name: "C", email: "common@pw.test", password, organization: "Common Org" })).rejects.toThrow(/10,000 most common/);
    }
    expect((await verifyCredentials(fixture.database, { email: "common@pw.test", password: "12345678" })).ok).toBe(false);
    expect(isCommonPassword("correct horse battery")).toBe(false);
  });

  it("limits sign-ups per address, naming the address, and audits the address", async () => {
    const ip = "198.51.100.200";
    const first = await signUp(fixture.database, { name: "F", email: "first@limit.test", password: "longenough", organization: "Limit Org" }, { ip });
    const caller = callerFor(fixture.database, first.userId, first.slug);
    expect((await caller.admin.audit({}))[0]).toMatchObject({ action: "tenant.created", ip });
    // Refused attempts count too: they probe whether an email has an account.
    await expect(signUp(fixture.database, { name: "F", email: "first@limit.test", password: "longenough", organization: "Limit Org" }, { ip })).rejects.toThrow(/already exists/);
    for (let i = 2; i < SIGN_UP_LIMIT.maxPerAddress; i++) {
      await signUp(fixture.database, { name: "F", email: `n${i}@limit.test`, password: "longenough", organization: `Limit Org ${i}` }, { ip });
    }
    const refused = signUp(fixture.database, { name: "F", email: "last@limit.test", password: "longenough", organization: "Limit Org last" }, { ip });
    await expect(refused).rejects.toSatisfy((e) => e instanceof AppError && e.status === 429 && /from your address/.test(e.message) && (e.retryAfterSeconds ?? 0) > 0);
    expect((await verifyCredentials(fixture.database, { email: "last@limit.test", password: "longenough" })).ok).toBe(false);
    // Another address may still sign up.
    await signUp(fixture.database, { name: "G", email: "other@limit.test", password: "longenough", organization: "Other Org" }, { ip: "198.51.100.201" });
  });

  it("server-side sessions can be revoked", async () => {
    const sid = await createAuthSession(fixture.database, fixture.a.users.viewer.id);
    expect(await isAuthSessionActive(fixture.database, sid, fixture.a.users.viewer.id)).toBe(true);
    expect(await isAuthSessionActive(fixture.database, sid, fixture.a.users.owner.id)).toBe(false);
    await revokeAuthSession(fixture.database, sid);
    expect(await isAuthSessionActive(fixture.database, sid, fixture.a.users.viewer.id)).toBe(false);
  });
});
