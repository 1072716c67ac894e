import { cp, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { forecasts, sales } from "@/drizzle/schema";
import { withTenant } from "@/server/db/tenant-context";
import { seedDemoTenants } from "@/server/services/demo-data/seed-demo";
import type { SeededTenant } from "@/server/services/demo-data/seed-demo";
import { buildInferenceRows, panelFingerprint } from "@/models/features";
import { predictQuantiles, servedTrees } from "@/models/forecaster";
import { OnnxForecaster } from "@/models/onnx";
import { treeShap } from "@/models/xai";
import { demoDataPanel } from "@/server/services/demo-data/demo-panel";
import { generateTenantData } from "@/server/services/demo-data/generate-tenant-data";
import { installDemoModel, readDemoModel, saveDemoModel } from "@/server/services/forecasting/demo-models";
import { getAggregateForecast } from "@/server/services/forecasting/aggregate-forecast";
import { getSeriesForecast } from "@/server/services/forecasting/series-forecast";
import { storeForecasts } from "@/server/services/forecasting/store-forecasts";
import { loadTenantPanel } from "@/server/services/forecasting/tenant-panel";
import { createTrainingRun, executeTrainingRun } from "@/server/services/forecasting/training-runs";
import type { TrainingOutcome } from "@/server/services/forecasting/training-runs";
import { getProductionModel, loadArtifacts, loadTrees } from "@/server/services/models/registry";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";
import type { TenantConfig } from "@/server/tenants/tenant-config";
import { createFixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";

const SCALE = { stores: 2, items: 6, days: 240 };
const FAST = { horizon: 7, folds: 2, trees: 15 };

async function seedNorthwind(database: TestDatabase, configs: TenantConfig[]): Promise<SeededTenant> {
  const result = await seedDemoTenants(database.owner, { scale: SCALE, configs: configs.filter((c) => c.slug === "northwind-fashion") });
  return result.tenants[0]!;
}

describe.each(testDrivers())("tenant models on %s", (driver) => {
  let database: TestDatabase;
  let configs: TenantConfig[];
  let tenant: SeededTenant;
  let outcome: TrainingOutcome;
  const progress: number[] = [];

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    configs = await loadTenantConfigs();
    tenant = await seedNorthwind(database, configs);
    const actor = { tenantId: tenant.tenantId, role: "owner" as const };
    const run = await withTenant(database, tenant.tenantId, (tx) => createTrainingRun(tx, actor, FAST));
    outcome = await executeTrainingRun(database, actor, run.id, { onProgress: (p) => progress.push(p.fraction) });
  }, 120_000);

  afterAll(async () => {
    await database?.close();
  });

  it("reads the tenant's history into a panel: every series, markdowns as a signal, holidays as events", async () => {
    const panel = await withTenant(database, tenant.tenantId, (tx) => loadTenantPanel(tx));
    expect(panel.series.length).toBe(SCALE.stores * SCALE.items);
    expect(panel.nDays).toBe(SCALE.days);
    const observed = panel.series.reduce((n, s) => n + s.units.reduce((k, u) => (Number.isNaN(u) ? k : k + 1), 0), 0);
    // A series starts at its first sale, so leading zero rows of items that launch later fall away.
    expect(observed).toBeLessThanOrEqual(tenant.rows.sales);
    expect(observed).toBeGreaterThan(0.95 * tenant.rows.sales);
    expect(panel.has.markdown).toBe(tenant.rows.markdowns > 0);
    expect(panel.has.calendar).toBe(true);
    expect([...panel.events.values()].flat()).toContain("Black Friday");
  });

  it("reads through RLS: another tenant's sales never reach the panel", async () => {
    const other = await createFixtureTenant(database, "other");
    const [mine, theirs] = await Promise.all([
      withTenant(database, tenant.tenantId, (tx) => loadTenantPanel(tx)),
      withTenant(database, other.id, (tx) => loadTenantPanel(tx)),
    ]);
    expect(theirs.series.map((s) => s.storeId)).toEqual(["other-S1"]);
    expect(mine.series.some((s) => s.storeId === "other-S1")).toBe(false);
  });

  it("records a successful run with rising progress and promotes the first version", async () => {
    expect(outcome.run).toMatchObject({ status: "succeeded", progress: 1 });
    expect(outcome.promoted).toBe(true);
    expect(outcome.version.status).toBe("production");
    expect(progress.length).toBeGreaterThanOrEqual(FAST.folds + 2);
    expect([...progress].sort((a, b) => a - b)).toEqual(progress);
    expect(Object.keys(outcome.version.metrics)).toEqual(expect.arrayContaining(["model", "seasonal_naive", "holt_winters"]));
  });

  it("stores a P10 ≤ P50 ≤ P90 forecast for every active series over the horizon", async () => {
    expect(outcome.forecastRows).toBe(SCALE.stores * SCALE.items * FAST.horizon);
    const s = outcome.panel.series[0]!;
    const view = await withTenant(database, tenant.tenantId, (tx) => getSeriesForecast(tx, { storeId: s.storeId, itemId: s.itemId, historyDays: 30 }));
    expect(view.model?.version).toBe(outcome.version.version);
    expect(view.history.length).toBe(30);
    expect(view.forecast).toHaveLength(FAST.horizon);
    expect(view.forecast[0]!.date > view.history.at(-1)!.date).toBe(true);
    expect(view.point?.source).toBe("mean");
    for (const f of view.forecast) {
      expect(f.p10).toBeLessThanOrEqual(f.p50);
      expect(f.p50).toBeLessThanOrEqual(f.p90);
      expect(f.p10).toBeGreaterThanOrEqual(0);
      expect(f.mean).toBeGreaterThan(0);
      expect(f.point).toBe(f.mean);
    }
  });

  it("a store's, a category's and the tenant's totals are the sums of their series' means, each with a band of the total", async () => {
    const s = outcome.panel.series[0]!;
    const categoryOf = new Map([...outcome.panel.items.values()].map((i) => [i.id, i.category]));
    const category = categoryOf.get(s.itemId)!;
    const [byStore, byCategory, all, rows] = await withTenant(database, tenant.tenantId, async (tx) => [
      await getAggregateForecast(tx, { storeId: s.storeId }),
      await getAggregateForecast(tx, { category }),
      await getAggregateForecast(tx, {}),
      await tx.select({ storeId: forecasts.storeId, itemId: forecasts.itemId, date: forecasts.date, mean: forecasts.mean }).from(forecasts).where(eq(forecasts.modelVersionId, outcome.version.id)),
    ] as const);
    const sum = (keep: (r: (typeof rows)[number]) => boolean) => {
      const byDate = new Map<string, number>();
      for (const r of rows) if (keep(r)) byDate.set(r.date, (byDate.get(r.date) ?? 0) + r.mean!);
      return byDate;
    };
    for (const [total, keep] of [
      [byStore, (r: (typeof rows)[number]) => r.storeId === s.storeId],
      [byCategory, (r: (typeof rows)[number]) => categoryOf.get(r.itemId) === category],
      [all, () => true],
    ] as const) {
      const expected = sum(keep);
      expect(total.point?.source).toBe("mean");
      expect(total.days).toHaveLength(FAST.horizon);
      for (const d of total.days) {
        expect(d.point).toBeCloseTo(expected.get(d.date)!, 6);
        expect(d.p10).toBeLessThanOrEqual(d.point);
        expect(d.p90).toBeGreaterThanOrEqual(d.point);
      }
    }
    expect(byStore.series).toBe(SCALE.items);
    expect(all.series).toBe(SCALE.stores * SCALE.items);
    await expect(withTenant(database, tenant.tenantId, (tx) => getAggregateForecast(tx, { storeId: "no-such-store" }))).rejects.toMatchObject({ code: "not_found:store" });
    await expect(withTenant(database, tenant.tenantId, (tx) => getAggregateForecast(tx, { category: "No such category" }))).rejects.toMatchObject({ code: "not_found:category" });
  });

  it("registers the mean model beside the quantiles and falls back to P50, labelled, for a version stored without a mean", async () => {
    expect(Object.keys(outcome.version.artifacts).sort()).toEqual(["mean", "p10", "p50", "p90"]);
    expect(Object.keys(outcome.version.treeArtifacts).sort()).toEqual(["mean", "p10", "p50", "p90"]);
    const s = outcome.panel.series[0]!;
    await withTenant(database.owner, tenant.tenantId, (tx) => tx.update(forecasts).set({ mean: null }).where(eq(forecasts.modelVersionId, outcome.version.id)));
    try {
      const view = await withTenant(database, tenant.tenantId, (tx) => getSeriesForecast(tx, { storeId: s.storeId, itemId: s.itemId, historyDays: 30 }));
      expect(view.point).toEqual({ source: "p50", label: expect.stringContaining("P50") });
      for (const f of view.forecast) expect(f.point).toBe(f.p50);
    } finally {
      const predicted = await predictQuantiles(outcome.trained.onnx, buildInferenceRows(outcome.panel, outcome.panel.nDays - 1, FAST.horizon), outcome.trained.final.calibration);
      await withTenant(database.owner, tenant.tenantId, async (tx) => {
        await tx.delete(forecasts).where(eq(forecasts.modelVersionId, outcome.version.id));
        await storeForecasts(tx, tenant.tenantId, outcome.version.id, outcome.panel, predicted);
      });
    }
  });

  it("refuses a second run while one is running in this process", async () => {
    const actor = { tenantId: tenant.tenantId, role: "owner" as const };
    const run = await withTenant(database, tenant.tenantId, (tx) => createTrainingRun(tx, actor, FAST));
    const running = executeTrainingRun(database, actor, run.id);
    await expect(withTenant(database, tenant.tenantId, (tx) => createTrainingRun(tx, actor, FAST))).rejects.toMatchObject({ code: "conflict:training_running" });
    const second = await running;
    // Same data, same seed: no better than production, so it stays in staging.
    expect(second.promoted).toBe(false);
    expect(second.version.status).toBe("staging");
  }, 120_000);

  it("refuses training to an analyst", async () => {
    await expect(withTenant(database, tenant.tenantId, (tx) => createTrainingRun(tx, { tenantId: tenant.tenantId, role: "analyst" }, FAST))).rejects.toMatchObject({ code: "forbidden:role" });
  });

  it("explains what is served exactly: TreeSHAP on the version's stored trees sums to onnxruntime's prediction", async () => {
    const version = outcome.version;
    const [trees, onnx] = await withTenant(database, tenant.tenantId, async (tx) => [await loadTrees(tx, version), await loadArtifacts(tx, version)] as const);
    const rows = buildInferenceRows(outcome.panel, outcome.panel.nDays - 1, FAST.horizon);
    const sample = Array.from({ length: 40 }, (_, i) => Math.floor((i * rows.nRows) / 40));
    const x = new Float32Array(sample.length * rows.nFeatures);
    sample.forEach((r, i) => x.set(rows.X.subarray(r * rows.nFeatures, (r + 1) * rows.nFeatures), i * rows.nFeatures));
    for (const q of ["p10", "p50", "p90", "mean"] as const) {
      const served = await (await OnnxForecaster.load(onnx[q]!)).predict(x, sample.length);
      const shap = treeShap(trees[q]!, { data: x, nRows: sample.length, nFeatures: rows.nFeatures });
      for (let i = 0; i < sample.length; i++) {
        let sum = shap.expectedValue;
        for (let f = 0; f < rows.nFeatures; f++) sum += shap.values[i * rows.nFeatures + f]!;
        // The mean model explains its log-link score; its ONNX export returns exp of that score.
        const explained = q === "mean" ? Math.exp(sum) : sum;
        expect(Math.abs(explained - served[i]!)).toBeLessThan(1e-4 * Math.max(1, served[i]!));
      }
    }
  });

  it("the panel built from the generator's output is the one read back from the database after seeding", async () => {
    const fromDatabase = await withTenant(database, tenant.tenantId, (tx) => loadTenantPanel(tx));
    const northwind = configs.find((c) => c.slug === "northwind-fashion")!;
    expect(panelFingerprint(demoDataPanel(generateTenantData(northwind, { scale: SCALE })))).toBe(panelFingerprint(fromDatabase));
  });

  describe("shipped demo models", () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(path.join(tmpdir(), "demo-models-"));
      await saveDemoModel("northwind-fashion", { ...outcome.version, onnx: outcome.trained.onnx, trees: servedTrees(outcome.trained.final) }, outcome.panel, dir);
    });
    afterAll(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    it("installs the shipped model on the same data without training, with the same forecasts", async () => {
      const manifest = JSON.parse(await readFile(path.join(dir, "northwind-fashion", "manifest.json"), "utf8")) as { artifacts: Record<string, string>; treeArtifacts: Record<string, string> };
      const files = ["manifest.json", ...Object.values(manifest.artifacts).map((h) => `${h}.onnx`), ...Object.values(manifest.treeArtifacts).map((h) => `${h}.trees.json`)];
      expect((await readdir(path.join(dir, "northwind-fashion"))).sort()).toEqual(files.sort());
      // Only model-version fields: nothing of the database the model was trained in.
      expect(Object.keys(manifest).sort()).toEqual(["algorithm", "artifacts", "featureCodeVersion", "features", "fingerprint", "horizon", "metrics", "params", "treeArtifacts", "trainSeconds", "trainedFrom", "trainedTo"].sort());
      const fresh = await createTestDatabase(driver);
      try {
        const seeded = await seedNorthwind(fresh, configs);
        const installed = await installDemoModel(fresh, { id: seeded.tenantId, slug: "northwind-fashion" }, { dir, onTraining: () => expect.fail("should not train") });
        expect(installed.source).toBe("shipped");
        const production = await withTenant(fresh, seeded.tenantId, (tx) => getProductionModel(tx));
        expect(production?.metrics).toEqual(outcome.version.metrics);
        const s = outcome.panel.series[3]!;
        const [a, b] = await Promise.all([
          withTenant(database, tenant.tenantId, (tx) => getSeriesForecast(tx, { storeId: s.storeId, itemId: s.itemId })),
          withTenant(fresh, seeded.tenantId, (tx) => getSeriesForecast(tx, { storeId: s.storeId, itemId: s.itemId })),
        ]);
        expect(b.point?.source).toBe("mean");
        b.forecast.forEach((f, i) => {
          expect(f.p50).toBeCloseTo(a.forecast[i]!.p50, 4);
          expect(f.mean!).toBeCloseTo(a.forecast[i]!.mean!, 4);
        });
        expect((await installDemoModel(fresh, { id: seeded.tenantId, slug: "northwind-fashion" }, { dir })).source).toBe("present");
      } finally {
        await fresh.close();
      }
    });

    it("refuses a shipped artifact whose bytes do not match the sha256 its manifest names", async () => {
      const corrupt = await mkdtemp(path.join(tmpdir(), "demo-models-corrupt-"));
      try {
        await cp(dir, corrupt, { recursive: true });
        const folder = path.join(corrupt, "northwind-fashion");
        const manifest = JSON.parse(await readFile(path.join(folder, "manifest.json"), "utf8")) as { artifacts: Record<string, string> };
        const file = path.join(folder, `${manifest.artifacts.p50}.onnx`);
        const bytes = await readFile(file);
        bytes.writeUInt8(bytes.readUInt8(bytes.length - 1) ^ 1, bytes.length - 1);
        await writeFile(file, bytes);
        await expect(readDemoModel(folder)).rejects.toThrow(/has sha256 [0-9a-f]{64}, not the [0-9a-f]{64} its manifest names; refusing to install it/);
      } finally {
        await rm(corrupt, { recursive: true, force: true });
      }
    });

    it("trains instead when the data differs from what the shipped model saw", async () => {
      const fresh = await createTestDatabase(driver);
      try {
        const seeded = await seedNorthwind(fresh, configs);
        const before = panelFingerprint(await withTenant(fresh, seeded.tenantId, (tx) => loadTenantPanel(tx)));
        const s = outcome.panel.series[0]!;
        await withTenant(fresh, seeded.tenantId, (tx) => tx.update(sales).set({ units: sql`${sales.units} + 5` }).where(sql`${sales.storeId} = ${s.storeId} and ${sales.itemId} = ${s.itemId}`));
        const after = panelFingerprint(await withTenant(fresh, seeded.tenantId, (tx) => loadTenantPanel(tx)));
        expect(after).not.toBe(before);
        let trained = false;
        // A stale shipped model would install here; trees are capped by the default run, so keep the data tiny.
        const installed = await installDemoModel(fresh, { id: seeded.tenantId, slug: "northwind-fashion" }, { dir, onTraining: () => (trained = true), request: FAST });
        expect(trained).toBe(true);
        expect(installed.source).toBe("trained");
      } finally {
        await fresh.close();
      }
    }, 120_000);
  });
});
