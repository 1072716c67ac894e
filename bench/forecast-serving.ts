/**
 * What serving a forecast costs in the product, on the shipped demo models (models/demo) and the
 * seeded demo history (generated here, no database): one series' P10/P50/P90 × 28 days including
 * its features, and a whole tenant's forecast; then onnxruntime session options and batch sizes on
 * the whole-tenant rows. Run: `npm run bench`. Every figure is the spread (median, min–max) over
 * RUNS runs; raw numbers go to bench/results/forecast-serving.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as ort from "onnxruntime-node";
import type { Panel } from "../models/data";
import { buildInferenceRows } from "../models/features";
import { predictQuantiles } from "../models/forecaster";
import type { IntervalCalibration, QuantileOnnx } from "../models/forecaster";
import { demoDataPanel } from "../server/services/demo-data/demo-panel";
import { generateTenantData } from "../server/services/demo-data/generate-tenant-data";
import { DEMO_MODELS_DIR, readDemoModel } from "../server/services/forecasting/demo-models";
import { loadTenantConfigs } from "../server/tenants/tenant-config";
import { formatNumber as n, formatSpread, quantile, spread } from "./stats";
import type { Spread } from "./stats";

const HORIZON = 28;
const RUNS = 5;
const SERIES_CALLS = 200;
const SERIES_SAMPLE = 50;
const here = path.dirname(fileURLToPath(import.meta.url));

type TenantResult = {
  slug: string;
  series: number;
  rows: number;
  trees: Record<string, number>;
  oneSeries: { p50Ms: Spread; p99Ms: Spread };
  wholeTenant: { featuresSeconds: Spread; predictSeconds: Spread; totalSeconds: Spread };
};

async function loadTenant(slug: string) {
  const config = (await loadTenantConfigs()).find((c) => c.slug === slug);
  const shipped = await readDemoModel(path.join(DEMO_MODELS_DIR, slug));
  if (!config || !shipped) throw new Error(`no demo tenant or shipped model for ${slug}`);
  const panel = demoDataPanel(generateTenantData(config));
  return { panel, onnx: shipped.version.onnx as QuantileOnnx, calibration: shipped.version.params.calibration as IntervalCalibration, trees: shipped.version.params.nTrees as Record<string, number> };
}

/** One store × item forecast as a what-if computes it: features from its history, three quantile models, calibrated band. */
async function oneSeries(panel: Panel, onnx: QuantileOnnx, calibration: IntervalCalibration) {
  const origin = panel.nDays - 1;
  const step = Math.max(1, Math.floor(panel.series.length / SERIES_SAMPLE));
  const panels = Array.from({ length: SERIES_SAMPLE }, (_, k) => ({ ...panel, series: [panel.series[(k * step) % panel.series.length]!] }));
  const p50: number[] = [];
  const p99: number[] = [];
  for (let run = 0; run <= RUNS; run++) {
    const times: number[] = [];
    for (let i = 0; i < SERIES_CALLS; i++) {
      const started = performance.now();
      const rows = buildInferenceRows(panels[i % panels.length]!, origin, HORIZON);
      await predictQuantiles(onnx, rows, calibration);
      times.push(performance.now() - started);
    }
    if (run === 0) continue; // warm-up
    p50.push(quantile(times, 0.5));
    p99.push(quantile(times, 0.99));
  }
  return { p50Ms: spread(p50), p99Ms: spread(p99) };
}

async function wholeTenant(panel: Panel, onnx: QuantileOnnx, calibration: IntervalCalibration) {
  const origin = panel.nDays - 1;
  const features: number[] = [];
  const predict: number[] = [];
  let rows = 0;
  for (let run = 0; run <= RUNS; run++) {
    const started = performance.now();
    const set = buildInferenceRows(panel, origin, HORIZON);
    const built = performance.now();
    await predictQuantiles(onnx, set, calibration);
    rows = set.nRows;
    if (run === 0) continue;
    features.push((built - started) / 1000);
    predict.push((performance.now() - built) / 1000);
  }
  return { rows, featuresSeconds: spread(features), predictSeconds: spread(predict), totalSeconds: spread(features.map((f, i) => f + predict[i]!)) };
}

/** Rows/s of one quantile model on the whole tenant's rows under other session options and batch sizes (the product uses the first). */
async function sessionSweep(bytes: Uint8Array, X: Float32Array, nRows: number, nFeatures: number) {
  const configs: [string, ort.InferenceSession.SessionOptions, number][] = [
    ["product: intra-op 2 threads, all graph optimisations, sequential, one batch", { intraOpNumThreads: 2 }, nRows],
    ["intra-op 1 thread", { intraOpNumThreads: 1 }, nRows],
    ["graph optimisation disabled", { intraOpNumThreads: 2, graphOptimizationLevel: "disabled" }, nRows],
    ["parallel execution mode (inter-op 2)", { intraOpNumThreads: 2, interOpNumThreads: 2, executionMode: "parallel" }, nRows],
    ["batches of 8,192 rows", { intraOpNumThreads: 2 }, 8192],
    ["batches of 1,024 rows", { intraOpNumThreads: 2 }, 1024],
  ];
  const results: Record<string, Spread> = {};
  for (const [name, options, batch] of configs) {
    const session = await ort.InferenceSession.create(bytes, options);
    const feeds = (start: number, end: number) => ({ features: new ort.Tensor("float32", X.subarray(start * nFeatures, end * nFeatures), [end - start, nFeatures]) });
    const runAll = async () => {
      for (let start = 0; start < nRows; start += batch) await session.run(feeds(start, Math.min(nRows, start + batch)));
    };
    await runAll();
    const rates: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const started = performance.now();
      await runAll();
      rates.push(nRows / ((performance.now() - started) / 1000));
    }
    results[name] = spread(rates);
    await session.release();
  }
  return results;
}

/**
 * The three quantile models run at once, as `predictQuantiles` runs them, with 1 or 2 intra-op
 * threads per session; the two settings alternate run by run so both see the same machine load.
 */
async function concurrentQuantiles(onnx: QuantileOnnx, X: Float32Array, nRows: number, nFeatures: number) {
  const settings = [1, 2] as const;
  const sessions = new Map<number, ort.InferenceSession[]>();
  for (const threads of settings) sessions.set(threads, await Promise.all((["p10", "p50", "p90"] as const).map((q) => ort.InferenceSession.create(onnx[q], { intraOpNumThreads: threads }))));
  const feeds = { features: new ort.Tensor("float32", X, [nRows, nFeatures]) };
  const rates = new Map<number, number[]>(settings.map((t) => [t, []]));
  for (let run = 0; run <= RUNS; run++) {
    for (const threads of settings) {
      const started = performance.now();
      await Promise.all(sessions.get(threads)!.map((session) => session.run(feeds)));
      if (run > 0) rates.get(threads)!.push(nRows / ((performance.now() - started) / 1000));
    }
  }
  for (const list of sessions.values()) for (const session of list) await session.release();
  return Object.fromEntries(settings.map((t) => [`3 models at once, intra-op ${t} thread${t > 1 ? "s" : ""} each`, spread(rates.get(t)!)]));
}

async function main(): Promise<void> {
  const tenants: TenantResult[] = [];
  let sweep: Record<string, Spread> = {};
  for (const slug of ["acme-grocers", "northwind-fashion"]) {
    const { panel, onnx, calibration, trees } = await loadTenant(slug);
    const tenant = await wholeTenant(panel, onnx, calibration);
    tenants.push({ slug, series: panel.series.length, rows: tenant.rows, trees, oneSeries: await oneSeries(panel, onnx, calibration), wholeTenant: tenant });
    if (slug === "acme-grocers") {
      const set = buildInferenceRows(panel, panel.nDays - 1, HORIZON);
      sweep = { ...(await sessionSweep(onnx.p50, set.X, set.nRows, set.nFeatures)), ...(await concurrentQuantiles(onnx, set.X, set.nRows, set.nFeatures)) };
    }
  }
  const summary = { date: new Date().toISOString(), machine: { cpus: availableParallelism(), node: process.version, onnxruntime: ort.env.versions.common, loadAverage: loadavg() }, runs: RUNS, seriesCalls: SERIES_CALLS, tenants, sessionSweep: sweep };
  console.log(`\nmedian (min–max) over ${RUNS} runs; one series: p50 / p99 of ${SERIES_CALLS} calls per run\n`);
  console.log("| tenant | trees P10 / P50 / P90 | one series, P10/P50/P90 × 28 days incl. features: p50 (ms) | p99 (ms) | whole tenant: rows | features (s) | onnxruntime, 3 models (s) | total (s) |");
  console.log("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const t of tenants) {
    console.log(
      `| ${t.slug} | ${t.trees.p10} / ${t.trees.p50} / ${t.trees.p90} | ${formatSpread(t.oneSeries.p50Ms, 2)} | ${formatSpread(t.oneSeries.p99Ms, 2)} | ${n(t.rows, 0)} | ${formatSpread(t.wholeTenant.featuresSeconds, 3)} | ${formatSpread(t.wholeTenant.predictSeconds, 3)} | ${formatSpread(t.wholeTenant.totalSeconds, 3)} |`,
    );
  }
  console.log("\n| onnxruntime on Acme's whole-tenant rows (the P50 model alone, or all three at once) | rows/s |");
  console.log("| --- | ---: |");
  for (const [name, rate] of Object.entries(sweep)) console.log(`| ${name} | ${formatSpread(rate)} |`);
  const outDir = path.join(here, "results");
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, "forecast-serving.json"), `${JSON.stringify(summary, null, 2)}\n`);
  console.log(`\nwrote ${path.join(outDir, "forecast-serving.json")}`);
}

await main();
