import type { Command } from "commander";
import { z } from "zod";
import { servedTrees } from "@/models/forecaster";
import { withTenant } from "@/server/db/tenant-context";
import type { Actor } from "@/server/services/actor";
import { saveDemoModel } from "@/server/services/forecasting/demo-models";
import { createTrainingRun, executeTrainingRun } from "@/server/services/forecasting/training-runs";
import { printJson, printMetricsTable, wantsJson } from "./output";
import { resolveTenant } from "./resolve-tenant";
import { withDatabase } from "./with-database";

const optionsSchema = z.object({
  tenant: z.string().min(1),
  horizon: z.coerce.number().int().min(1).max(28, "--horizon is at most 28 days"),
  folds: z.coerce.number().int().min(1).max(6),
  trees: z.coerce.number().int().min(10).max(2000).optional(),
  promote: z.boolean(),
  saveDemo: z.boolean().default(false),
});

// Someone with the database at hand acts as the tenant's owner; there is no signed-in user.
const ownerActor = (tenantId: string): Actor => ({ tenantId, role: "owner" });

/** `train --tenant SLUG`: backtest, train, register (and promote when better) a new model version. */
export function registerTrainCommand(program: Command): void {
  program
    .command("train")
    .description("backtest and train a tenant's model, register it, promote it when it beats production")
    .requiredOption("--tenant <slug>", "tenant slug, e.g. acme-grocers")
    .option("--horizon <days>", "forecast horizon in days (1–28)", "28")
    .option("--folds <n>", "rolling backtest origins", "3")
    .option("--trees <n>", "boosting rounds per quantile model (early stopping may use fewer)")
    .option("--no-promote", "keep the new version in staging even when it beats production")
    .option("--save-demo", "also write the model to models/demo/<slug>/, which first start installs instead of training")
    .action(async (raw: unknown, command: Command) => {
      const options = optionsSchema.parse(raw);
      const json = wantsJson(command);
      const log = (line: string) => (json ? process.stderr.write(`${line}\n`) : console.log(line));
      const outcome = await withDatabase(async (database) => {
        const tenant = await resolveTenant(database, options.tenant);
        const actor = ownerActor(tenant.id);
        const run = await withTenant(database, tenant.id, (tx) =>
          createTrainingRun(tx, actor, { horizon: options.horizon, folds: options.folds, trees: options.trees, promote: options.promote ? "if_better" : "never" }),
        );
        const result = await executeTrainingRun(database, actor, run.id, { onProgress: (p) => log(`${String(Math.round(p.fraction * 100)).padStart(3)}%  ${p.message}`) });
        const saved = options.saveDemo
          ? await saveDemoModel(tenant.slug, { ...result.version, onnx: result.trained.onnx, trees: servedTrees(result.trained.final) }, result.panel)
          : null;
        return { tenant: tenant.slug, result, saved };
      });
      const { version, promoted, note, forecastRows, trained } = outcome.result;
      const summary = {
        tenant: outcome.tenant,
        version: version.version,
        status: version.status,
        promoted,
        note,
        trainSeconds: trained.trainSeconds,
        trainedFrom: version.trainedFrom,
        trainedTo: version.trainedTo,
        forecastRows,
        savedTo: outcome.saved,
        metrics: version.metrics,
      };
      if (json) return printJson(summary);
      console.log(`\n${outcome.tenant}: v${version.version} ${note} (trained ${trained.trainSeconds.toFixed(1)} s, ${forecastRows} forecast rows)`);
      if (outcome.saved) console.log(`Saved for first-start installs in ${outcome.saved}`);
      printMetricsTable(version.metrics);
    });
}
