import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, stripeEvents, tenants } from "@/drizzle/schema";
import { withTenant } from "@/server/db/tenant-context";
import { createRestApi } from "@/server/rest/endpoints";
import { stripeWebhookHandler } from "@/server/rest/stripe-webhook";
import { getBillingState } from "@/server/services/billing/billing-state";
import { reportUsageToStripe } from "@/server/services/billing/report-usage";
import { recordUsage } from "@/server/services/billing/usage";
import { fixtureDatabase } from "../helpers/fixture-database";
import { testDrivers } from "../helpers/test-database";
import { callerFor } from "../helpers/trpc-caller";
import { call, createKey } from "../rest/rest-client";
import { putOnPlan, trpcOutcome } from "./helpers";
import { WEBHOOK_SECRET, signedEvent, startStripeStub } from "./stripe-stub";
import type { StripeStub } from "./stripe-stub";

const DAY = 86_400_000;

describe.each(testDrivers())("Stripe billing on %s", (driver) => {
  const db = fixtureDatabase(driver);
  let stub: StripeStub;
  let clock = new Date();
  let webhook: ReturnType<typeof stripeWebhookHandler>;

  beforeAll(async () => {
    stub = await startStripeStub();
    webhook = stripeWebhookHandler({ getDatabase: async () => db.database, stripe: stub.stripe, secret: WEBHOOK_SECRET, now: () => clock });
  });
  afterAll(() => stub.close());

  const state = () => withTenant(db.database, db.a.id, (tx) => getBillingState(tx, db.a.id));
  const audit = (action: string) => withTenant(db.database, db.a.id, (tx) => tx.select().from(auditLog).where(eq(auditLog.action, action)));
  const deliver = async (event: { id: string; type: string; object: Record<string, unknown> }) => {
    const response = await webhook(signedEvent(stub.stripe, event));
    return { status: response.status, body: (await response.json()) as { outcome?: string; error?: { code: string } } };
  };
  const subscription = (status: "active" | "past_due" | "canceled", lookupKey: string | null = "foresight_pro_monthly") =>
    stub.setSubscription({ id: "sub_1", status, customer: "cus_1", tenantId: db.a.id, lookupKey });
  const ownerCaller = () => callerFor(db.database, db.a.users.owner.id, db.a.slug, { stripe: stub.stripe });

  it("a bad or missing signature gets 400 and changes nothing", async () => {
    await putOnPlan(db.database, db.a.id, "free");
    subscription("active");
    const forged = signedEvent(stub.stripe, { id: "evt_forged", type: "customer.subscription.updated", object: { id: "sub_1" } }, "whsec_someone_else");
    const response = await webhook(forged);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe("bad_request:stripe_signature");
    const unsigned = new Request("http://localhost/api/stripe/webhook", { method: "POST", body: "{}" });
    expect((await webhook(unsigned)).status).toBe(400);
    // A signed body that was altered afterwards fails too.
    const good = signedEvent(stub.stripe, { id: "evt_x", type: "customer.subscription.updated", object: { id: "sub_1" } });
    const tampered = new Request(good.url, { method: "POST", headers: good.headers, body: (await good.text()).replace("evt_x", "evt_y") });
    expect((await webhook(tampered)).status).toBe(400);
    expect((await state()).plan).toBe("free");
  });

  it("Checkout through the stubbed Stripe, then checkout.session.completed puts the tenant on Pro; a replay is processed once", async () => {
    const { url } = await ownerCaller().billing.checkout({ plan: "pro" });
    expect(url).toBe("https://checkout.stripe.test/c/cs_test_1");
    const sent = stub.requests.find((r) => r.path === "/v1/checkout/sessions")!;
    expect(sent.body.get("client_reference_id")).toBe(db.a.id);
    expect(sent.body.get("subscription_data[metadata][tenant_id]")).toBe(db.a.id);
    expect(sent.body.get("line_items[0][price]")).toBe("price_foresight_pro_monthly");
    expect(sent.body.get("success_url")).toBe(`http://app.example.test/t/${db.a.slug}/admin/billing?checkout=success`);

    subscription("active");
    const completed = { id: "evt_checkout", type: "checkout.session.completed", object: { id: "cs_test_1", object: "checkout.session", client_reference_id: db.a.id, subscription: "sub_1", customer: "cus_1" } };
    expect(await deliver(completed)).toEqual({ status: 200, body: { received: true, outcome: "applied" } });
    expect(await state()).toMatchObject({ plan: "pro", billingStatus: "active", stripeCustomerId: "cus_1", stripeSubscriptionId: "sub_1", graceUntil: null });
    expect(await deliver(completed)).toEqual({ status: 200, body: { received: true, outcome: "duplicate" } });
    const changes = await audit("billing.plan_changed");
    expect(changes.filter((c) => c.details.source === "stripe")).toHaveLength(1);
    const events = await withTenant(db.database, db.a.id, (tx) => tx.select().from(stripeEvents).where(eq(stripeEvents.eventId, "evt_checkout")));
    expect(events).toHaveLength(1);

    // With a customer, the Portal opens; a second Checkout is refused.
    expect(await ownerCaller().billing.portal()).toEqual({ url: "https://billing.stripe.test/p/bps_1" });
    expect((await trpcOutcome(ownerCaller().billing.checkout({ plan: "enterprise" }))).code).toBe("CONFLICT");
    expect((await trpcOutcome(ownerCaller().billing.changePlan({ plan: "free" }))).code).toBe("CONFLICT");
  });

  it("events delivered out of order leave the subscription in its real state (re-read from Stripe)", async () => {
    // Stripe's current state: upgraded to Enterprise. The older "updated to Pro" event arrives last.
    subscription("active", "foresight_enterprise_monthly");
    expect((await deliver({ id: "evt_upgrade", type: "customer.subscription.updated", object: { id: "sub_1", status: "active" } })).body.outcome).toBe("applied");
    expect((await deliver({ id: "evt_older", type: "customer.subscription.updated", object: { id: "sub_1", status: "active", items: { data: [{ price: { lookup_key: "foresight_pro_monthly" } }] } } })).body.outcome).toBe("applied");
    expect((await state()).plan).toBe("enterprise");
  });

  it("a payment failure leads to grace, then read-only, then recovery on payment", async () => {
    const api = createRestApi({ getDatabase: async () => db.database });
    const { key } = await createKey(db.database, db.a.id, "write");
    const admin = () => callerFor(db.database, db.a.users.admin.id, db.a.slug);
    const rename = () => admin().tenant.updateBranding({ displayName: "Renamed", primaryColor: "#112233", accentColor: "#445566" });
    const invoice = (id: string, type: string) => ({ id, type, object: { id: `in_${id}`, object: "invoice", parent: { type: "subscription_details", subscription_details: { subscription: "sub_1", metadata: {} } } } });

    // The payment fails now: grace for 7 days, still writable, plan kept.
    clock = new Date();
    subscription("past_due", "foresight_enterprise_monthly");
    expect((await deliver(invoice("evt_fail_1", "invoice.payment_failed"))).body.outcome).toBe("applied");
    const grace = await state();
    expect(grace).toMatchObject({ plan: "enterprise", billingStatus: "past_due" });
    expect(Math.abs(grace.graceUntil!.getTime() - (clock.getTime() + 7 * DAY))).toBeLessThan(1000);
    expect((await trpcOutcome(rename())).code).toBe("OK");

    // A second failure does not extend the grace period.
    clock = new Date(Date.now() + 3 * DAY);
    await deliver(invoice("evt_fail_2", "invoice.payment_failed"));
    expect((await state()).graceUntil).toEqual(grace.graceUntil);

    // The grace period is over: reads work, changes are refused with 402, paying stays possible.
    await withTenant(db.database, db.a.id, (tx) => tx.update(tenants).set({ graceUntil: new Date(Date.now() - 3_600_000) }).where(eq(tenants.id, db.a.id)));
    const refused = await trpcOutcome(rename());
    expect(refused.code).toBe("PAYMENT_REQUIRED");
    expect(refused.message).toMatch(/read-only/);
    expect((await admin().tenant.current()).slug).toBe(db.a.slug);
    const patch = await call(api.updateItem, "/items/a-I1", { key, method: "PATCH", params: { id: "a-I1" }, body: JSON.stringify({ name: "Renamed" }) });
    expect(patch.status).toBe(402);
    expect(patch.body.error?.code).toBe("payment_required:read_only");
    expect((await call(api.listStores, "/stores", { key })).status).toBe(200);
    expect((await ownerCaller().billing.summary()).readOnly).toBe(true);
    expect(await ownerCaller().billing.portal()).toEqual({ url: "https://billing.stripe.test/p/bps_1" });

    // Paid: writable again at once.
    subscription("active", "foresight_enterprise_monthly");
    expect((await deliver(invoice("evt_paid", "invoice.paid"))).body.outcome).toBe("applied");
    expect(await state()).toMatchObject({ billingStatus: "active", graceUntil: null, plan: "enterprise" });
    expect((await trpcOutcome(rename())).code).toBe("OK");
    const statuses = (await audit("billing.status_changed")).map((r) => `${String(r.details.from)}→${String(r.details.to)}`);
    expect(statuses).toEqual(["active→past_due", "past_due→active"]);
  });

  it("a cancelled subscription falls back to Free; events for unknown subscriptions are ignored", async () => {
    subscription("canceled", "foresight_enterprise_monthly");
    expect((await deliver({ id: "evt_deleted", type: "customer.subscription.deleted", object: { id: "sub_1" } })).body.outcome).toBe("applied");
    expect(await state()).toMatchObject({ plan: "free", billingStatus: "canceled" });
    expect((await deliver({ id: "evt_other", type: "customer.created", object: { id: "cus_2" } })).body.outcome).toBe("ignored");
  });

  it("metered usage goes to Stripe as meter events with the usage row's key as identifier, once", async () => {
    await withTenant(db.database, db.a.id, async (tx) => {
      await recordUsage(tx, db.a.id, { metric: "reports", unitKey: "report-77" });
      await recordUsage(tx, db.a.id, { metric: "assistant_tokens", unitKey: "msg-9", quantity: 1234 });
    });
    const first = await reportUsageToStripe(db.database, stub.stripe, db.a.id);
    const events = stub.requests.filter((r) => r.path === "/v1/billing/meter_events");
    expect(first.reported).toBe(events.length);
    const tokens = events.find((e) => e.body.get("identifier") === `${db.a.id}:assistant_tokens:msg-9`)!;
    expect(tokens.body.get("event_name")).toBe("foresight_assistant_tokens");
    expect(tokens.body.get("payload[value]")).toBe("1234");
    expect(tokens.body.get("payload[stripe_customer_id]")).toBe("cus_1");
    expect(await reportUsageToStripe(db.database, stub.stripe, db.a.id)).toEqual({ reported: 0 });
  });

  it("without Stripe configured the webhook says so (503)", async () => {
    const off = stripeWebhookHandler({ getDatabase: async () => db.database, stripe: null, secret: undefined });
    const response = await off(new Request("http://localhost/api/stripe/webhook", { method: "POST", body: "{}" }));
    expect(response.status).toBe(503);
  });
});
