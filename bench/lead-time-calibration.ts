/**
 * Is lead-time demand calibrated? A rolling-origin backtest on a demo tenant (seeded into an
 * in-memory database and read back through the same panel loader the product uses): at each
 * origin the GBDT trains on the past only and forecasts the next days; the L+R-day demand
 * distribution built from those daily quantiles (models/inventory/lead-time-demand.ts) is scored
 * against the held-out totals, for L = 1…14 and the tenant's review period R. The between-day
 * correlation and variance scale are fitted on the earlier origins and checked on the later ones.
 * The daily means are the mean model's (as in production); the same backtest without the mean model
 * is run beside it at every origin (fitted too, for comparison, and timed: the training-time ratio
 * at the same load). Store and category totals of the same forecasts (`aggregateDays`) fit the
 * between-series correlation on the earlier origins and report the 80% band's coverage of the
 * held-out totals of units sold on the later ones.
 *
 * Run: `npx tsx --conditions=react-server bench/lead-time-calibration.ts [slug] [stores] [items] [days]`.
 * Prints the coverage table; writes bench/results/lead-time-calibration-<slug>.json. The backtest's
 * forecasts are kept in bench/out/ so a refit with another grid does not retrain.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gbdtForecaster } from "../models/forecaster";
import type { Panel, SeriesForecast } from "../models/data";
import { aggregateDays, sumOfParts, dailyMoments } from "../models/inventory";
import type { DailyQuantiles, LeadTimeCalibration } from "../models/inventory";
import { migrateDatabase } from "../server/db/migrate";
import { openPglite } from "../server/db/open-pglite";
import { withTenant } from "../server/db/tenant-context";
import { generateTenantData } from "../server/services/demo-data/generate-tenant-data";
import { seedDemoTenants } from "../server/services/demo-data/seed-demo";
import { loadTenantPanel } from "../server/services/forecasting/tenant-panel";
import { TENANTS_DIR, loadTenantConfig } from "../server/tenants/tenant-config";
import type { TenantConfig } from "../server/tenants/tenant-config";

const QUANTILES = [0.5, 0.8, 0.9, 0.95, 0.99] as const;
const LEAD_TIMES = Array.from({ length: 14 }, (_, i) => i + 1);
const ORIGINS = 6;
const ORIGIN_STEP = 14;
const TREES = 100;

type Point = { storeId: string; category: string; forecast: DailyQuantiles[]; truth: number[]; sold: number[] };
type Backtest = { byOrigin: Point[][]; withoutMean: Point[][]; series: number; trainSeconds: { mean: number[]; quantilesOnly: number[] } };

async function main(): Promise<void> {
  const [slug = "acme-grocers", stores = "6", items = "50", days = "600"] = process.argv.slice(2);
  const scale = { stores: Number(stores), items: Number(items), days: Number(days) };
  const config = await loadTenantConfig(path.join(TENANTS_DIR, slug, "tenant.json"));
  const R = config.generator.inventory.reviewPeriodDays;
  const horizon = 14 + R;

  const cache = path.join("bench", "out", `lead-time-points-mean-${slug}-${scale.stores}x${scale.items}x${scale.days}.json`);
  const started = performance.now();
  const run = existsSync(cache) ? (JSON.parse(readFileSync(cache, "utf8")) as Backtest) : await backtest(config, scale, horizon);
  mkdirSync(path.dirname(cache), { recursive: true });
  writeFileSync(cache, JSON.stringify(run));
  const { byOrigin, series } = run;
  const fitOrigins = byOrigin.slice(0, ORIGINS / 2).flat();
  const testOrigins = byOrigin.slice(ORIGINS / 2).flat();
  const seriesCorrelation = fitSeriesCorrelation(byOrigin.slice(0, ORIGINS / 2));
  const fitted: LeadTimeCalibration = { ...fit(fitOrigins, R), seriesCorrelation };
  const independent = { correlation: 0, varianceScale: 1, meanScale: 1 };
  const withoutMeanFitted = fit(run.withoutMean.slice(0, ORIGINS / 2).flat(), R);
  const testWithoutMean = run.withoutMean.slice(ORIGINS / 2).flat();
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
  const result = {
    slug,
    scale,
    reviewPeriodDays: R,
    origins: byOrigin.length,
    series,
    trees: TREES,
    fitted,
    seconds: (performance.now() - started) / 1000,
    trainSeconds: { ...run.trainSeconds, ratio: sum(run.trainSeconds.mean) / sum(run.trainSeconds.quantilesOnly) },
    test: {
      fitted: { truth: coverage(testOrigins, R, fitted, "truth"), sold: coverage(testOrigins, R, fitted, "sold") },
      independentDays: { truth: coverage(testOrigins, R, independent, "truth") },
    },
    withoutMean: { fitted: withoutMeanFitted, test: { truth: coverage(testWithoutMean, R, withoutMeanFitted, "truth") } },
    aggregate: {
      seriesCorrelation,
      test: Object.fromEntries(
        (["store", "category"] as const).map((by) => [by, { fitted: aggregateCoverage(byOrigin.slice(ORIGINS / 2), seriesCorrelation, by), independent: aggregateCoverage(byOrigin.slice(ORIGINS / 2), 0, by) }]),
      ),
    },
  };
  writeFileSync(path.join("bench", "results", `lead-time-calibration-${slug}.json`), JSON.stringify(result, null, 2));
  console.log(`\n${slug}: ${series} series, R = ${R}, L = 1…14, ${testOrigins.length} test (series, origin) windows; fitted ρ = ${fitted.correlation}, variance scale = ${fitted.varianceScale}, mean scale = ${fitted.meanScale}\n`);
  console.log("| q | coverage vs true demand (PIT) | vs true demand (≤ quantile) | vs sold units (≤ quantile) | uncalibrated (independent days, as forecast), vs true demand (PIT) | worst L |");
  console.log("| --- | ---: | ---: | ---: | ---: | --- |");
  for (const q of QUANTILES) {
    const f = result.test.fitted.truth[String(q)]!;
    const s = result.test.fitted.sold[String(q)]!;
    const ind = result.test.independentDays.truth[String(q)]!;
    console.log(`| ${q} | ${pct(f.pit)} | ${pct(f.atMost)} | ${pct(s.atMost)} | ${pct(ind.pit)} | L=${f.worstLead.lead}: ${pct(f.worstLead.pit)} |`);
  }
  const w = result.withoutMean;
  console.log(`\nWithout the mean model (Swanson's mean of the quantiles): fitted ρ = ${w.fitted.correlation}, variance scale = ${w.fitted.varianceScale}, mean scale = ${w.fitted.meanScale}; 0.8 PIT ${pct(w.test.truth["0.8"]!.pit)}, 0.5 PIT ${pct(w.test.truth["0.5"]!.pit)}`);
  console.log(`Training per origin with / without the mean model: ${sum(run.trainSeconds.mean).toFixed(0)} s / ${sum(run.trainSeconds.quantilesOnly).toFixed(0)} s = ${result.trainSeconds.ratio.toFixed(2)}×`);
  console.log(`\nTotals of units sold, 80% band (P10–P90) coverage on the test origins; between-series ρ fitted = ${seriesCorrelation}`);
  console.log("| total | groups × days | coverage, fitted ρ | coverage, independent series (ρ = 0) |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const by of ["store", "category"] as const) {
    const a = result.aggregate.test[by]!;
    console.log(`| ${by} | ${a.fitted.n} | ${pct(a.fitted.coverage)} | ${pct(a.independent.coverage)} |`);
  }
}

const SERIES_CORRELATIONS = [0, 0.005, 0.01, 0.02, 0.03, 0.05, 0.075, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5];

/** Share of (group, origin, day) totals of units sold inside the total's P10–P90 band, grouping each origin's series by store or category. */
function aggregateCoverage(byOrigin: Point[][], seriesCorrelation: number, by: "store" | "category"): { coverage: number; n: number } {
  let inside = 0;
  let n = 0;
  for (const points of byOrigin) {
    const groups = new Map<string, Point[]>();
    for (const p of points) {
      const key = by === "store" ? p.storeId : p.category;
      groups.set(key, [...(groups.get(key) ?? []), p]);
    }
    for (const group of groups.values()) {
      const totals = aggregateDays(group.map((p) => p.forecast), seriesCorrelation);
      totals.forEach((t, j) => {
        const sold = group.reduce((a, p) => a + p.sold[j]!, 0);
        if (sold >= t.p10 && sold <= t.p90) inside++;
        n++;
      });
    }
  }
  return { coverage: inside / n, n };
}

/** The between-series correlation whose store and category totals' bands cover closest to 80% on the fitting origins. */
function fitSeriesCorrelation(byOrigin: Point[][]): number {
  const error = (rho: number) => (aggregateCoverage(byOrigin, rho, "store").coverage - 0.8) ** 2 + (aggregateCoverage(byOrigin, rho, "category").coverage - 0.8) ** 2;
  return SERIES_CORRELATIONS.reduce((best, rho) => (error(rho) < error(best) ? rho : best), SERIES_CORRELATIONS[0]!);
}

/** Seeds the tenant into an in-memory database, reads its panel back, and forecasts from each origin after training on the past only. */
async function backtest(config: TenantConfig, scale: { stores: number; items: number; days: number }, horizon: number): Promise<Backtest> {
  const database = await openPglite(null);
  await migrateDatabase(database);
  const seeded = await seedDemoTenants(database, { scale, configs: [config] });
  const tenantId = seeded.tenants[0]!.tenantId;
  const panel = await withTenant(database, tenantId, (tx) => loadTenantPanel(tx), { statementTimeoutMs: 600_000 });
  await database.close();

  // The generator's demand before stock cut it: what a decision must cover.
  const data = generateTenantData(config, { scale });
  const truth = new Map<string, number>();
  for (let i = 0; i < data.sales.length; i++) {
    const key = `${data.sales.storeIds[data.sales.storeIndex[i]!]}|${data.sales.itemIds[data.sales.itemIndex[i]!]}|${data.sales.dates[data.sales.dayIndex[i]!]}`;
    truth.set(key, data.truth.demand[i]!);
  }

  const trainSeconds = { mean: [] as number[], quantilesOnly: [] as number[] };
  const forecaster = gbdtForecaster({ params: { nTrees: TREES }, seed: 7, onFold: (f) => trainSeconds.mean.push(f.trainSeconds) });
  const quantilesOnly = gbdtForecaster({ params: { nTrees: TREES, meanModel: false }, seed: 7, onFold: (f) => trainSeconds.quantilesOnly.push(f.trainSeconds) });
  const byOrigin: Point[][] = [];
  const withoutMean: Point[][] = [];
  const started = performance.now();
  for (let k = ORIGINS - 1; k >= 0; k--) {
    const origin = panel.nDays - 1 - horizon - k * ORIGIN_STEP;
    const forecasts = await forecaster.forecast(panel, origin, horizon);
    byOrigin.push(points(panel, forecasts, origin, horizon, truth));
    withoutMean.push(points(panel, await quantilesOnly.forecast(panel, origin, horizon), origin, horizon, truth));
    console.error(`origin ${panel.dates[origin]}: ${forecasts.length} series, ${((performance.now() - started) / 1000).toFixed(0)} s`);
  }
  return { byOrigin, withoutMean, series: panel.series.length, trainSeconds };
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

function points(panel: Panel, forecasts: SeriesForecast[], origin: number, horizon: number, truth: Map<string, number>): Point[] {
  const out: Point[] = [];
  for (const f of forecasts) {
    const s = panel.series[f.series]!;
    const t: number[] = [];
    const sold: number[] = [];
    for (let j = 0; j < horizon; j++) {
      const date = panel.dates[origin + 1 + j];
      const actual = date === undefined ? undefined : truth.get(`${s.storeId}|${s.itemId}|${date}`);
      if (actual === undefined) break;
      t.push(actual);
      sold.push(s.units[origin + 1 + j]!);
    }
    if (t.length < horizon) continue;
    const forecast = Array.from({ length: horizon }, (_, j) => ({ p10: f.p10[j]!, p50: f.p50[j]!, p90: f.p90[j]!, mean: f.mean?.[j] ?? null }));
    out.push({ storeId: s.storeId, category: panel.items.get(s.itemId)?.category ?? "", forecast, truth: t, sold });
  }
  return out;
}

type Coverage = Record<string, { pit: number; atMost: number; perLead: number[]; worstLead: { lead: number; pit: number } }>;

/**
 * Share of held-out totals at or below each quantile. For counts P(D ≤ Q_q) ≥ q by construction, so
 * the calibration measure is the randomised PIT: P(D < y) + ½·P(D = y) below q.
 */
function coverage(points: Point[], R: number, calibration: LeadTimeCalibration, actual: "truth" | "sold"): Coverage {
  const pit = new Map<number, number[]>(QUANTILES.map((q) => [q, new Array(LEAD_TIMES.length).fill(0)]));
  const atMost = new Map<number, number>(QUANTILES.map((q) => [q, 0]));
  let n = 0;
  for (const p of points) {
    const moments = p.forecast.map((d) => dailyMoments(d, calibration));
    for (const L of LEAD_TIMES) {
      const dist = sumOfParts(moments.slice(0, L + R), calibration.correlation);
      const y = (actual === "truth" ? p.truth : p.sold).slice(0, L + R).reduce((a, b) => a + b, 0);
      const u = dist.kind === "normal" ? dist.cdf(y) : dist.cdf(y - 1) + 0.5 * (dist.cdf(y) - dist.cdf(y - 1));
      for (const q of QUANTILES) {
        if (u <= q) pit.get(q)![L - 1]!++;
        if (y <= dist.quantile(q)) atMost.set(q, atMost.get(q)! + 1);
      }
    }
    n++;
  }
  return Object.fromEntries(
    QUANTILES.map((q) => {
      const perLead = pit.get(q)!.map((c) => c / n);
      const worst = perLead.reduce((w, c, i) => (Math.abs(c - q) > Math.abs(w.pit - q) ? { lead: i + 1, pit: c } : w), { lead: 1, pit: perLead[0]! });
      return [String(q), { pit: perLead.reduce((a, b) => a + b, 0) / perLead.length, atMost: atMost.get(q)! / (n * LEAD_TIMES.length), perLead, worstLead: worst }];
    }),
  );
}

const grid = (from: number, to: number, step: number) => Array.from({ length: Math.round((to - from) / step) + 1 }, (_, i) => Number((from + i * step).toFixed(2)));
const GRIDS = { correlation: grid(0, 0.5, 0.1), varianceScale: grid(0.5, 6, 0.5), meanScale: grid(0.8, 1.6, 0.04) };

/**
 * Minimises the squared coverage error over the quantiles and lead times on the fitting origins: the mean scale
 * by a line search, then correlation × variance scale jointly (they trade off against each other,
 * so one at a time gets stuck), twice.
 */
function fit(points: Point[], R: number): LeadTimeCalibration {
  const error = (c: LeadTimeCalibration) => {
    const cov = coverage(points, R, c, "truth");
    // Every lead time counts, not only their average: the target holds for each of L = 1…14.
    return QUANTILES.reduce((e, q) => e + cov[String(q)]!.perLead.reduce((s, c) => s + (c - q) ** 2, 0), 0);
  };
  let best: LeadTimeCalibration = { correlation: 0, varianceScale: 1, meanScale: 1 };
  let bestError = error(best);
  const consider = (candidate: LeadTimeCalibration) => {
    const e = error(candidate);
    if (e < bestError) {
      bestError = e;
      best = candidate;
    }
  };
  for (let round = 0; round < 2; round++) {
    for (const meanScale of GRIDS.meanScale) consider({ ...best, meanScale });
    for (const correlation of GRIDS.correlation) for (const varianceScale of GRIDS.varianceScale) consider({ ...best, correlation, varianceScale });
  }
  return best;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
