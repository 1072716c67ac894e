import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eq } from "drizzle-orm";
import { users } from "@/drizzle/schema";
import { withAuthRole, withTenant } from "@/server/db/tenant-context";
import { seedDemoTenants } from "@/server/services/demo-data/seed-demo";
import type { SeededTenant } from "@/server/services/demo-data/seed-demo";
import { loadTenantPanel } from "@/server/services/forecasting/tenant-panel";
import { createTrainingRun, executeTrainingRun } from "@/server/services/forecasting/training-runs";
import { getPriceCurve, getPriceRecommendation } from "@/server/services/pricing/price-curve";
import type { PriceQuery } from "@/server/services/pricing/price-curve";
import { buildOpenApiDocument } from "@/server/rest/openapi";
import { createRestApi } from "@/server/rest/endpoints";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";
import { callerFor } from "../helpers/trpc-caller";
import { call, createKey } from "../rest/rest-client";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";

const SCALE = { stores: 2, items: 8, days: 400 };
const FAST = { horizon: 14, folds: 2, trees: 30 };

describe.each(testDrivers())("price curves and recommendations on %s", (driver) => {
  let database: TestDatabase;
  let tenant: SeededTenant;
  let other: FixtureTenant;
  let series: { storeId: string; itemId: string }[];
  const curve = (q: PriceQuery) => withTenant(database, tenant.tenantId, (tx) => getPriceCurve(tx, q));
  const recommend = (q: PriceQuery) => withTenant(database, tenant.tenantId, (tx) => getPriceRecommendation(tx, q));

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const configs = await loadTenantConfigs();
    tenant = (await seedDemoTenants(database.owner, { scale: SCALE, configs: configs.filter((c) => c.slug === "acme-grocers") })).tenants[0]!;
    other = await createFixtureTenant(database, "other");
    const actor = { tenantId: tenant.tenantId, role: "owner" as const };
    const run = await withTenant(database, tenant.tenantId, (tx) => createTrainingRun(tx, actor, FAST));
    await executeTrainingRun(database, actor, run.id);
    const panel = await withTenant(database, tenant.tenantId, (tx) => loadTenantPanel(tx));
    series = panel.series.filter((s) => s.lastDay === panel.nDays - 1).map((s) => ({ storeId: s.storeId, itemId: s.itemId }));
  }, 240_000);
  afterAll(() => database?.close());

  it("re-scores the production model over 21 prices: demand never rises with price, extrapolation flagged, elasticity negative", async () => {
    let drawn = 0;
    for (const s of series) {
      const c = await curve({ store: s.storeId, item: s.itemId });
      if (c.insufficient) {
        expect(c.points).toEqual([]);
        expect(c.elasticity).toBeNull();
        continue;
      }
      drawn++;
      expect(c.points).toHaveLength(21);
      expect(c.points[10]!.price).toBeCloseTo(c.currentPrice, 6);
      for (let g = 1; g < 21; g++) {
        expect(c.points[g]!.price).toBeGreaterThan(c.points[g - 1]!.price);
        expect(c.points[g]!.units.p50).toBeLessThanOrEqual(c.points[g - 1]!.units.p50 + 1e-4);
      }
      for (const p of c.points) {
        expect(p.units.p10).toBeLessThanOrEqual(p.units.p50 + 1e-9);
        expect(p.units.p50).toBeLessThanOrEqual(p.units.p90 + 1e-9);
        expect(p.extrapolated).toBe(p.price < c.observed!.min - 1e-9 || p.price > c.observed!.max + 1e-9);
      }
      expect(c.elasticity!).toBeLessThanOrEqual(0);
    }
    expect(drawn).toBeGreaterThan(0);
  });

  it("recommends a price inside every guardrail, with profit and its interval at the current and recommended price", async () => {
    const s = series[0]!;
    const r = await recommend({ store: s.storeId, item: s.itemId, maxStep: 0.08, minMargin: 0.2, endings: ".49,.99" });
    expect(r.reason).toBeNull();
    const p = r.recommended!.price;
    expect(Math.abs(p / r.currentPrice - 1)).toBeLessThanOrEqual(0.08 + 1e-9);
    expect((p - r.item.unitCost!) / p).toBeGreaterThanOrEqual(0.2 - 1e-9);
    expect([49, 99]).toContain(Math.round(p * 100) % 100);
    expect(p).toBeGreaterThanOrEqual(r.observed!.min - 1e-9);
    expect(p).toBeLessThanOrEqual(r.observed!.max + 1e-9);
    for (const o of [r.current!, r.recommended!]) {
      expect(o.profit.p10).toBeLessThanOrEqual(o.profit.p50 + 1e-9);
      expect(o.profit.p50).toBeLessThanOrEqual(o.profit.p90 + 1e-9);
    }
    // Guardrails that contradict each other leave no price, and say which.
    const none = await recommend({ store: s.storeId, item: s.itemId, maxStep: 0.01, minMargin: 0.9 });
    expect(none.recommended).toBeNull();
    expect(none.reason).toMatch(/min margin/);
  });

  it("serves GET /api/v1/pricing/recommendation and /pricing/curve (in the OpenAPI document), with JSON errors and tenant isolation", async () => {
    const s = series[1]!;
    const api = createRestApi({ getDatabase: async () => database });
    const { key } = await createKey(database, tenant.tenantId, "read");
    const res = await call(api.priceRecommendation, "/pricing/recommendation", { key, query: `store=${s.storeId}&item=${s.itemId}&maxStep=0.1&endings=.99` });
    expect(res.status).toBe(200);
    const direct = await recommend({ store: s.storeId, item: s.itemId, maxStep: 0.1, endings: ".99" });
    expect(res.body.data).toEqual(JSON.parse(JSON.stringify(direct)));
    const curveRes = await call(api.priceCurve, "/pricing/curve", { key, query: `store=${s.storeId}&item=${s.itemId}` });
    expect(curveRes.status).toBe(200);
    const bad = async (query: string) => (await call(api.priceRecommendation, "/pricing/recommendation", { key, query })).body.error;
    expect((await bad(`store=${s.storeId}&item=nope`))?.code).toBe("not_found:item");
    const invalid = await bad(`store=${s.storeId}&item=${s.itemId}&endings=49`);
    expect(invalid?.code).toBe("bad_request:validation");
    expect(invalid?.message).toMatch(/endings/);
    expect((await bad(`store=${s.storeId}&item=${s.itemId}&maxStep=2`))?.message).toMatch(/maxStep/);
    const theirs = await createKey(database, other.id, "read");
    expect((await call(api.priceCurve, "/pricing/curve", { key: theirs.key, query: `store=${s.storeId}&item=${s.itemId}` })).status).toBe(404);
    const doc = buildOpenApiDocument() as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(expect.arrayContaining(["/pricing/recommendation", "/pricing/curve"]));

    const [viewer] = await withAuthRole(database, (tx) => tx.select({ id: users.id }).from(users).where(eq(users.email, "viewer@acme.test")));
    const viaTrpc = await callerFor(database, viewer!.id, tenant.slug).pricing.curve({ store: s.storeId, item: s.itemId });
    expect(viaTrpc.points.map((p) => p.units.p50)).toEqual((curveRes.body.data as { points: { units: { p50: number } }[] }).points.map((p) => p.units.p50));
  });
});
