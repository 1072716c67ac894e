import "server-only";
import { desc, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { experimentRuns } from "@/drizzle/schema";
import type { ExperimentRun, NewExperimentRun } from "@/drizzle/schema";
import { buildInferenceRows } from "@/models/features";
import { predictQuantiles, trainAndEvaluateInWorker } from "@/models/forecaster";
import type { Panel } from "@/models/data";
import type { TrainedForecastModel, TrainingProgress } from "@/models/forecaster";
import type { Database, Tx } from "@/server/db/database";
import { BACKGROUND_STATEMENT_TIMEOUT_MS, withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { roleAtLeast } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import { publishModelVersion } from "./publish-model";
import type { PublishedModel } from "./publish-model";
import { loadTenantPanel } from "./tenant-panel";

export const trainRequestSchema = z.object({
  horizon: z.number().int().min(1).max(28, "horizon is at most 28 days").default(28),
  folds: z.number().int().min(1).max(6, "at most 6 backtest folds").default(3),
  trees: z.number().int().min(10).max(2000).optional().describe("boosting rounds per quantile model; early stopping may use fewer"),
  promote: z.enum(["if_better", "never"]).default("if_better").describe("promote the new version when its backtest beats production"),
});
export type TrainRequest = z.input<typeof trainRequestSchema>;

/** Runs this process is executing; a run the database calls active but this set lacks was cut off by a restart. */
const runningHere = new Set<string>();

const ACTIVE = ["queued", "running"] as const;

/**
 * Records a queued training run. One run per tenant at a time: a second request while one is active
 * is refused, and a run left "running" by a process that died is marked failed first.
 */
export async function createTrainingRun(tx: Tx, actor: Actor, input: TrainRequest): Promise<ExperimentRun> {
  if (!roleAtLeast(actor.role, "admin")) throw new AppError("forbidden:role", "Only admins train models.");
  const params = trainRequestSchema.parse(input);
  const active = await tx.select().from(experimentRuns).where(inArray(experimentRuns.status, [...ACTIVE]));
  for (const run of active) {
    if (runningHere.has(run.id)) throw new AppError("conflict:training_running", `A training run started at ${run.startedAt.toISOString()} is still running (${Math.round(run.progress * 100)}%).`);
    await tx.update(experimentRuns).set({ status: "failed", message: "Interrupted: the process running it stopped.", finishedAt: new Date() }).where(eq(experimentRuns.id, run.id));
  }
  const [run] = await tx.insert(experimentRuns).values({ tenantId: actor.tenantId, kind: "train", params, createdBy: actor.userId ?? null }).returning();
  await recordAudit(tx, actor, { action: "model.training_started", targetType: "experiment_run", targetId: run!.id, details: params });
  return run!;
}

export type TrainingOutcome = PublishedModel & { run: ExperimentRun; trained: TrainedForecastModel; panel: Panel };

const treeCounts = (trained: TrainedForecastModel) => ({ p10: trained.final.models.p10.trees.length, p50: trained.final.models.p50.trees.length, p90: trained.final.models.p90.trees.length });

/**
 * Executes a queued run: reads the tenant's history, backtests and trains on a worker thread
 * (recording progress as it goes), registers the version with its forecasts and promotes it when it beats production.
 * Heavy work happens outside any transaction; each write is its own short tenant transaction.
 */
export async function executeTrainingRun(
  database: Database,
  actor: Actor,
  runId: string,
  options: { onProgress?: (progress: TrainingProgress) => void } = {},
): Promise<TrainingOutcome> {
  runningHere.add(runId);
  // Reading a whole history and storing a version's forecasts are large statements, not requests.
  const inTenant = <T>(fn: (tx: Tx) => Promise<T>) => withTenant(database, actor.tenantId, fn, { statementTimeoutMs: BACKGROUND_STATEMENT_TIMEOUT_MS });
  const setRun = (values: Partial<NewExperimentRun>) => {
    if (values.progress !== undefined && values.message) options.onProgress?.({ fraction: values.progress, message: values.message });
    return inTenant(async (tx) => (await tx.update(experimentRuns).set(values).where(eq(experimentRuns.id, runId)).returning())[0]!);
  };
  try {
    const run = await inTenant(async (tx) => (await tx.select().from(experimentRuns).where(eq(experimentRuns.id, runId)))[0]);
    if (!run) throw new AppError("not_found:experiment_run", "No such training run.");
    const params = trainRequestSchema.parse(run.params);
    await setRun({ status: "running", progress: 0, message: "Reading sales history" });
    const panel = await inTenant((tx) => loadTenantPanel(tx));
    const trained = await trainAndEvaluateInWorker(panel, {
      horizon: params.horizon,
      folds: params.folds,
      params: params.trees ? { nTrees: params.trees } : undefined,
      // Training takes most of the run; registering and forecasting the rest.
      onProgress: async (p) => void (await setRun({ progress: 0.05 + 0.85 * p.fraction, message: p.message })),
    });
    await setRun({ progress: 0.92, message: "Forecasting every series with the new model" });
    const predicted = await predictQuantiles(trained.onnx, buildInferenceRows(panel, panel.nDays - 1, params.horizon), trained.final.calibration);
    return await inTenant(async (tx) => {
      const published = await publishModelVersion(tx, actor, {
        version: {
          algorithm: "gbdt-quantile",
          params: { ...trained.params, nTrees: treeCounts(trained), folds: params.folds, calibration: trained.final.calibration },
          features: [...trained.final.featureNames],
          trainedFrom: trained.trainedFrom,
          trainedTo: trained.trainedTo,
          horizon: params.horizon,
          metrics: trained.backtest.metrics,
          trainSeconds: trained.trainSeconds,
          onnx: trained.onnx,
        },
        panel,
        predicted,
        promote: params.promote === "if_better",
      });
      const [finished] = await tx
        .update(experimentRuns)
        .set({ status: "succeeded", progress: 1, message: `v${published.version.version} ${published.note}`, modelVersionId: published.version.id, finishedAt: new Date() })
        .where(eq(experimentRuns.id, runId))
        .returning();
      return { run: finished!, ...published, trained, panel };
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await setRun({ status: "failed", message, finishedAt: new Date() }).catch(() => undefined);
    throw error;
  } finally {
    runningHere.delete(runId);
  }
}

export function listTrainingRuns(tx: Tx, limit = 20) {
  return tx.select().from(experimentRuns).orderBy(desc(experimentRuns.startedAt)).limit(limit);
}

export async function getTrainingRun(tx: Tx, runId: string): Promise<ExperimentRun> {
  const [run] = await tx.select().from(experimentRuns).where(eq(experimentRuns.id, z.uuid("runId must be a UUID").parse(runId)));
  if (!run) throw new AppError("not_found:experiment_run", "No such training run.");
  return run;
}
