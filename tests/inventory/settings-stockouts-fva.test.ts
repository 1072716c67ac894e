import { TRPCError } from "@trpc/server";
import { and, desc, eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actionRefreshes, auditLog, forecasts, inventory, inventorySettings, modelVersions, sales, stockoutDays, users } from "@/drizzle/schema";
import type { Role } from "@/drizzle/schema";
import { addDaysIso } from "@/models/data";
import { withTenant } from "@/server/db/tenant-context";
import { generateTenantData } from "@/server/services/demo-data/generate-tenant-data";
import { saleAt } from "@/server/services/demo-data/sales-columns";
import { installFixtureForecasts } from "../helpers/fixture-forecasts";
import type { FixtureTenant } from "../helpers/fixtures";
import { seedAcmeBesideOther } from "../helpers/seeded-acme";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";
import { callerFor } from "../helpers/trpc-caller";

const SCALE = { stores: 3, items: 8, days: 200 };
/** The model was trained two weeks before the last sales day, so its first forecast days have sold since. */
const DAYS_BEFORE_LAST_SALE = 14;

type Caller = ReturnType<typeof callerFor>;

async function trpcError(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof TRPCError) return { code: e.code, message: e.message };
    throw e;
  }
  return { code: "OK", message: "" };
}

const key = (r: { storeId: string; itemId: string; date: string }) => `${r.storeId}|${r.itemId}|${r.date}`;

describe.each(testDrivers())("inventory settings, stockout days, lost sales, expedite and forecast value added on %s", (driver) => {
  let database: TestDatabase;
  let acmeId: string;
  let as: Record<Role, Caller>;
  let names: Record<Role, string>;
  let other: FixtureTenant;
  let data: ReturnType<typeof generateTenantData>;
  let trainedTo: string;
  let lastSale: string;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const seeded = await seedAcmeBesideOther(database, SCALE);
    ({ acmeId, other } = seeded);
    data = generateTenantData(seeded.acme, { scale: SCALE });
    const rows = await database.owner.db.select().from(users).where(inArray(users.email, seeded.acme.demoUsers.map((u) => u.email)));
    const user = (role: Role) => rows.find((u) => u.email === `${role}@acme.test`)!;
    const callerAs = (role: Role) => callerFor(database, user(role).id, seeded.acme.slug);
    as = { owner: callerAs("owner"), admin: callerAs("admin"), analyst: callerAs("analyst"), viewer: callerAs("viewer") };
    names = { owner: user("owner").name, admin: user("admin").name, analyst: user("analyst").name, viewer: user("viewer").name };
    ({ trainedTo } = await installFixtureForecasts(database, acmeId, { daysBeforeLastSale: DAYS_BEFORE_LAST_SALE }));
    lastSale = addDaysIso(trainedTo, DAYS_BEFORE_LAST_SALE);
  });
  afterAll(() => database?.close());

  it("seeds exactly the store-days the generator censored, and another tenant sees none of them", async () => {
    expect(data.stockoutDays.length).toBeGreaterThan(0);
    const stored = await withTenant(database, acmeId, (tx) => tx.select().from(stockoutDays));
    expect(new Set(stored.map(key))).toEqual(new Set(data.truth.censored.map(key)));
    expect(stored).toHaveLength(data.truth.censored.length);
    // Each recorded day sold less than was wanted; every other day sold all that was wanted.
    const recorded = new Set(stored.map(key));
    for (let i = 0; i < data.sales.length; i++) {
      const s = saleAt(data.sales, i);
      expect(recorded.has(key(s))).toBe(data.truth.demand[i]! > s.units);
    }
    const theirs = await withTenant(database, other.id, (tx) => tx.select().from(stockoutDays));
    expect(theirs.map((r) => r.storeId)).toEqual(["other-S1"]);
  });

  it("reports lost sales already incurred on the last 28 days' stockouts, close to the generator's true loss", async () => {
    const rec = await as.viewer.inventory.recommendations({ limit: 500 });
    expect(rec.lostSalesWindow).toEqual({ from: addDaysIso(lastSale, -27), to: lastSale });
    const from = addDaysIso(lastSale, -27);
    let days = 0;
    let trulyLost = 0;
    for (let i = 0; i < data.sales.length; i++) {
      const s = saleAt(data.sales, i);
      if (s.date < from || data.truth.demand[i]! <= s.units) continue;
      days++;
      trulyLost += data.truth.demand[i]! - s.units;
    }
    expect(days).toBeGreaterThan(0);
    const totals = rec.totals!;
    expect(totals.stockoutDaysPast28d).toBe(days);
    expect(rec.recommendations.reduce((n, r) => n + r.stockoutDaysPast28d, 0)).toBe(days);
    // Within 30% of the truth on this small slice (274 estimated against 311 when written); the
    // estimate also counts web orders the empty shelf lost, which the truth's in-store demand leaves out.
    expect(totals.lostUnitsIncurred28d).toBeGreaterThan(0.7 * trulyLost);
    expect(totals.lostUnitsIncurred28d).toBeLessThan(1.3 * trulyLost);
    for (const r of rec.recommendations) {
      if (r.stockoutDaysPast28d === 0) expect(r.lostUnitsIncurred28d).toBe(0);
      expect(r.lostRevenueIncurred28d).toBeGreaterThanOrEqual(r.lostMarginIncurred28d);
    }
  });

  it("takes a stocked-out day's expected demand from a model trained before that day, never from one trained on or after it", async () => {
    const [day] = await withTenant(database, acmeId, (tx) => tx.select().from(stockoutDays).orderBy(desc(stockoutDays.date)).limit(1));
    expect(day!.date >= addDaysIso(lastSale, -27)).toBe(true);
    const line = async () => (await as.viewer.inventory.recommendations({ store: day!.storeId, item: day!.itemId })).recommendations[0]!;
    const before = await line();
    const [sold] = await withTenant(database, acmeId, (tx) => tx.select().from(sales).where(and(eq(sales.storeId, day!.storeId), eq(sales.itemId, day!.itemId), eq(sales.date, day!.date))));
    const forecastOn = (version: number, modelTrainedTo: string, mean: number) =>
      withTenant(database, acmeId, async (tx) => {
        const [model] = await tx
          .insert(modelVersions)
          .values({ tenantId: acmeId, version, algorithm: "fixture", params: {}, features: [], trainedFrom: "2026-01-01", trainedTo: modelTrainedTo, horizon: 28, metrics: {}, artifacts: {}, status: "archived", trainSeconds: 0 })
          .returning();
        await tx.insert(forecasts).values({ tenantId: acmeId, modelVersionId: model!.id, storeId: day!.storeId, itemId: day!.itemId, date: day!.date, p10: mean, p50: mean, p90: mean, mean });
      });
    // A version trained on the day itself saw the outcome: it is not a forecast of it.
    await forecastOn(2, day!.date, 5000);
    expect((await line()).lostUnitsIncurred28d).toBe(before.lostUnitsIncurred28d);
    await forecastOn(3, addDaysIso(day!.date, -1), 1000);
    // In store alone that day now lost 1,000 less what sold.
    expect((await line()).lostUnitsIncurred28d).toBeGreaterThanOrEqual(1000 - sold!.units);
  });

  it("shows the settings to every role, and refuses edits from below admin and bad input, storing nothing", async () => {
    const { settings, categories } = await as.viewer.inventory.settings();
    expect(settings).toMatchObject({ serviceLevel: 0.95, serviceMeasure: "cycle_service_level", unmetDemand: "lost_sales", reviewPeriodDays: 3, expediteLeadTimeDays: 2, expediteCostPerUnit: 1, categoryLevels: [] });
    expect(categories.length).toBeGreaterThan(1);
    const input = { ...settings, categoryLevels: [] };
    const { calibration: _c, ...editable } = input;
    expect((await trpcError(as.analyst.inventory.updateSettings(editable))).code).toBe("FORBIDDEN");
    const bad: [Record<string, unknown>, string, string][] = [
      [{ serviceLevel: 1.2 }, "BAD_REQUEST", "serviceLevel"],
      [{ reviewPeriodDays: 0 }, "BAD_REQUEST", "reviewPeriodDays"],
      [{ transferCostPerUnit: -1 }, "BAD_REQUEST", "transferCostPerUnit"],
      [{ expediteLeadTimeDays: 1.5 }, "BAD_REQUEST", "expediteLeadTimeDays"],
      [{ categoryLevels: [{ category: categories[0]!, serviceLevel: 0.9 }, { category: categories[0]!, serviceLevel: 0.8 }] }, "BAD_REQUEST", "categoryLevels"],
      [{ categoryLevels: [{ category: "Other's category", serviceLevel: 0.9 }] }, "NOT_FOUND", "Other's category"],
      [{ categoryLevels: [{ category: `Cat other`, serviceLevel: 0.9 }] }, "NOT_FOUND", "Cat other"],
    ];
    for (const [change, code, named] of bad) {
      const error = await trpcError(as.admin.inventory.updateSettings({ ...editable, ...change }));
      expect(error.code, JSON.stringify(change)).toBe(code);
      expect(error.message).toContain(named);
    }
    expect((await as.viewer.inventory.settings()).settings).toEqual(settings);
    const audits = await withTenant(database, acmeId, (tx) => tx.select().from(auditLog).where(eq(auditLog.action, "inventory.settings_updated")));
    expect(audits).toEqual([]);
  });

  it("an admin's change is audited, recomputes the actions at once and shows in every recommendation", async () => {
    const { settings, categories } = await as.viewer.inventory.settings();
    const { calibration: _c, ...editable } = settings;
    const strict = categories[0]!;
    const before = await as.viewer.inventory.recommendations({ limit: 500 });
    await as.viewer.actions.list({});
    const [stampBefore] = await withTenant(database, acmeId, (tx) => tx.select().from(actionRefreshes));

    const saved = await as.admin.inventory.updateSettings({ ...editable, serviceLevel: 0.99, categoryLevels: [{ category: strict, serviceLevel: 0.8 }] });
    expect(saved).toMatchObject({ serviceLevel: 0.99, categoryLevels: [{ category: strict, serviceLevel: 0.8 }] });

    const [entry] = await withTenant(database, acmeId, (tx) => tx.select().from(auditLog).where(eq(auditLog.action, "inventory.settings_updated")));
    expect(entry?.details).toMatchObject({ before: { serviceLevel: 0.95, categoryLevels: [] }, after: { serviceLevel: 0.99, categoryLevels: [{ category: strict, serviceLevel: 0.8 }] } });
    const [stampAfter] = await withTenant(database, acmeId, (tx) => tx.select().from(actionRefreshes));
    expect(stampAfter!.refreshedAt.getTime()).toBeGreaterThan(stampBefore!.refreshedAt.getTime());
    expect(stampAfter!.stamp).not.toBe(stampBefore!.stamp);

    const after = await as.viewer.inventory.recommendations({ limit: 500 });
    const old = new Map(before.recommendations.map((r) => [`${r.storeId}|${r.itemId}`, r]));
    let raised = 0;
    for (const r of after.recommendations) {
      expect(r.serviceLevel).toBe(r.category === strict ? 0.8 : 0.99);
      const was = old.get(`${r.storeId}|${r.itemId}`)!;
      if (r.category !== strict) {
        expect(r.orderUpTo).toBeGreaterThanOrEqual(was.orderUpTo);
        if (r.orderUpTo > was.orderUpTo) raised++;
      } else expect(r.orderUpTo).toBeLessThanOrEqual(was.orderUpTo);
    }
    expect(raised).toBeGreaterThan(0);
    const list = await as.viewer.actions.list({ limit: 500 });
    expect(list.actions.length).toBeGreaterThan(0);
    for (const a of list.actions) expect([0.8, 0.99]).toContain((a.evidence as { serviceLevel: { target: number } }).serviceLevel.target);
    // The other tenant's settings are its own.
    const [theirs] = await withTenant(database, other.id, (tx) => tx.select().from(inventorySettings));
    expect(theirs?.serviceLevel).toBe(0.95);
  });

  it("proposes expediting an open order that arrives after the shelf runs out, only when it pays", async () => {
    const rec = await as.viewer.inventory.recommendations({ limit: 500 });
    const target = [...rec.recommendations].sort((a, b) => b.dailyDemand - a.dailyDemand)[0]!;
    // A stock count today: two days' demand on the shelf, a big order due in 5 days (half a 10-day lead time).
    await withTenant(database, acmeId, (tx) =>
      tx.insert(inventory).values({ tenantId: acmeId, date: lastSale, storeId: target.storeId, itemId: target.itemId, onHand: Math.ceil(target.dailyDemand * 2), onOrder: 400, leadTimeDays: 10, orderCost: 10, holdingCostRate: 0.2 }).onConflictDoUpdate({
        target: [inventory.tenantId, inventory.storeId, inventory.itemId, inventory.date],
        set: { onHand: Math.ceil(target.dailyDemand * 2), onOrder: 400, leadTimeDays: 10 },
      }),
    );
    const { settings } = await as.viewer.inventory.settings();
    const { calibration: _c, ...editable } = settings;
    const expedites = async () => (await as.viewer.actions.list({ type: "expedite", limit: 500 })).actions.filter((a) => a.storeId === target.storeId && a.itemId === target.itemId);

    await as.admin.inventory.updateSettings({ ...editable, expediteLeadTimeDays: 1, expediteCostPerUnit: 0.01 });
    const [rush] = await expedites();
    expect(rush).toMatchObject({ type: "expedite", quantity: 400, dueDate: rec.asOf });
    const evidence = rush!.evidence as { marginSaved: number; expediteCost: number; expectedUnitsSaved: number; expedite: { projectedStockout: string; arrivesAsPlanned: string; arrivesExpedited: string } };
    expect(evidence.expediteCost).toBeCloseTo(4, 2);
    expect(rush!.value).toBeCloseTo(evidence.marginSaved - evidence.expediteCost, 1);
    expect(evidence.expectedUnitsSaved).toBeGreaterThan(0);
    expect(evidence.expedite.projectedStockout < evidence.expedite.arrivesAsPlanned).toBe(true);
    expect(evidence.expedite).toMatchObject({ arrivesAsPlanned: addDaysIso(rec.asOf!, 5), arrivesExpedited: addDaysIso(rec.asOf!, 1) });

    // Rushing 400 units at 1,000 each never pays; a rush as slow as the order saves nothing.
    await as.admin.inventory.updateSettings({ ...editable, expediteLeadTimeDays: 1, expediteCostPerUnit: 1000 });
    expect(await expedites()).toEqual([]);
    await as.admin.inventory.updateSettings({ ...editable, expediteLeadTimeDays: 5, expediteCostPerUnit: 0.01 });
    expect(await expedites()).toEqual([]);
  });

  it("scores overrides against the model on the days that have sold since, per user and category, as by hand", async () => {
    expect(await as.viewer.inventory.forecastValueAdded()).toEqual({
      overall: { overrides: 0, points: 0, actual: 0, maeModel: 0, maeOverride: 0, wapeModel: null, wapeOverride: null, valueAdded: null },
      byUser: [],
      byCategory: [],
      pending: 0,
    });
    const first = addDaysIso(trainedTo, 1);
    const rec = await as.viewer.inventory.recommendations({ limit: 500 });
    const pick = rec.recommendations.find((r) => r.dailyDemand > 0)!;
    const category = rec.recommendations.find((r) => r.category !== pick.category)!.category;
    await as.analyst.inventory.createOverride({ storeId: pick.storeId, itemId: pick.itemId, fromDate: first, toDate: addDaysIso(first, 6), mode: "scale", value: 2, reason: "promotion the model missed" });
    await as.admin.inventory.createOverride({ category, fromDate: first, toDate: addDaysIso(first, 2), mode: "units", value: 5, reason: "category plan" });
    await as.analyst.inventory.createOverride({ storeId: pick.storeId, itemId: pick.itemId, fromDate: addDaysIso(lastSale, 1), toDate: addDaysIso(lastSale, 3), mode: "scale", value: 1.5, reason: "not sold yet" });

    // By hand: the fixture forecasts one band per series for every day, without a mean, so the model's
    // point forecast is Swanson's 0.3·P10 + 0.4·P50 + 0.3·P90; days that stocked out are not scored.
    const { rows, stocked } = await withTenant(database, acmeId, async (tx) => {
      const [model] = await tx.select().from(modelVersions).where(eq(modelVersions.status, "production"));
      const f = await tx.select().from(forecasts).where(and(eq(forecasts.modelVersionId, model!.id), eq(forecasts.date, first)));
      const s = await tx.select().from(sales).where(and(eq(sales.date, first)));
      const o = await tx.select().from(stockoutDays);
      return { rows: { f, s }, stocked: new Set(o.map(key)) };
    });
    const band = new Map(rows.f.map((f) => [`${f.storeId}|${f.itemId}`, f]));
    const sold = async (storeId: string, itemId: string, from: string, days: number) =>
      withTenant(database, acmeId, (tx) => tx.select().from(sales).where(and(eq(sales.storeId, storeId), eq(sales.itemId, itemId)))).then((all) =>
        all.filter((s) => s.date >= from && s.date <= addDaysIso(from, days - 1) && !stocked.has(key(s))),
      );
    const swanson = (f: { p10: number; p50: number; p90: number }) => 0.3 * f.p10 + 0.4 * f.p50 + 0.3 * f.p90;

    const m = swanson(band.get(`${pick.storeId}|${pick.itemId}`)!);
    const mine = await sold(pick.storeId, pick.itemId, first, 7);
    const maeModel = mine.reduce((e, s) => e + Math.abs(m - s.units), 0) / mine.length;
    const maeOverride = mine.reduce((e, s) => e + Math.abs(2 * m - s.units), 0) / mine.length;
    const actual = mine.reduce((n, s) => n + s.units, 0);

    const fva = await as.viewer.inventory.forecastValueAdded();
    expect(fva.pending).toBe(1);
    const analyst = fva.byUser.find((u) => u.key === names.analyst)!;
    expect(analyst.points).toBe(mine.length);
    expect(analyst.overrides).toBe(1);
    expect(analyst.actual).toBe(actual);
    expect(analyst.maeModel).toBeCloseTo(maeModel, 9);
    expect(analyst.maeOverride).toBeCloseTo(maeOverride, 9);
    expect(analyst.wapeModel).toBeCloseTo((maeModel * mine.length) / actual, 9);
    expect(analyst.valueAdded).toBeCloseTo(1 - maeOverride / maeModel, 9);

    // The admin set a daily P50 of 5 for a whole category: each series' band moves so its P50 is 5.
    let points = 0;
    let errModel = 0;
    let errOverride = 0;
    for (const f of rows.f) {
      const r = rec.recommendations.find((x) => x.storeId === f.storeId && x.itemId === f.itemId);
      if (r?.category !== category) continue;
      const overridden = f.p50 > 0 ? swanson(f) * (5 / f.p50) : 5;
      for (const s of await sold(f.storeId, f.itemId, first, 3)) {
        points++;
        errModel += Math.abs(swanson(f) - s.units);
        errOverride += Math.abs(overridden - s.units);
      }
    }
    const admin = fva.byUser.find((u) => u.key === names.admin)!;
    expect(admin.points).toBe(points);
    expect(admin.maeModel).toBeCloseTo(errModel / points, 9);
    expect(admin.maeOverride).toBeCloseTo(errOverride / points, 9);
    expect(fva.byCategory.find((c) => c.key === category)).toMatchObject({ points, overrides: 1 });
    expect(fva.byCategory.find((c) => c.key === pick.category)).toMatchObject({ points: mine.length });
    expect(fva.overall.points).toBe(points + mine.length);
    expect(fva.overall.maeModel).toBeCloseTo((errModel + maeModel * mine.length) / (points + mine.length), 9);
  });
});
