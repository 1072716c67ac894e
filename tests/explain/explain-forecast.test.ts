import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import { seedDemoTenants } from "@/server/services/demo-data/seed-demo";
import type { SeededTenant } from "@/server/services/demo-data/seed-demo";
import { buildInferenceRows, FEATURE_NAMES, N_FEATURES } from "@/models/features";
import { OnnxForecaster } from "@/models/onnx";
import { treeShap } from "@/models/xai";
import { explainForecast } from "@/server/services/explain/explain-forecast";
import type { ExplainForecastInput } from "@/server/services/explain/explain-forecast";
import { numberFormats } from "@/server/services/explain/number-format";
import { getSeriesForecast } from "@/server/services/forecasting/series-forecast";
import { loadTenantPanel } from "@/server/services/forecasting/tenant-panel";
import { createTrainingRun, executeTrainingRun } from "@/server/services/forecasting/training-runs";
import { getProductionModel, loadArtifacts, loadTrees } from "@/server/services/models/registry";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";
import { eq } from "drizzle-orm";
import { users } from "@/drizzle/schema";
import { withAuthRole } from "@/server/db/tenant-context";
import { createRestApi } from "@/server/rest/endpoints";
import { callerFor } from "../helpers/trpc-caller";
import { call, createKey } from "../rest/rest-client";
import { createFixtureTenant } from "../helpers/fixtures";
import type { FixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";

const SCALE = { stores: 2, items: 6, days: 240 };
const FAST = { horizon: 7, folds: 2, trees: 15 };

describe.each(testDrivers())("forecast explanations on %s", (driver) => {
  let database: TestDatabase;
  let tenant: SeededTenant;
  let other: FixtureTenant;
  let firstDay: string;
  let series: { storeId: string; itemId: string; category: string }[];
  const explain = (input: ExplainForecastInput) => withTenant(database, tenant.tenantId, (tx) => explainForecast(tx, tenant.tenantId, input));

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const configs = await loadTenantConfigs();
    tenant = (await seedDemoTenants(database.owner, { scale: SCALE, configs: configs.filter((c) => c.slug === "northwind-fashion") })).tenants[0]!;
    other = await createFixtureTenant(database, "other");
    const actor = { tenantId: tenant.tenantId, role: "owner" as const };
    const run = await withTenant(database, tenant.tenantId, (tx) => createTrainingRun(tx, actor, FAST));
    await executeTrainingRun(database, actor, run.id);
    const panel = await withTenant(database, tenant.tenantId, (tx) => loadTenantPanel(tx));
    series = panel.series.map((s) => ({ storeId: s.storeId, itemId: s.itemId, category: panel.items.get(s.itemId)?.category ?? "" }));
    const stored = await withTenant(database, tenant.tenantId, (tx) => getSeriesForecast(tx, { storeId: series[0]!.storeId, itemId: series[0]!.itemId }));
    firstDay = stored.forecast[0]!.date;
  }, 180_000);
  afterAll(() => database?.close());

  it("attributes each served forecast exactly: base + Σ SHAP = onnxruntime's output, the stored P50, and models/'s TreeSHAP of that row", async () => {
    const { model, trees, onnx, panel } = await withTenant(database, tenant.tenantId, async (tx) => {
      const model = (await getProductionModel(tx))!;
      return { model, trees: await loadTrees(tx, model), onnx: await loadArtifacts(tx, model), panel: await loadTenantPanel(tx) };
    });
    // Independently of the service: the rows the training run forecast from, TreeSHAP and onnxruntime on them.
    const rows = buildInferenceRows(panel, panel.nDays - 1, model.horizon);
    const forecaster = await OnnxForecaster.load(onnx.p50!);
    const served = await forecaster.predict(rows.X, rows.nRows);
    let worst = 0;
    for (const [k, s] of series.slice(0, 6).entries()) {
      for (const h of [1, 4, 7]) {
        const date = new Date(Date.parse(firstDay) + (h - 1) * 86_400_000).toISOString().slice(0, 10);
        const e = await explain({ storeId: s.storeId, itemId: s.itemId, date });
        const r = k * model.horizon + h - 1;
        const scale = rows.scale[r]!;
        const reference = treeShap(trees.p50!, { data: rows.X.subarray(r * N_FEATURES, (r + 1) * N_FEATURES), nRows: 1, nFeatures: N_FEATURES });
        const sumShap = e.shap.reduce((a, x) => a + x.value, 0);
        const error = Math.abs(e.baseValue + sumShap - served[r]! * scale);
        worst = Math.max(worst, error);
        expect(error).toBeLessThan(1e-4);
        expect(e.additivityError).toBeLessThan(1e-4);
        e.shap.forEach((x, j) => expect(x.value).toBeCloseTo(reference.values[j]! * scale, 9));
        expect(e.baseValue).toBeCloseTo(reference.expectedValue * scale, 9);
        // The served forecast is the stored P50; the model output differs only by the floor at zero.
        const stored = await withTenant(database, tenant.tenantId, (tx) => getSeriesForecast(tx, s));
        expect(e.forecast).toBe(stored.forecast.find((d) => d.date === date)!.p50);
        expect(e.forecast).toBeCloseTo(Math.max(0, e.modelOutput), 4);
        // Drivers group every feature once, so they sum to the same total as the features.
        expect(e.groups.reduce((a, g) => a + g.value, 0)).toBeCloseTo(sumShap, 9);
        expect(e.waterfall.at(-1)!.end).toBeCloseTo(e.modelOutput, 9);
        expect(e.shap.map((x) => x.feature)).toEqual([...FEATURE_NAMES]);
      }
    }
    console.info(`worst |base + Σ SHAP − onnxruntime| over 18 rows: ${worst.toExponential(2)} units`);
  });

  it("explains aggregates as sums of their parts: a week, an item across stores, a category at a store and across stores", async () => {
    const s = series[0]!;
    const week = await explain({ storeId: s.storeId, itemId: s.itemId, date: firstDay, days: 7 });
    const days = await Promise.all(
      Array.from({ length: 7 }, (_, j) => explain({ storeId: s.storeId, itemId: s.itemId, date: new Date(Date.parse(firstDay) + j * 86_400_000).toISOString().slice(0, 10) })),
    );
    expect(week.forecast).toBeCloseTo(days.reduce((a, d) => a + d.forecast, 0), 6);
    week.shap.forEach((x, j) => expect(x.value).toBeCloseTo(days.reduce((a, d) => a + d.shap[j]!.value, 0), 6));
    expect(week.scope).toMatchObject({ days: 7, series: 1 });

    const stores = series.filter((x) => x.itemId === s.itemId);
    const across = await explain({ itemId: s.itemId, date: firstDay });
    const each = await Promise.all(stores.map((x) => explain({ storeId: x.storeId, itemId: x.itemId, date: firstDay })));
    expect(across.scope.series).toBe(stores.length);
    expect(across.baseValue).toBeCloseTo(each.reduce((a, d) => a + d.baseValue, 0), 6);
    expect(across.groups.map((g) => g.value)).toEqual(across.groups.map((_, i) => expect.closeTo(each.reduce((a, d) => a + d.groups[i]!.value, 0), 6)));

    const category = await explain({ storeId: s.storeId, category: s.category, date: firstDay });
    expect(category.scope.series).toBe(series.filter((x) => x.storeId === s.storeId && x.category === s.category).length);
    expect(category.additivityError).toBeLessThan(1e-4);

    // A category across stores is the sum of that category at each store.
    const categoryStores = [...new Set(series.filter((x) => x.category === s.category).map((x) => x.storeId))];
    const everywhere = await explain({ category: s.category, date: firstDay, days: 7 });
    const atEach = await Promise.all(categoryStores.map((storeId) => explain({ storeId, category: s.category, date: firstDay, days: 7 })));
    expect(everywhere.scope).toMatchObject({ storeId: null, series: series.filter((x) => x.category === s.category).length });
    expect(everywhere.additivityError).toBeLessThan(1e-4);
    expect(everywhere.forecast).toBeCloseTo(atEach.reduce((a, d) => a + d.forecast, 0), 4);
    expect(everywhere.groups.map((g) => g.value)).toEqual(everywhere.groups.map((_, i) => expect.closeTo(atEach.reduce((a, d) => a + d.groups[i]!.value, 0), 4)));
  });

  it("writes 2–4 sentences whose every number comes from the explanation, with the strongest driver first and the right direction", async () => {
    const tenantRow = await withTenant(database, tenant.tenantId, (tx) => getProductionModel(tx));
    expect(tenantRow).not.toBeNull();
    for (const s of series.slice(0, 4)) {
      const e = await explain({ storeId: s.storeId, itemId: s.itemId, date: firstDay, days: 7 });
      const f = numberFormats(e.locale, e.currency);
      expect(e.sentences.length).toBeGreaterThanOrEqual(2);
      expect(e.sentences.length).toBeLessThanOrEqual(4);
      const known = new Set(
        [e.forecast, e.baseValue, e.p10, e.p90, e.recent.mean, e.recent.spread80, ...e.groups.map((g) => Math.abs(g.value))].map(f.units).concat(
          e.recent.mean > 0 ? [f.percent(Math.abs(e.forecast / e.recent.mean - 1))] : [],
        ),
      );
      for (const sentence of e.sentences) {
        const numbers = sentence.replace(e.scope.period, "").match(/\d[\d,.]*%?/g) ?? [];
        for (const token of numbers) expect([...known].some((k) => k.replace(/\s/g, "") === token || k.startsWith(token))).toBe(true);
      }
      const ranked = [...e.groups].sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
      const strongest = ranked[0]!;
      if (Math.abs(strongest.value) >= Math.max(0.05, 0.02 * e.forecast)) {
        expect(e.sentences[0]).toContain(`${strongest.label.toLowerCase()} ${strongest.value > 0 ? "adds" : "takes off"} ${f.units(Math.abs(strongest.value))} units`);
      }
      expect(e.sentences[0]).toContain(f.units(e.forecast));
    }
  });

  it("finds the smallest lever changes that reach a target, scored by the served model on the rows the pipeline would build with that plan", async () => {
    const s = series[0]!;
    const e = await explain({ storeId: s.storeId, itemId: s.itemId, date: firstDay, days: 7 });
    const cf = e.counterfactuals;
    expect(cf.from).toBeCloseTo(e.forecast, 3);
    expect(cf.target).toBeCloseTo(Math.round(cf.from * 1.2 * 10) / 10, 6);
    expect(cf.levers).toContain("price");
    const { model, onnx, panel } = await withTenant(database, tenant.tenantId, async (tx) => {
      const model = (await getProductionModel(tx))!;
      return { model, onnx: await loadArtifacts(tx, model), panel: await loadTenantPanel(tx) };
    });
    const forecaster = await OnnxForecaster.load(onnx.p50!);
    const seriesIndex = panel.series.findIndex((x) => x.storeId === s.storeId && x.itemId === s.itemId);
    const plain = buildInferenceRows(panel, panel.nDays - 1, model.horizon);
    const k = Array.from(plain.seriesIndices).indexOf(seriesIndex);
    const found = cf.results.filter((r) => r.found && r.changes.length > 0);
    expect(found.length).toBeGreaterThan(0);
    for (const result of found) {
      // The same change as a plan the feature pipeline applies itself (list price × factor, discount and promotion set).
      const change = (lever: string) => result.changes.find((c) => c.lever === lever)?.to;
      const list = (h: number) => {
        const row = plain.X.subarray((k * model.horizon + h - 1) * N_FEATURES);
        const discount = Number.isNaN(row[FEATURE_NAMES.indexOf("target_discount")]!) ? 0 : row[FEATURE_NAMES.indexOf("target_discount")]!;
        return row[FEATURE_NAMES.indexOf("target_price")]! / (1 - discount);
      };
      const days = Float32Array.from({ length: model.horizon }, (_, j) => j);
      const plan = {
        price: days.map((j) => list(j + 1) * (change("price") ?? 1)),
        discount: change("discount") === undefined ? undefined : days.map(() => change("discount")!),
        promo: change("promo") === undefined ? undefined : days.map(() => change("promo")!),
        markdown: change("markdown") === undefined ? undefined : days.map(() => change("markdown")!),
      };
      const rows = buildInferenceRows(panel, panel.nDays - 1, model.horizon, { plans: new Map([[seriesIndex, plan]]) });
      const raw = await forecaster.predict(rows.X, rows.nRows);
      const units = rows.toUnits(raw);
      const planned = Array.from({ length: 7 }, (_, j) => units[k * model.horizon + j]!).reduce((a, b) => a + b, 0);
      expect(result.prediction).toBeCloseTo(planned, 2);
      expect(cf.direction === "increase" ? result.prediction >= cf.target : result.prediction <= cf.target).toBe(true);
      expect(result.sentence).toMatch(/would (lift|lower) the forecast/);
    }
    const impossible = await explain({ storeId: s.storeId, itemId: s.itemId, date: firstDay, target: 1e6, maxPriceChange: 0.1 });
    expect(impossible.counterfactuals.results.every((r) => !r.found)).toBe(true);
    expect(impossible.counterfactuals.results[0]!.sentence).toMatch(/^No change of .* within these bounds/);
    // The price curve is the served forecast at other prices; at today's price it is the forecast itself.
    expect(e.priceCurve.find((p) => p.priceChange === 0)!.forecast).toBeCloseTo(cf.from, 6);
  });

  it("refuses unknown items, another tenant's item and dates outside the forecast with clear 4xx errors", async () => {
    const s = series[0]!;
    const code = (p: Promise<unknown>) => p.then(() => "ok", (e: unknown) => (e instanceof AppError ? `${e.status} ${e.code}` : String(e)));
    expect(await code(explain({ storeId: s.storeId, itemId: "no-such-item", date: firstDay }))).toBe("404 not_found:item");
    expect(await code(explain({ storeId: s.storeId, itemId: "other-I1", date: firstDay }))).toBe("404 not_found:item");
    expect(await code(explain({ storeId: "other-S1", itemId: s.itemId, date: firstDay }))).toBe("404 not_found:store");
    expect(await code(explain({ storeId: s.storeId, itemId: s.itemId, date: "2020-01-01" }))).toBe("400 bad_request:date");
    expect(await code(explain({ storeId: s.storeId, itemId: s.itemId, date: firstDay, days: 8 }))).toBe("400 bad_request:date");
    expect(await code(explain({ storeId: s.storeId, date: firstDay }))).toMatch(/Give an item/);
    expect(await code(explain({ itemId: s.itemId, category: s.category, date: firstDay }))).toMatch(/Give an item/);
    expect(other.id).not.toBe(tenant.tenantId);
  });

  it("serves the same numbers over REST (GET /api/v1/explain) and tRPC, with JSON 4xx errors for bad parameters", async () => {
    const s = series[1]!;
    const api = createRestApi({ getDatabase: async () => database });
    const { key } = await createKey(database, tenant.tenantId, "read");
    const res = await call(api.explain, "/explain", { key, query: `store=${s.storeId}&item=${s.itemId}&date=${firstDay}` });
    expect(res.status).toBe(200);
    const data = res.body.data as Awaited<ReturnType<typeof explain>>;
    const direct = await explain({ storeId: s.storeId, itemId: s.itemId, date: firstDay });
    expect(data.shap.map((x) => x.value)).toEqual(direct.shap.map((x) => x.value));
    expect(data).toMatchObject({ baseValue: direct.baseValue, forecast: direct.forecast, sentences: direct.sentences, modelVersion: direct.modelVersion });
    expect(data).not.toHaveProperty("selection");
    expect(data.shap[0]).toEqual({ feature: "horizon", label: expect.any(String), group: "seasonality", value: expect.any(Number), shown: expect.any(String) });

    const bad = async (query: string) => (await call(api.explain, "/explain", { key, query })).body.error?.code;
    expect(await bad(`store=${s.storeId}&item=other-I1&date=${firstDay}`)).toBe("not_found:item");
    expect(await bad(`store=${s.storeId}&item=${s.itemId}&date=2001-01-01`)).toBe("bad_request:date");
    expect(await bad(`store=${s.storeId}&item=${s.itemId}`)).toBe("bad_request:validation");
    expect(await bad(`store=${s.storeId}&date=${firstDay}`)).toBe("bad_request:validation");
    // The other tenant's key sees nothing of this tenant's items.
    const theirs = await createKey(database, other.id, "read");
    expect((await call(api.explain, "/explain", { key: theirs.key, query: `store=${s.storeId}&item=${s.itemId}&date=${firstDay}` })).status).toBe(404);

    const [viewer] = await withAuthRole(database, (tx) => tx.select({ id: users.id }).from(users).where(eq(users.email, "owner@northwind.test")));
    const viaTrpc = await callerFor(database, viewer!.id, tenant.slug).explain.forecast({ storeId: s.storeId, itemId: s.itemId, date: firstDay });
    expect(viaTrpc.shap.map((x) => x.value)).toEqual(direct.shap.map((x) => x.value));
  });
});
