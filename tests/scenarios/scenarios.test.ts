import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { asc, count, eq } from "drizzle-orm";
import { actions, items, scenarios, stores, users } from "@/drizzle/schema";
import { addDaysIso } from "@/models/data";
import { withAuthRole, withTenant } from "@/server/db/tenant-context";
import { refreshActions } from "@/server/services/actions/refresh-actions";
import { seedDemoTenants } from "@/server/services/demo-data/seed-demo";
import type { SeededTenant } from "@/server/services/demo-data/seed-demo";
import { createTrainingRun, executeTrainingRun } from "@/server/services/forecasting/training-runs";
import { getProductionModel } from "@/server/services/models/registry";
import { evaluateScenario } from "@/server/services/scenarios/evaluate-scenario";
import { createScenarioActions } from "@/server/services/scenarios/scenario-actions";
import { MAX_SCENARIO_CELLS } from "@/server/services/scenarios/scenario-definition";
import type { ScenarioDefinitionInput } from "@/server/services/scenarios/scenario-definition";
import { createScenario, deleteScenario, getScenario, listScenarios, savedScenario } from "@/server/services/scenarios/saved-scenarios";
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

describe.each(testDrivers())("what-if scenarios on %s", (driver) => {
  let database: TestDatabase;
  let tenant: SeededTenant;
  let other: FixtureTenant;
  let first: string;
  let category: string;
  let store: string;
  const actor = () => ({ tenantId: tenant.tenantId, role: "analyst" as const });
  const inTenant = <T,>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(database, tenant.tenantId, fn);
  const evaluate = (d: ScenarioDefinitionInput) => inTenant((tx) => evaluateScenario(tx, d));
  const stored = async () => (await inTenant((tx) => tx.select({ n: count() }).from(scenarios)))[0]!.n;
  const define = (change: ScenarioDefinitionInput["change"], extra: Partial<ScenarioDefinitionInput> = {}): ScenarioDefinitionInput => ({
    name: "test",
    items: { by: "category", category },
    stores: { by: "ids", ids: [store] },
    from: first,
    to: addDaysIso(first, 6),
    change,
    ...extra,
  });

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const configs = await loadTenantConfigs();
    tenant = (await seedDemoTenants(database.owner, { scale: SCALE, configs: configs.filter((c) => c.slug === "acme-grocers") })).tenants[0]!;
    other = await createFixtureTenant(database, "other");
    const owner = { tenantId: tenant.tenantId, role: "owner" as const };
    const run = await withTenant(database, tenant.tenantId, (tx) => createTrainingRun(tx, owner, FAST));
    await executeTrainingRun(database, owner, run.id);
    const model = (await withTenant(database, tenant.tenantId, (tx) => getProductionModel(tx)))!;
    first = addDaysIso(model.trainedTo, 1);
    category = (await withTenant(database, tenant.tenantId, (tx) => tx.select().from(items).orderBy(asc(items.id))))[0]!.category;
    store = (await withTenant(database, tenant.tenantId, (tx) => tx.select().from(stores).orderBy(asc(stores.id))))[0]!.id;
  }, 300_000);
  afterAll(() => database?.close());

  it("a price cut raises units and lowers the unit margin; totals' intervals contain their means", async () => {
    const r = await evaluate(define({ price: { kind: "percent", value: -10 } }));
    expect(r.scope.series).toBeGreaterThan(0);
    expect(r.scope.cells).toBe(r.scope.series * 7);
    expect(r.scoredRows).toBe(2 * r.scope.cells);
    expect(r.units.scenario.mean).toBeGreaterThan(r.units.baseline.mean);
    expect(r.units.change).toBeCloseTo(r.units.scenario.mean - r.units.baseline.mean, 9);
    for (const s of r.series) {
      expect(s.scenarioPrice).toBeCloseTo(s.baselinePrice * 0.9, 4);
      expect(s.scenarioUnits).toBeGreaterThanOrEqual(s.baselineUnits - 1e-9);
      if (s.baselineUnits > 0 && s.scenarioUnits > 0) expect(s.scenarioMargin / s.scenarioUnits).toBeLessThan(s.baselineMargin / s.baselineUnits);
    }
    const sum = (f: (s: (typeof r.series)[number]) => number) => r.series.reduce((a, s) => a + f(s), 0);
    expect(r.units.scenario.mean).toBeCloseTo(sum((s) => s.scenarioUnits), 6);
    expect(r.margin.baseline.mean).toBeCloseTo(sum((s) => s.baselineMargin), 6);
    for (const m of [r.units, r.revenue, r.margin]) {
      for (const b of [m.baseline, m.scenario]) {
        expect(b.p10).toBeLessThanOrEqual(b.mean);
        expect(b.mean).toBeLessThanOrEqual(b.p90);
        expect(b.p90).toBeGreaterThan(b.p10);
      }
    }
    expect(r.days).toHaveLength(7);
    expect(r.days.reduce((a, d) => a + d.scenario.mean, 0)).toBeCloseTo(r.units.scenario.mean, 6);
    expect(r.stock.scenario.mean).toBeGreaterThanOrEqual(r.stock.baseline.mean);
    expect(r.evaluationMs).toBeGreaterThan(0);
  });

  it("an unchanged scenario equals the baseline totals exactly, scoring nothing", async () => {
    for (const change of [{ price: { kind: "percent" as const, value: 0 } }, { price: { kind: "absolute" as const, value: 0 } }]) {
      const r = await evaluate(define(change, { stores: { by: "all" } }));
      expect(r.scoredRows).toBe(0);
      for (const m of [r.units, r.revenue, r.margin]) {
        expect(m.scenario).toEqual(m.baseline);
        expect(m.change).toBe(0);
      }
      expect(r.stock.scenario).toEqual(r.stock.baseline);
      expect(r.days.map((d) => d.scenario)).toEqual(r.days.map((d) => d.baseline));
    }
  });

  it("promotion on and a discount raise units; an absolute price rise lowers them", async () => {
    const promo = await evaluate(define({ promo: true, discount: 20 }));
    expect(promo.units.scenario.mean).toBeGreaterThan(promo.units.baseline.mean);
    for (const s of promo.series) expect(s.scenarioPrice).toBeLessThan(s.baselinePrice + 1e-9);
    const dearer = await evaluate(define({ price: { kind: "absolute", value: 0.5 } }));
    expect(dearer.units.scenario.mean).toBeLessThanOrEqual(dearer.units.baseline.mean + 1e-9);
  });

  it("refuses bad dates, unknown or other tenants' items and stores, oversized scenarios — and stores nothing", async () => {
    const model = (await inTenant((tx) => getProductionModel(tx)))!;
    const refused = async (d: ScenarioDefinitionInput) => {
      const error = await inTenant((tx) => createScenario(tx, actor(), d)).catch((e: Error & { code?: string }) => e);
      expect(error).toBeInstanceOf(Error);
      return error as Error & { code?: string };
    };
    const late = await refused(define({ promo: true }, { to: addDaysIso(model.trainedTo, model.horizon + 1) }));
    expect(late.code).toBe("bad_request:scenario_dates");
    expect(late.message).toContain(addDaysIso(model.trainedTo, model.horizon));
    expect((await refused(define({ promo: true }, { from: model.trainedTo }))).code).toBe("bad_request:scenario_dates");
    expect((await refused(define({ promo: true }, { from: addDaysIso(first, 3), to: first }))).message).toMatch(/to must be on or after from/);
    expect((await refused(define({ promo: true }, { from: "2026-02-30" }))).message).toMatch(/from/);
    const unknown = await refused(define({ promo: true }, { items: { by: "ids", ids: ["no-such-item"] } }));
    expect(unknown.code).toBe("not_found:item");
    expect(unknown.message).toContain("no-such-item");
    expect((await refused(define({ promo: true }, { items: { by: "ids", ids: ["other-I1"] } }))).code).toBe("not_found:item");
    expect((await refused(define({ promo: true }, { stores: { by: "ids", ids: ["other-S1"] } }))).code).toBe("not_found:store");
    expect((await refused(define({ promo: true }, { items: { by: "category", category: "Cat other" } }))).code).toBe("not_found:category");
    expect((await refused(define({}))).message).toMatch(/at least one of price, discount or promo/);
    expect((await refused(define({ price: { kind: "percent", value: -95 } }))).message).toMatch(/between −90 and 200/);
    expect((await refused(define({ price: { kind: "absolute", value: -1000 } }))).code).toBe("bad_request:scenario_price");
    // The demo tenant here is small, so the limit is lowered to reach it; the message names it.
    const whole = define({ promo: true }, { stores: { by: "all" }, to: addDaysIso(model.trainedTo, model.horizon) });
    const cells = (await evaluate(whole)).scope.cells;
    const big = await inTenant((tx) => evaluateScenario(tx, whole, { maxCells: cells - 1 })).catch((e: Error & { code?: string }) => e);
    expect((big as { code?: string }).code).toBe("payload_too_large:scenario_size");
    expect((big as Error).message).toContain(`at most ${(cells - 1).toLocaleString("en")} per scenario`);
    expect(MAX_SCENARIO_CELLS).toBe(5_000);
    expect(await stored()).toBe(0);
  });

  it("saves, lists, gets, names uniquely, deletes, marks stale results, and turns a scenario into price-change actions", async () => {
    const saved = await inTenant((tx) => createScenario(tx, actor(), { ...define({ price: { kind: "percent", value: -10 } }), name: "Dairy −10%" }));
    expect(saved.stale).toBe(false);
    expect(saved.computedAgainst.version).toBe(saved.result.model.version);
    const again = await inTenant((tx) => createScenario(tx, actor(), { ...define({ promo: true }), name: "Dairy −10%" })).catch((e: Error & { code?: string }) => e);
    expect((again as { code?: string }).code).toBe("conflict:scenario_name");
    expect((await inTenant((tx) => listScenarios(tx))).map((s) => s.id)).toEqual([saved.id]);
    expect((await inTenant((tx) => getScenario(tx, saved.id))).result).toEqual(saved.result);
    const row = (await inTenant((tx) => tx.select().from(scenarios).where(eq(scenarios.id, saved.id))))[0]!;
    expect(savedScenario(row, "another-version").stale).toBe(true);

    const made = await inTenant((tx) => createScenarioActions(tx, actor(), saved.id));
    const rising = saved.result.series.filter((s) => s.scenarioMargin - s.baselineMargin > 0.005);
    expect(made.created).toBe(rising.length);
    expect(made.created + made.skipped).toBe(saved.result.series.length);
    const priceActions = await inTenant((tx) => tx.select().from(actions).where(eq(actions.type, "price_change")));
    expect(priceActions).toHaveLength(rising.length);
    for (const a of priceActions) {
      const s = rising.find((x) => x.storeId === a.storeId && x.itemId === a.itemId)!;
      expect(a.value).toBeCloseTo(s.scenarioMargin - s.baselineMargin, 2);
    }
    // Idempotent, and the inventory refresh leaves price changes alone.
    expect((await inTenant((tx) => createScenarioActions(tx, actor(), saved.id))).updated).toBe(rising.length);
    await inTenant((tx) => refreshActions(tx, tenant.tenantId, { force: true }));
    expect(await inTenant((tx) => tx.select().from(actions).where(eq(actions.type, "price_change")))).toHaveLength(rising.length);

    await inTenant((tx) => deleteScenario(tx, actor(), saved.id));
    expect(await stored()).toBe(0);
    const gone = await inTenant((tx) => getScenario(tx, saved.id)).catch((e: Error & { code?: string }) => e);
    expect((gone as { code?: string }).code).toBe("not_found:scenario");
  });

  it("serves POST /api/v1/scenarios (201) and GET /api/v1/scenarios/{id} (404 for another tenant), in the OpenAPI document; tRPC needs an analyst to save", async () => {
    const api = createRestApi({ getDatabase: async () => database });
    const write = await createKey(database, tenant.tenantId, "write");
    const read = await createKey(database, tenant.tenantId, "read");
    const body = JSON.stringify({ ...define({ price: { kind: "percent", value: -5 } }), name: "API −5%" });
    const created = await call(api.createScenario, "/scenarios", { key: write.key, method: "POST", body });
    expect(created.status).toBe(201);
    const data = created.body.data as { id: string; name: string; result: { units: { change: number } } };
    expect(data.name).toBe("API −5%");
    expect((await call(api.createScenario, "/scenarios", { key: read.key, method: "POST", body })).status).toBe(403);
    const bad = await call(api.createScenario, "/scenarios", { key: write.key, method: "POST", body: JSON.stringify({ ...define({ promo: true }), name: "late", to: "2099-01-01" }) });
    expect(bad.status).toBe(400);
    expect(bad.body.error?.code).toBe("bad_request:scenario_dates");
    const got = await call(api.getScenario, `/scenarios/${data.id}`, { key: read.key, params: { id: data.id } });
    expect(got.status).toBe(200);
    expect((got.body.data as { result: unknown }).result).toEqual((created.body.data as { result: unknown }).result);
    const theirs = await createKey(database, other.id, "read");
    const hidden = await call(api.getScenario, `/scenarios/${data.id}`, { key: theirs.key, params: { id: data.id } });
    expect(hidden.status).toBe(404);
    expect(hidden.body.error?.code).toBe("not_found:scenario");
    expect((await call(api.getScenario, "/scenarios/not-a-uuid", { key: read.key, params: { id: "not-a-uuid" } })).status).toBe(404);
    const doc = buildOpenApiDocument() as { paths: Record<string, Record<string, { responses: Record<string, unknown> }>> };
    expect(Object.keys(doc.paths["/scenarios"]!.post!.responses)).toContain("201");
    expect(doc.paths["/scenarios/{id}"]!.get).toBeDefined();

    // Isolation: the other tenant sees only its own scenarios, even with no tenant filter in the query.
    const seen = await withTenant(database, other.id, (tx) => tx.select({ id: scenarios.id, tenantId: scenarios.tenantId }).from(scenarios));
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((r) => r.tenantId === other.id && r.id !== data.id)).toBe(true);
    const [viewer] = await withAuthRole(database, (tx) => tx.select({ id: users.id }).from(users).where(eq(users.email, "viewer@acme.test")));
    const asViewer = callerFor(database, viewer!.id, tenant.slug);
    expect((await asViewer.scenarios.list()).map((s) => s.id)).toContain(data.id);
    await expect(asViewer.scenarios.create({ ...define({ promo: true }), name: "viewer" })).rejects.toThrow(/analyst/i);
  });
});
