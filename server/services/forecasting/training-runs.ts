import "server-only";
import { and, desc, eq, inArray, lt, sql } from "drizzle-orm";
import { z } from "zod";
import { ACTIVE_RUN_STATUSES, experimentRuns } from "@/drizzle/schema";
import type { ExperimentRun, NewExperimentRun } from "@/drizzle/schema";
import { buildInferenceRows } from "@/models/features";
import { predictQuantiles, servedTrees, trainAndEvaluateInWorker } from "@/models/forecaster";
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

/** How often the process executing a run writes its heartbeat. */
export const HEARTBEAT_INTERVAL_MS = 15_000;
/**
 * An active run whose heartbeat is older than this was cut off (its process died or hung), and a new
 * run may take its slot. Long enough to ride out the longest single statement of a run on PGlite,
 * which runs one transaction at a time and so holds heartbeats back while it stores forecasts.
 */
export const STALE_AFTER_MS = 5 * 60_000;

const ONE_ACTIVE_INDEX = "experiment_runs_one_active";
const stillActive = inArray(experimentRuns.status, [...ACTIVE_RUN_STATUSES]);

const runningConflict = (run: ExperimentRun) =>
  new AppError("conflict:training_running", `A training run started at ${run.startedAt.toISOString()} is still ${run.status} (${Math.round(run.progress * 100)}%); wait for it to finish.`);

/** Whether the error is the database refusing a second active run (unique index, SQLSTATE 23505). */
function isSecondActiveRun(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const { code, constraint_name: constraintName, constraint } = e as { code?: unknown; constraint_name?: unknown; constraint?: unknown };
    if (code === "23505" && (constraintName === ONE_ACTIVE_INDEX || constraint === ONE_ACTIVE_INDEX || e.message.includes(ONE_ACTIVE_INDEX))) return true;
  }
  return false;
}

/**
 * Records a queued training run. One active run per tenant, enforced by a partial unique index, so
 * two processes cannot both start one; a run whose heartbeat went stale is marked failed first and
 * its slot taken over.
 */
export async function createTrainingRun(tx: Tx, actor: Actor, input: TrainRequest): Promise<ExperimentRun> {
  if (!roleAtLeast(actor.role, "admin")) throw new AppError("forbidden:role", "Only admins train models.");
  const params = trainRequestSchema.parse(input);
  const staleBefore = sql`now() - make_interval(secs => ${STALE_AFTER_MS / 1000})`;
  const takenOver = await tx
    .update(experimentRuns)
    .set({ status: "failed", message: `Interrupted: the process running it stopped (no heartbeat for ${STALE_AFTER_MS / 60_000} minutes).`, finishedAt: new Date() })
    .where(and(stillActive, lt(experimentRuns.heartbeatAt, staleBefore)))
    .returning();
  for (const run of takenOver) console.warn(`training run ${run.id} of tenant ${run.tenantId} had no heartbeat since ${run.heartbeatAt.toISOString()}; marked failed`);
  const [active] = await tx.select().from(experimentRuns).where(stillActive);
  if (active) throw runningConflict(active);
  let run: ExperimentRun | undefined;
  try {
    [run] = await tx.insert(experimentRuns).values({ tenantId: actor.tenantId, kind: "train", params, createdBy: actor.userId ?? null }).returning();
  } catch (error) {
    // Another transaction inserted its run between our check and our insert, and committed first.
    if (isSecondActiveRun(error)) throw new AppError("conflict:training_running", "Another training run of this tenant started at the same moment; wait for it to finish.");
    throw error;
  }
  await recordAudit(tx, actor, { action: "model.training_started", targetType: "experiment_run", targetId: run!.id, details: params });
  return run!;
}

export type TrainingOutcome = PublishedModel & { run: ExperimentRun; trained: TrainedForecastModel; panel: Panel };

const treeCounts = (trained: TrainedForecastModel) => Object.fromEntries(Object.entries(servedTrees(trained.final)).map(([name, model]) => [name, model.trees.length]));

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
  // Reading a whole history and storing a version's forecasts are large statements, not requests.
  const inTenant = <T>(fn: (tx: Tx) => Promise<T>) => withTenant(database, actor.tenantId, fn, { statementTimeoutMs: BACKGROUND_STATEMENT_TIMEOUT_MS });
  /** Updates the run while it still holds the slot; a run another process took over stops here. */
  const setRun = async (values: Partial<NewExperimentRun>) => {
    if (values.progress !== undefined && values.message) options.onProgress?.({ fraction: values.progress, message: values.message });
    const [row] = await inTenant((tx) => tx.update(experimentRuns).set({ ...values, heartbeatAt: sql`now()` }).where(and(eq(experimentRuns.id, runId), stillActive)).returning());
    if (!row) throw new AppError("conflict:training_taken_over", "This training run is no longer active: it was marked failed after its heartbeat went stale.");
    return row;
  };
  const heartbeat = setInterval(() => {
    inTenant((tx) => tx.update(experimentRuns).set({ heartbeatAt: sql`now()` }).where(and(eq(experimentRuns.id, runId), stillActive))).catch((error: unknown) =>
      console.error(`training run ${runId}: heartbeat not written`, error),
    );
  }, HEARTBEAT_INTERVAL_MS);
  heartbeat.unref();
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
          params: { ...trained.params, nTrees: treeCounts(trained), folds: params.folds, calibration: trained.final.calibration, ...(trained.final.mean && { tweediePower: trained.final.mean.power }) },
          features: [...trained.final.featureNames],
          trainedFrom: trained.trainedFrom,
          trainedTo: trained.trainedTo,
          horizon: params.horizon,
          metrics: trained.backtest.metrics,
          trainSeconds: trained.trainSeconds,
          onnx: trained.onnx,
          trees: servedTrees(trained.final),
        },
        panel,
        predicted,
        promote: params.promote === "if_better",
      });
      const [finished] = await tx
        .update(experimentRuns)
        .set({ status: "succeeded", progress: 1, message: `v${published.version.version} ${published.note}`, modelVersionId: published.version.id, finishedAt: new Date(), heartbeatAt: sql`now()` })
        .where(and(eq(experimentRuns.id, runId), stillActive))
        .returning();
      if (!finished) throw new AppError("conflict:training_taken_over", "This training run was marked failed after its heartbeat went stale; its model is not published.");
      return { run: finished, ...published, trained, panel };
    });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await setRun({ status: "failed", message, finishedAt: new Date() }).catch((markError: unknown) =>
      console.error(`training run ${runId} failed (${message}) and could not be marked failed:`, markError),
    );
    throw error;
  } finally {
    clearInterval(heartbeat);
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
