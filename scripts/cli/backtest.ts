import type { Command } from "commander";
import { z } from "zod";
import { runBacktest } from "@/models/backtest";
import type { Metrics } from "@/models/backtest";
import { defaultBaselines } from "@/models/baselines";
import { loadPanelFromCsvDir } from "@/models/data";
import type { Panel } from "@/models/data";
import { gbdtForecaster } from "@/models/forecaster";
import { withTenant } from "@/server/db/tenant-context";
import { loadTenantPanel } from "@/server/services/forecasting/tenant-panel";
import { printJson, printMetricsTable, wantsJson } from "./output";
import { resolveTenant } from "./resolve-tenant";
import { withDatabase } from "./with-database";

const optionsSchema = z
  .object({
  data: z.string().min(1).optional(),
  tenant: z.string().min(1).optional(),
  horizon: z.coerce.number().int().min(1).max(28, "--horizon is at most 28 days"),
  folds: z.coerce.number().int().min(1).max(12),
  trees: z.coerce.number().int().min(10).max(2000).optional(),
})
  .refine((o) => Boolean(o.data) !== Boolean(o.tenant), { message: "give exactly one of --data DIR or --tenant SLUG" });

/** The history to backtest: CSV files, or a tenant's sales read in its tenant context (the database is closed again before training). */
async function loadPanel(options: { data?: string; tenant?: string }): Promise<Panel> {
  if (options.data) return loadPanelFromCsvDir(options.data);
  return withDatabase(async (database) => {
    const tenant = await resolveTenant(database, options.tenant!);
    return withTenant(database, tenant.id, (tx) => loadTenantPanel(tx));
  });
}

/** Observed (series, day) values: the sales rows the panel holds after de-duplication. */
const observedRows = (panel: Panel) => panel.series.reduce((n, s) => n + s.units.reduce((k, u) => (Number.isNaN(u) ? k : k + 1), 0), 0);

// JSON has no NaN: a metric with nothing to average is reported as null.
const finiteOrNull = (metrics: Metrics) => Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, Number.isFinite(v) ? v : null]));

export function registerBacktestCommand(program: Command): void {
  program
    .command("backtest")
    .description("rolling-origin backtest of the model against the baselines, on CSV files or a tenant's data")
    .option("--data <dir>", "folder with sales.csv (and optional stores.csv, catalog.csv, calendar.csv, inventory.csv)")
    .option("--tenant <slug>", "backtest on this tenant's sales history instead (nothing is registered)")
    .option("--horizon <days>", "forecast horizon in days (1–28)", "28")
    .option("--folds <n>", "number of rolling origins", "3")
    .option("--trees <n>", "boosting rounds per quantile model (early stopping may use fewer)")
    .action(async (raw: unknown, command: Command) => {
      const options = optionsSchema.parse(raw);
      const json = wantsJson(command);
      const log = (line: string) => (json ? process.stderr.write(`${line}\n`) : console.log(line));
      const panel = await loadPanel(options);
      for (const warning of panel.warnings) log(`warning: ${warning}`);
      let trainSeconds = 0;
      const model = gbdtForecaster({
        params: options.trees ? { nTrees: options.trees } : undefined,
        onFold: (f) => {
          trainSeconds += f.trainSeconds;
          log(`fold at ${panel.dates[f.origin]}: trained on ${f.trainRows} rows in ${f.trainSeconds.toFixed(1)} s`);
        },
      });
      const result = await runBacktest(panel, [model, ...defaultBaselines()], { horizon: options.horizon, folds: options.folds });
      const rows = observedRows(panel);
      const metrics = Object.fromEntries(Object.entries(result.metrics).map(([name, m]) => [name, finiteOrNull(m)]));
      if (json) {
        printJson({ rows, series: panel.series.length, folds: result.folds.length, horizon: options.horizon, trainSeconds, metrics });
        return;
      }
      console.log(`\n${rows} rows, ${panel.series.length} series, ${result.folds.length} folds, horizon ${options.horizon} days\n`);
      printMetricsTable(metrics);
    });
}
