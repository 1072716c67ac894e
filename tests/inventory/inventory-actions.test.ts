import { TRPCError } from "@trpc/server";
import { and, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, forecasts, modelVersions, purchaseOrderLines, sales, users } from "@/drizzle/schema";
import type { Role } from "@/drizzle/schema";
import { addDaysIso } from "@/models/data";
import { withTenant } from "@/server/db/tenant-context";
import { refreshActions } from "@/server/services/actions/refresh-actions";
import { createRestApi } from "@/server/rest/endpoints";
import { installFixtureForecasts } from "../helpers/fixture-forecasts";
import type { FixtureTenant } from "../helpers/fixtures";
import { seedAcmeBesideOther } from "../helpers/seeded-acme";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";
import { callerFor } from "../helpers/trpc-caller";
import { call, createKey } from "../rest/rest-client";

const SCALE = { stores: 3, items: 8, days: 200 };
/** The series whose forecast is tripled, so a reorder is certainly due there. */
const HOT = { storeId: "", itemId: "" };

type Caller = ReturnType<typeof callerFor>;

async function trpcCode(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof TRPCError) return e.code;
    throw e;
  }
  return "OK";
}

describe.each(testDrivers())("inventory recommendations and the action center on %s", (driver) => {
  let database: TestDatabase;
  let acmeId: string;
  let as: Record<Role, Caller>;
  let other: FixtureTenant;
  let otherCaller: Caller;
  let analystName: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const seeded = await seedAcmeBesideOther(database, SCALE);
    const acme = seeded.acme;
    ({ acmeId, other } = seeded);
    otherCaller = callerFor(database, other.users.owner.id, other.slug);
    const rows = await database.owner.db.select().from(users).where(inArray(users.email, acme.demoUsers.map((u) => u.email)));
    const callerAs = (role: Role) => callerFor(database, rows.find((u) => u.email === `${role}@acme.test`)!.id, acme.slug);
    analystName = rows.find((u) => u.email === "analyst@acme.test")!.name;
    as = { owner: callerAs("owner"), admin: callerAs("admin"), analyst: callerAs("analyst"), viewer: callerAs("viewer") };
    Object.assign(HOT, (await installFixtureForecasts(database, acmeId)).hot);
  });
  afterAll(() => database?.close());

  it("recommends for every item × store with a stock count, most margin at risk first", async () => {
    const result = await as.viewer.inventory.recommendations({ limit: 500 });
    expect(result.model?.version).toBe(1);
    expect(result.total).toBe(SCALE.stores * SCALE.items);
    const margins = result.recommendations.map((r) => r.marginAtRisk28d);
    expect(margins).toEqual([...margins].sort((a, b) => b - a));
    for (const r of result.recommendations) {
      expect(r.reviewPeriodDays).toBe(3); // acme's stores review every 3 days (seeded from tenant.json)
      expect(r.serviceLevel).toBe(0.95);
      expect(r.orderQuantity).toBeGreaterThanOrEqual(0);
      if (r.orderQuantity > 0) expect(r.onHand + r.onOrder + r.orderQuantity).toBeGreaterThanOrEqual(r.orderUpTo);
      expect(r.protectionP90).toBeGreaterThanOrEqual(r.protectionP10);
    }
    const hot = result.recommendations.find((r) => r.storeId === HOT.storeId && r.itemId === HOT.itemId)!;
    expect(hot.orderQuantity).toBeGreaterThan(0);
    expect(hot.orderDate).toBe(result.asOf);
    const one = await as.viewer.inventory.recommendations({ store: HOT.storeId, item: HOT.itemId });
    expect(one.recommendations).toEqual([hot]);
  });

  it("another tenant's store or item is NOT_FOUND, never an empty answer", async () => {
    expect(await trpcCode(as.viewer.inventory.recommendations({ item: "other-I1" }))).toBe("NOT_FOUND");
    expect(await trpcCode(otherCaller.inventory.recommendations({ item: HOT.itemId }))).toBe("NOT_FOUND");
    expect(await trpcCode(otherCaller.inventory.projection({ storeId: HOT.storeId, itemId: HOT.itemId }))).toBe("NOT_FOUND");
  });

  it("projects stock over 28 days with the demand band and the reorder point", async () => {
    const p = await as.viewer.inventory.projection({ storeId: HOT.storeId, itemId: HOT.itemId });
    expect(p.days).toHaveLength(28);
    for (const d of p.days) {
      expect(d.demandP10).toBeLessThanOrEqual(d.demandP50);
      expect(d.demandP50).toBeLessThanOrEqual(d.demandP90);
      expect(d.reorderPoint).toBe(p.recommendation!.reorderPoint);
    }
  });

  it("lists actions ranked by value in the tenant's currency, each with its evidence", async () => {
    const list = await as.viewer.actions.list({});
    expect(list.currency).toBe("USD");
    expect(list.actions.length).toBeGreaterThan(0);
    const values = list.actions.map((a) => a.value);
    expect(values).toEqual([...values].sort((a, b) => b - a));
    expect(values.every((v) => v > 0)).toBe(true);
    for (const a of list.actions) expect(Object.keys(a.evidence)).toEqual(expect.arrayContaining(["forecast", "stock", "leadTimeDays", "serviceLevel"]));
    expect(list.actions.some((a) => a.type === "reorder" && a.storeId === HOT.storeId && a.itemId === HOT.itemId)).toBe(true);
    expect((await otherCaller.actions.list({})).actions).toEqual([]);
  });

  it("pages by cursor through the same ranked order as one big page, with totals over all pages and filters", async () => {
    const all = await as.viewer.actions.list({ limit: 500 });
    expect(all.nextCursor).toBeNull();
    expect(all.total).toBe(all.actions.length);
    expect(all.total).toBeGreaterThan(1);
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await as.viewer.actions.list({ limit: 1, cursor });
      expect(page.actions).toHaveLength(1);
      expect(page.total).toBe(all.total);
      paged.push(...page.actions.map((a) => a.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all.actions.map((a) => a.id));
    const second = await as.viewer.actions.list({ limit: 1, offset: 1 });
    expect(second.actions.map((a) => a.id)).toEqual(paged.slice(1, 2));
    const inStore = await as.viewer.actions.list({ store: HOT.storeId, type: "reorder", limit: 500 });
    expect(inStore.actions.length).toBeGreaterThan(0);
    expect(inStore.actions.every((a) => a.storeId === HOT.storeId && a.type === "reorder")).toBe(true);
    expect(inStore.total).toBe(inStore.actions.length);
    expect(await trpcCode(as.viewer.actions.list({ cursor: "not-a-cursor" }))).toBe("BAD_REQUEST");
  });

  it("accepting a reorder audits it, drafts the order line and takes it off the list for good", async () => {
    const before = await as.analyst.actions.list({ type: "reorder" });
    const action = before.actions.find((a) => a.storeId === HOT.storeId && a.itemId === HOT.itemId)!;
    expect(await trpcCode(as.viewer.actions.decide({ id: action.id, decision: "accept" }))).toBe("FORBIDDEN");
    expect(await trpcCode(otherCaller.actions.decide({ id: action.id, decision: "accept" }))).toBe("NOT_FOUND");

    const decided = await as.analyst.actions.decide({ id: action.id, decision: "accept" });
    expect(decided.status).toBe("accepted");
    expect(decided.purchaseOrderLineId).not.toBeNull();
    expect(await trpcCode(as.analyst.actions.decide({ id: action.id, decision: "accept" }))).toBe("CONFLICT");

    await withTenant(database, acmeId, async (tx) => {
      const [entry] = await tx.select().from(auditLog).where(and(eq(auditLog.action, "action.accepted"), eq(auditLog.targetId, action.id)));
      expect(entry?.details).toMatchObject({ type: "reorder", quantity: action.quantity, itemId: HOT.itemId, purchaseOrderLineId: decided.purchaseOrderLineId });
      const [line] = await tx.select().from(purchaseOrderLines).where(eq(purchaseOrderLines.actionId, action.id));
      expect(line).toMatchObject({ quantity: action.quantity, storeId: HOT.storeId, itemId: HOT.itemId, status: "draft" });
    });
    const drafts = await as.viewer.actions.draftOrders();
    expect(drafts.map((d) => d.id)).toContain(decided.purchaseOrderLineId);

    // The draft counts as on order, so recomputing does not offer the reorder again.
    const after = await as.viewer.actions.list({ limit: 500 });
    expect(after.actions.find((a) => a.id === action.id)).toBeUndefined();
    expect(after.actions.some((a) => a.type === "reorder" && a.storeId === HOT.storeId && a.itemId === HOT.itemId)).toBe(false);
    const rec = await as.viewer.inventory.recommendations({ store: HOT.storeId, item: HOT.itemId });
    expect(rec.recommendations[0]!.onOrder).toBeGreaterThanOrEqual(action.quantity);
  });

  it("a dismissed action stays dismissed when the list is recomputed on the same basis", async () => {
    const list = await as.analyst.actions.list({ limit: 500 });
    const target = list.actions[0]!;
    await as.analyst.actions.decide({ id: target.id, decision: "dismiss", reason: "supplier closed" });
    await withTenant(database, acmeId, (tx) => refreshActions(tx, acmeId, { force: true }));
    const again = await as.viewer.actions.list({ limit: 500 });
    expect(again.actions.find((a) => a.id === target.id)).toBeUndefined();
    expect(again.actions.some((a) => a.type === target.type && a.storeId === target.storeId && a.itemId === target.itemId && a.toStoreId === target.toStoreId)).toBe(false);
  });

  it("refuses bad input with a clear message and stores nothing", async () => {
    await expect(as.analyst.actions.decide({ id: "not-a-uuid", decision: "accept" })).rejects.toThrow(/not found/);
    await expect(as.analyst.actions.decide({ id: crypto.randomUUID(), decision: "snooze", days: 0 } as never)).rejects.toThrow(/days/);
  });

  it("an analyst's override is audited and flows into the decisions; its value added is scored once actuals arrive", async () => {
    const before = (await as.viewer.inventory.recommendations({ limit: 500 })).recommendations.find((r) => !(r.storeId === HOT.storeId && r.itemId === HOT.itemId) && r.dailyDemand > 0)!;
    const { asOf } = await as.viewer.inventory.recommendations({ limit: 1 });
    const input = { storeId: before.storeId, itemId: before.itemId, fromDate: asOf!, toDate: addDaysIso(asOf!, 27), mode: "scale" as const, value: 3, reason: "local festival" };
    expect(await trpcCode(as.viewer.inventory.createOverride(input))).toBe("FORBIDDEN");
    expect(await trpcCode(as.analyst.inventory.createOverride({ ...input, category: "Dairy" }))).toBe("BAD_REQUEST");
    expect(await trpcCode(as.analyst.inventory.createOverride({ ...input, itemId: "other-I1" }))).toBe("NOT_FOUND");
    expect(await trpcCode(as.analyst.inventory.createOverride({ ...input, reason: "" }))).toBe("BAD_REQUEST");
    const created = await as.analyst.inventory.createOverride(input);

    const after = (await as.viewer.inventory.recommendations({ store: before.storeId, item: before.itemId })).recommendations[0]!;
    expect(after.overridden).toBe(true);
    expect(after.dailyDemand).toBeCloseTo(before.dailyDemand * 3, 1);
    expect(after.orderUpTo).toBeGreaterThan(before.orderUpTo);
    expect((await as.viewer.inventory.overrides()).map((o) => o.id)).toContain(created.id);
    await withTenant(database, acmeId, async (tx) => {
      const [entry] = await tx.select().from(auditLog).where(and(eq(auditLog.action, "forecast.overridden"), eq(auditLog.targetId, created.id)));
      expect(entry?.details).toMatchObject({ reason: "local festival", value: 3 });
    });

    expect(await as.viewer.inventory.forecastValueAdded()).toMatchObject({ overall: { points: 0, valueAdded: null }, byUser: [], byCategory: [], pending: 1 });
    // Three days sell exactly the overridden forecast: the override beat the model on them.
    await withTenant(database, acmeId, async (tx) => {
      const [model] = await tx.select().from(modelVersions).where(eq(modelVersions.status, "production"));
      const days = await tx.select().from(forecasts).where(and(eq(forecasts.modelVersionId, model!.id), eq(forecasts.storeId, before.storeId), eq(forecasts.itemId, before.itemId)));
      const sold = days.slice(0, 3).map((f) => ({ tenantId: acmeId, date: f.date, storeId: f.storeId, itemId: f.itemId, units: Math.round(f.p50 * 3), price: 1 }));
      await tx.insert(sales).values(sold);
    });
    const fva = await as.viewer.inventory.forecastValueAdded();
    expect(fva).toMatchObject({ pending: 0, byUser: [{ key: analystName, points: 3, overrides: 1 }], byCategory: [{ key: before.category, points: 3 }] });
    expect(fva.overall.maeOverride).toBeLessThan(fva.overall.maeModel);
    expect(fva.overall.valueAdded).toBeGreaterThan(0.5);
  });

  describe("REST", () => {
    let api: ReturnType<typeof createRestApi>;
    let read: string;
    let write: string;
    let otherWrite: string;
    beforeAll(async () => {
      api = createRestApi({ getDatabase: async () => database });
      read = (await createKey(database, acmeId, "read")).key;
      write = (await createKey(database, acmeId, "write")).key;
      otherWrite = (await createKey(database, other.id, "write")).key;
    });

    it("GET /actions: ranked, each with id, type, value and evidence", async () => {
      const res = await call(api.listActions, "/actions", { key: read, query: "limit=5" });
      expect(res.status).toBe(200);
      const data = res.body.data as { currency: string; actions: { id: string; type: string; value: number; evidence: object }[] };
      expect(data.currency).toBe("USD");
      expect(data.actions.length).toBeGreaterThan(0);
      expect(data.actions.length).toBeLessThanOrEqual(5);
      for (const a of data.actions) expect(a).toMatchObject({ id: expect.any(String), type: expect.any(String), value: expect.any(Number), evidence: expect.any(Object) });
      expect((await call(api.listActions, "/actions", { key: read, query: "sort=value" })).status).toBe(400);
      // Earlier tests decided some actions, so how many are left is not fixed: page through whatever is open.
      const whole = (await call(api.listActions, "/actions", { key: read, query: "limit=500" })).body.data as { actions: { id: string }[]; nextCursor: string | null };
      expect(whole.nextCursor).toBeNull();
      const ids: string[] = [];
      let query = "limit=1";
      for (;;) {
        const res = await call(api.listActions, "/actions", { key: read, query });
        expect(res.status).toBe(200);
        const page = res.body.data as { actions: { id: string }[]; nextCursor: string | null };
        ids.push(...page.actions.map((a) => a.id));
        if (!page.nextCursor) break;
        query = `limit=1&cursor=${page.nextCursor}`;
      }
      expect(ids).toEqual(whole.actions.map((a) => a.id));
      expect((await call(api.listActions, "/actions", { key: read, query: "cursor=zzz" })).status).toBe(400);
    });

    it("POST /actions/{id}/dismiss needs a write key, is audited, and another tenant's key gets 404", async () => {
      const { actions: [first] } = (await call(api.listActions, "/actions", { key: read })).body.data as { actions: { id: string }[] };
      const path = `/actions/${first!.id}/dismiss`;
      expect((await call(api.dismissAction, path, { key: read, method: "POST", params: { id: first!.id } })).status).toBe(403);
      expect((await call(api.dismissAction, path, { key: otherWrite, method: "POST", params: { id: first!.id } })).status).toBe(404);
      expect((await call(api.acceptAction, "/actions/x/accept", { key: write, method: "POST", params: { id: crypto.randomUUID() } })).status).toBe(404);
      const res = await call(api.dismissAction, path, { key: write, method: "POST", params: { id: first!.id } });
      expect(res).toMatchObject({ status: 200, body: { data: { id: first!.id, status: "dismissed", purchaseOrderLineId: null } } });
      expect((await call(api.acceptAction, path, { key: write, method: "POST", params: { id: first!.id } })).status).toBe(409);
      const [entry] = await withTenant(database, acmeId, (tx) => tx.select().from(auditLog).where(and(eq(auditLog.action, "action.dismissed"), eq(auditLog.targetId, first!.id))));
      expect(entry?.actorApiKeyId).not.toBeNull();
    });

    it("GET /inventory/recommendations?store=&item= answers for that pair; another tenant's item is 404", async () => {
      const res = await call(api.listRecommendations, "/inventory/recommendations", { key: read, query: `store=${HOT.storeId}&item=${HOT.itemId}` });
      expect(res.status).toBe(200);
      const data = res.body.data as { recommendations: { storeId: string; itemId: string; orderQuantity: number }[] };
      expect(data.recommendations).toEqual([expect.objectContaining({ storeId: HOT.storeId, itemId: HOT.itemId })]);
      const foreign = await call(api.listRecommendations, "/inventory/recommendations", { key: read, query: "item=other-I1" });
      expect(foreign).toMatchObject({ status: 404, body: { error: { code: "not_found:item" } } });
    });
  });
});
