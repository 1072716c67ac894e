/**
 * The rolling-origin backtest on real retail demand: Walmart M5, store TX_3, FOODS_3 (300 items,
 * read from ../shared/data/m5-tx3-foods3; never copied into the repository). Prints the model and
 * every baseline side by side and writes the raw result to bench/results/.
 *
 *   npx tsx bench/real-data.ts [--data DIR] [--folds 3] [--horizon 28] [--mean] [--intermittent] [--combine] [--series N] [--label NAME]
 *
 * `--mean` adds the mean (Tweedie) model as the point forecast (GbdtParams.meanModel; on in the
 * production pipeline, so a run without it is the model as it was before the mean).
 * `--intermittent` adds the intermittent-demand features (GbdtParams.featureSet).
 * `--combine` also serves each demand class by the model, a classical method or their average, chosen on validation rows (implies --mean).
 * `--series N` keeps every k-th series (N of them) for quick exploration; quoted numbers use all.
 * `--max-rows N` overrides the cap on training rows per fold (GbdtParams.maxRows).
 * `--tenant SLUG` runs the same backtest on a demo tenant's generated history instead (no database;
 * run with `tsx --conditions=react-server`), to check that nothing regresses on dense data.
 * Skips with a message when the data folder is absent (a fresh clone has no ../shared).
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { runBacktest } from "../models/backtest";
import type { BacktestResult } from "../models/backtest";
import { defaultBaselines } from "../models/baselines";
import { loadPanelFromCsvDir } from "../models/data";
import type { Panel } from "../models/data";
import { gbdtForecaster } from "../models/forecaster";

const here = path.dirname(fileURLToPath(import.meta.url));
/** ../shared beside the checkout (or beside the folder of worktrees a checkout may sit in). */
function defaultDataDir(): string {
  const candidates = ["../../shared/data/m5-tx3-foods3", "../../../shared/data/m5-tx3-foods3"].map((p) => path.resolve(here, p));
  return candidates.find((dir) => existsSync(dir)) ?? candidates[0]!;
}
const { values } = parseArgs({
  options: {
    data: { type: "string", default: defaultDataDir() },
    folds: { type: "string", default: "3" },
    horizon: { type: "string", default: "28" },
    series: { type: "string" },
    label: { type: "string", default: "run" },
    tenant: { type: "string" },
    mean: { type: "boolean", default: false },
    intermittent: { type: "boolean", default: false },
    combine: { type: "boolean", default: false },
    "max-rows": { type: "string" },
  },
});

/** Every k-th series, so a quick run still spans the whole range of volumes and demand classes. */
function subsample(panel: Panel, n: number): Panel {
  const step = Math.max(1, Math.floor(panel.series.length / n));
  return { ...panel, series: panel.series.filter((_, i) => i % step === 0).slice(0, n) };
}

/** Mean actual per scored point: WAPE is Σ|error| / Σactual and MAE is Σ|error| / n, for any forecaster. */
function meanSales(result: BacktestResult): number {
  const m = Object.values(result.metrics)[0]!;
  return m.mae / m.wape;
}

function table(result: BacktestResult, mean: number): string {
  const lines = [
    "| forecaster | RMSSE | MAE | WAPE | pinball | coverage 80 | bias (% of mean sales) | bias (units/day) |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  const rows = Object.entries(result.metrics).sort(([, a], [, b]) => a.rmsse - b.rmsse);
  for (const [name, m] of rows) {
    lines.push(
      `| ${name} | ${m.rmsse.toFixed(3)} | ${m.mae.toFixed(3)} | ${(100 * m.wape).toFixed(1)}% | ${m.pinball.toFixed(3)} | ${(100 * m.coverage80).toFixed(1)}% | ${(100 * m.bias).toFixed(1)}% | ${(m.bias * mean).toFixed(3)} |`,
    );
  }
  return lines.join("\n");
}

/** A demo tenant's history exactly as seeded, built from the generator (imported only here: it needs the server condition). */
async function tenantPanel(slug: string): Promise<Panel> {
  const { loadTenantConfigs } = await import("../server/tenants/tenant-config");
  const { generateTenantData } = await import("../server/services/demo-data/generate-tenant-data");
  const { demoDataPanel } = await import("../server/services/demo-data/demo-panel");
  const config = (await loadTenantConfigs()).find((c) => c.slug === slug);
  if (!config) throw new Error(`no demo tenant ${slug}`);
  return demoDataPanel(generateTenantData(config));
}

async function main(): Promise<void> {
  if (!values.tenant && !existsSync(path.join(values.data, "sales.csv"))) {
    console.log(`skipped: no ${path.join(values.data, "sales.csv")} (the real-data benchmark needs ../shared/data/m5-tx3-foods3)`);
    return;
  }
  const source = values.tenant ?? path.basename(values.data);
  const full = values.tenant ? await tenantPanel(values.tenant) : await loadPanelFromCsvDir(values.data);
  const panel = values.series ? subsample(full, Number(values.series)) : full;
  const horizon = Number(values.horizon);
  const folds = Number(values.folds);
  const folded: { origin: string; trainSeconds: number; trainRows: number }[] = [];
  const choices: { origin: string; choices: Record<string, string> }[] = [];
  const model = gbdtForecaster({
    params: { meanModel: values.mean || values.combine, featureSet: values.intermittent ? "intermittent" : "base", combineByClass: values.combine, ...(values["max-rows"] ? { maxRows: Number(values["max-rows"]) } : {}) },
    onChoices: (c) => {
      choices.push({ origin: panel.dates[c.origin]!, choices: c.choices });
      console.error(`fold at ${panel.dates[c.origin]}: per demand class ${JSON.stringify(c.choices)}`);
    },
    onFold: (f) => {
      folded.push({ origin: panel.dates[f.origin]!, trainSeconds: f.trainSeconds, trainRows: f.trainRows });
      console.error(`fold at ${panel.dates[f.origin]}: ${f.trainRows} rows, ${f.trainSeconds.toFixed(1)} s`);
    },
  });
  const started = performance.now();
  const result = await runBacktest(panel, [model, ...defaultBaselines()], { horizon, folds });
  const wallSeconds = (performance.now() - started) / 1000;
  const mean = meanSales(result);
  const date = new Date().toISOString();
  console.log(`\n${source}: ${panel.series.length} series, ${result.folds.length} folds × ${horizon} days, ${result.rows} scored points, mean sales ${mean.toFixed(3)}/day (${date.slice(0, 10)}, ${wallSeconds.toFixed(0)} s)\n`);
  console.log(table(result, mean));
  for (const [name, shares] of Object.entries(result.servedBy)) {
    const total = Object.values(shares).reduce((a, b) => a + b, 0);
    console.log(`\n${name}'s mean was served by: ${Object.entries(shares).map(([k, n]) => `${k} ${((100 * n) / total).toFixed(1)}%`).join(", ")} of ${total} (series, fold) windows`);
  }
  const out = path.join(here, "results");
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `real-data-${source}-${values.label}.json`);
  writeFileSync(file, `${JSON.stringify({ date, data: source, seriesInPanel: panel.series.length, meanSales: mean, wallSeconds, modelFolds: folded, classChoices: choices, ...result }, null, 2)}\n`);
  console.log(`\nraw result: ${path.relative(process.cwd(), file)}`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
