import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { auditLog } from "@/drizzle/schema";
import { withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import { createTokenBucketLimiter } from "@/server/http/rate-limit";
import { createRestApi } from "@/server/rest/endpoints";
import { PLANS } from "@/server/services/billing/plans";
import { consumeQuota } from "@/server/services/billing/quota";
import { usageForPeriod, usagePeriod } from "@/server/services/billing/usage";
import { generateReport, listReports } from "@/server/services/reports/generate-report";
import { fixtureDatabase } from "../helpers/fixture-database";
import { createFixtureTenant } from "../helpers/fixtures";
import { testDrivers } from "../helpers/test-database";
import { callerFor } from "../helpers/trpc-caller";
import { call, createKey } from "../rest/rest-client";
import { putOnPlan, trpcOutcome } from "./helpers";

const FREE_MESSAGES = PLANS.free.limits.assistant_messages;

describe.each(testDrivers())("plans and quotas on %s", (driver) => {
  const db = fixtureDatabase(driver);

  const used = (tenantId: string) => withTenant(db.database, tenantId, (tx) => usageForPeriod(tx, usagePeriod(new Date())));
  const sendMessage = (tenantId: string, key: string) =>
    withTenant(db.database, tenantId, (tx) => consumeQuota(tx, tenantId, { metric: "assistant_messages", unitKey: key }));

  it("a Free tenant over its assistant quota gets a 402 naming the limit; a plan change lifts it at once", async () => {
    const { database, a } = db;
    await putOnPlan(database, a.id, "free");
    for (let i = 0; i < FREE_MESSAGES; i++) await sendMessage(a.id, `msg-${i}`);
    expect((await used(a.id)).assistant_messages).toBe(FREE_MESSAGES);

    const refused = await sendMessage(a.id, "msg-over").catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(402);
    expect((refused as AppError).code).toBe("payment_required:quota.assistant_messages");
    expect((refused as AppError).message).toMatch(new RegExp(`Free plan allows ${FREE_MESSAGES} assistant messages per month`));
    expect((refused as AppError).message).toMatch(/upgrade to Pro \(5,000\)/);
    // Nothing recorded for the refused unit; a unit already counted passes without counting again.
    expect((await used(a.id)).assistant_messages).toBe(FREE_MESSAGES);
    await sendMessage(a.id, "msg-0");
    expect((await used(a.id)).assistant_messages).toBe(FREE_MESSAGES);

    // Local billing mode: the owner upgrades, and the very next message goes through.
    const owner = callerFor(database, a.users.owner.id, a.slug);
    expect(await owner.billing.changePlan({ plan: "pro" })).toEqual({ plan: "pro", previous: "free" });
    await sendMessage(a.id, "msg-over");
    expect((await used(a.id)).assistant_messages).toBe(FREE_MESSAGES + 1);

    const audit = await withTenant(database, a.id, (tx) => tx.select().from(auditLog).where(eq(auditLog.action, "billing.plan_changed")));
    expect(audit.at(-1)).toMatchObject({ actorUserId: a.users.owner.id, details: { from: "free", to: "pro", source: "local" } });
  });

  it("plan changes and key creation need a sign-in within the last 15 minutes", async () => {
    const { database, a } = db;
    const stale = callerFor(database, a.users.owner.id, a.slug, { signedInMinutesAgo: 16 });
    const refused = await trpcOutcome(stale.billing.changePlan({ plan: "enterprise" }));
    expect(refused).toEqual({ code: "FORBIDDEN", message: "This needs a sign-in within the last 15 minutes: sign out, sign in again, then retry." });
    expect((await trpcOutcome(stale.admin.createApiKey({ name: "late", scope: "read" }))).code).toBe("FORBIDDEN");
    // Reading is fine with an older sign-in.
    expect((await stale.billing.summary()).plan).not.toBe("enterprise");
    const fresh = callerFor(database, a.users.owner.id, a.slug, { signedInMinutesAgo: 14 });
    expect((await trpcOutcome(fresh.admin.createApiKey({ name: "fresh", scope: "read" }))).code).toBe("OK");
  });

  it("only owners change the plan, and not while Stripe runs billing", async () => {
    const { database, a } = db;
    const admin = callerFor(database, a.users.admin.id, a.slug);
    expect((await trpcOutcome(admin.billing.changePlan({ plan: "enterprise" }))).code).toBe("FORBIDDEN");
    const owner = callerFor(database, a.users.owner.id, a.slug);
    expect((await trpcOutcome(owner.billing.changePlan({ plan: "gold" as never }))).code).toBe("BAD_REQUEST");
  });

  it("a retrain over the monthly limit is refused with 402 and creates no run", async () => {
    const { database, a } = db;
    await putOnPlan(database, a.id, "free");
    await withTenant(database, a.id, async (tx) => {
      for (let i = 0; i < PLANS.free.limits.retrains; i++) await consumeQuota(tx, a.id, { metric: "retrains", unitKey: `earlier-run-${i}` });
    });
    const admin = callerFor(database, a.users.admin.id, a.slug);
    const runsBefore = (await admin.models.runs()).length;
    const refused = await trpcOutcome(admin.models.retrain({}));
    expect(refused.code).toBe("PAYMENT_REQUIRED");
    expect(refused.message).toMatch(/Free plan allows 4 model retrains per month/);
    expect((await admin.models.runs()).length).toBe(runsBefore);
  });

  it("a report over the monthly limit is refused with 402 before it is drawn, and nothing is stored", async () => {
    const { database, a } = db;
    await putOnPlan(database, a.id, "free");
    await withTenant(database, a.id, async (tx) => {
      for (let i = 0; i < PLANS.free.limits.reports; i++) await consumeQuota(tx, a.id, { metric: "reports", unitKey: `earlier-report-${i}` });
    });
    const before = (await withTenant(database, a.id, (tx) => listReports(tx))).length;
    const actor = { tenantId: a.id, userId: a.users.analyst.id, role: "analyst" as const };
    const refused = await generateReport(database, actor, { kind: "executive", params: { from: "2026-01-01", to: "2026-01-31" } }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect((refused as AppError).status).toBe(402);
    expect((refused as AppError).message).toMatch(new RegExp(`Free plan allows ${PLANS.free.limits.reports} reports per month`));
    expect((await withTenant(database, a.id, (tx) => listReports(tx))).length).toBe(before);
    expect((await used(a.id)).reports).toBe(PLANS.free.limits.reports);
  });

  it("seats: an invitation past the plan's seats is refused with the limit named", async () => {
    const { database, a } = db;
    await putOnPlan(database, a.id, "free");
    const admin = callerFor(database, a.users.admin.id, a.slug);
    const refused = await trpcOutcome(admin.members.invite({ email: "one.more@example.com", role: "viewer" }));
    expect(refused.code).toBe("PAYMENT_REQUIRED");
    expect(refused.message).toMatch(/Free plan allows 3 members \(seats\); this workspace has 5/);
    await putOnPlan(database, a.id, "pro");
    expect((await trpcOutcome(admin.members.invite({ email: "one.more@example.com", role: "viewer" }))).code).toBe("OK");
  });

  it("REST: the request after the plan's per-minute limit gets 429 with Retry-After, each request is metered, and an upgrade applies at once", async () => {
    const { database, a } = db;
    await putOnPlan(database, a.id, "free");
    // The limiter's clock stands still, so the bucket cannot refill however slow the machine is.
    const frozen = Date.now();
    const api = createRestApi({ getDatabase: async () => database, rateLimiter: createTokenBucketLimiter({ policyFor: () => ({ burst: 1_000, perSecond: 100 }), now: () => frozen }) });
    const { key } = await createKey(database, a.id, "read");
    const before = (await used(a.id)).api_requests;
    const perMinute = PLANS.free.limits.api_requests_per_minute;
    for (let i = 0; i < perMinute; i++) expect((await call(api.listStores, "/stores", { key })).status).toBe(200);
    const limited = await call(api.listStores, "/stores", { key });
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.body.error).toMatchObject({ code: "too_many_requests:plan_rate_limit", message: expect.stringContaining(`Free plan allows ${perMinute} API requests per minute`) });
    expect((await used(a.id)).api_requests - before).toBe(perMinute + 1);

    await putOnPlan(database, a.id, "pro");
    expect((await call(api.listStores, "/stores", { key })).status).toBe(200);
  });

  it("usage is counted per tenant: another tenant's messages do not use this one's quota", async () => {
    const { database, a } = db;
    const b = await createFixtureTenant(database, "b");
    const aBefore = (await used(a.id)).assistant_messages;
    for (let i = 0; i < 3; i++) await sendMessage(b.id, `b-msg-${i}`);
    expect((await used(b.id)).assistant_messages).toBe(3);
    expect((await used(a.id)).assistant_messages).toBe(aBefore);
  });
});
