/**
 * Price curves for every item × store of a demo tenant: 21 net prices × 28 days × P10/P50/P90 on
 * the shipped demo model (models/demo), history generated here (no database). The trick measured:
 * features are built once at the planned prices and only the two net-price columns are scaled per
 * grid point (models/pricing/price-response.ts), against rebuilding the features for every price
 * with planned covariates (what a what-if does). Run: `npx tsx --conditions=react-server bench/price-curves.ts [slug]`.
 * Raw numbers go to bench/results/price-curves-<slug>.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { buildInferenceRows } from "../models/features";
import type { PlannedCovariates } from "../models/features";
import { predictQuantiles } from "../models/forecaster";
import type { IntervalCalibration, QuantileOnnx } from "../models/forecaster";
import { scorePriceGrid } from "../models/pricing";
import { demoDataPanel } from "../server/services/demo-data/demo-panel";
import { generateTenantData } from "../server/services/demo-data/generate-tenant-data";
import { DEMO_MODELS_DIR, readDemoModel } from "../server/services/forecasting/demo-models";
import { loadTenantConfigs } from "../server/tenants/tenant-config";
import { formatSpread, spread } from "./stats";

const HORIZON = 28;
const RUNS = 3;
const RATIOS = Array.from({ length: 21 }, (_, k) => 0.7 + 0.03 * k);
/** Series per onnxruntime call: 100 × 21 × 28 = 58,800 rows, about 9 MB of features. */
const CHUNK = 100;
const TARGET_SECONDS = 30;
const ISSUE_PAIRS = 15_000;
const here = path.dirname(fileURLToPath(import.meta.url));

const slug = process.argv[2] ?? "acme-grocers";
const config = (await loadTenantConfigs()).find((c) => c.slug === slug);
const shipped = await readDemoModel(path.join(DEMO_MODELS_DIR, slug));
if (!config || !shipped) throw new Error(`no demo tenant or shipped model for ${slug}`);
const panel = demoDataPanel(generateTenantData(config));
const onnx = shipped.version.onnx as QuantileOnnx;
const calibration = shipped.version.params.calibration as IntervalCalibration;
const origin = panel.nDays - 1;

async function columnTrick(): Promise<number> {
  const started = performance.now();
  const rows = buildInferenceRows(panel, origin, HORIZON);
  const pairs = rows.seriesIndices.length;
  for (let from = 0; from < pairs; from += CHUNK) {
    const blocks = Array.from({ length: Math.min(CHUNK, pairs - from) }, (_, k) => from + k);
    await scorePriceGrid(onnx, rows, blocks, RATIOS, calibration);
  }
  return (performance.now() - started) / 1000;
}

/** The naive way: for each price, plan it for every series and rebuild every feature row. */
async function rebuildPerPrice(): Promise<number> {
  const started = performance.now();
  const planned = buildInferenceRows(panel, origin, HORIZON);
  for (const ratio of RATIOS) {
    const plans = new Map<number, PlannedCovariates>();
    planned.seriesIndices.forEach((s) => {
      const series = panel.series[s]!;
      if (series.price) plans.set(s, { price: new Float32Array(HORIZON).fill(series.price[origin]! * ratio) });
    });
    await predictQuantiles(onnx, buildInferenceRows(panel, origin, HORIZON, { plans }), calibration);
  }
  return (performance.now() - started) / 1000;
}

const pairs = buildInferenceRows(panel, origin, HORIZON).seriesIndices.length;
await columnTrick(); // warm-up: onnxruntime sessions
const trick: number[] = [];
const naive: number[] = [];
for (let run = 0; run < RUNS; run++) trick.push(await columnTrick());
// The slow baseline once: it only has to show the order of magnitude the trick saves.
naive.push(await rebuildPerPrice());
const trickSpread = spread(trick);
const naiveSpread = spread(naive);
const perPairMs = (trickSpread.median / pairs) * 1000;
const result = {
  slug,
  pairs,
  pricePoints: RATIOS.length,
  horizon: HORIZON,
  rowsScored: pairs * RATIOS.length * HORIZON * 3,
  columnTrickSeconds: trickSpread,
  rebuildPerPriceSeconds: naiveSpread,
  perPairMs,
  extrapolatedSecondsFor15000Pairs: (perPairMs * ISSUE_PAIRS) / 1000,
  targetSeconds: TARGET_SECONDS,
  machine: { cores: availableParallelism(), loadAverage: loadavg() },
  date: new Date().toISOString(),
};
console.log(`${slug}: ${pairs} pairs × ${RATIOS.length} prices × ${HORIZON} days`);
console.log(`  two-column trick: ${formatSpread(trickSpread, 2)} s (${perPairMs.toFixed(2)} ms per pair; ${result.extrapolatedSecondsFor15000Pairs.toFixed(1)} s for ${ISSUE_PAIRS} pairs, target ${TARGET_SECONDS} s)`);
console.log(`  rebuild features per price: ${formatSpread(naiveSpread, 2)} s`);
mkdirSync(path.join(here, "results"), { recursive: true });
writeFileSync(path.join(here, "results", `price-curves-${slug}.json`), `${JSON.stringify(result, null, 2)}\n`);
