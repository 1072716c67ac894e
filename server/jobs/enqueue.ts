import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { ACTIVE_RUN_STATUSES, experimentRuns } from "@/drizzle/schema";
import type { ExperimentRun, Job } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { roleAtLeast } from "@/server/services/actor";
import { consumeQuota } from "@/server/services/billing/quota";
import { createTrainingRun } from "@/server/services/forecasting/training-runs";
import type { TrainRequest } from "@/server/services/forecasting/training-runs";
import type { ReportRequest } from "@/server/services/reports/generate-report";
import { reforecastPayloadSchema, reportPayloadSchema, retrainPayloadSchema } from "./definitions";
import { ensureInProcessWorker } from "./in-process";
import { enqueueJob, retrainSingletonKey } from "./queue";

const requestedBy = (actor: Actor) => ({ userId: actor.userId ?? null, role: actor.role });

/**
 * Queues the retrain of an already created run (one retrain job per tenant at a time). When the
 * job cannot be queued the run is marked failed, so it does not hold the tenant's training slot.
 */
export async function enqueueRetrain(database: Database, actor: Actor, input: { runId: string; params: TrainRequest; reason?: z.input<typeof retrainPayloadSchema>["reason"] }): Promise<Job> {
  const payload = retrainPayloadSchema.parse({ requestedBy: requestedBy(actor), runId: input.runId, params: input.params, reason: input.reason });
  try {
    const job = await enqueueJob(database, { name: "retrain", tenantId: actor.tenantId, payload, singletonKey: retrainSingletonKey(actor.tenantId) });
    ensureInProcessWorker(database);
    return job;
  } catch (error) {
    await withTenant(database, actor.tenantId, (tx) =>
      tx
        .update(experimentRuns)
        .set({ status: "failed", message: `Not queued: ${error instanceof Error ? error.message : String(error)}`, finishedAt: new Date() })
        .where(and(eq(experimentRuns.id, input.runId), inArray(experimentRuns.status, [...ACTIVE_RUN_STATUSES]))),
    );
    throw error;
  }
}

/**
 * A member's retrain: creates the run (admins only; over the plan's monthly retrains it is never
 * created) and queues its job. A worker trains, backtests and promotes only if better.
 */
export async function startRetrain(database: Database, actor: Actor, params: TrainRequest): Promise<{ run: ExperimentRun; job: Job }> {
  const run = await withTenant(database, actor.tenantId, async (tx) => {
    const created = await createTrainingRun(tx, actor, params);
    // Same transaction: over the quota, the run is never created.
    await consumeQuota(tx, actor.tenantId, { metric: "retrains", unitKey: created.id });
    return created;
  });
  const job = await enqueueRetrain(database, actor, { runId: run.id, params });
  return { run, job };
}

/** Queues a re-forecast of the production model from the latest sales (admins; one per tenant at a time). */
export async function enqueueReforecast(database: Database, actor: Actor): Promise<Job> {
  if (!roleAtLeast(actor.role, "admin")) throw new AppError("forbidden:role", "Only admins re-forecast models.");
  const payload = reforecastPayloadSchema.parse({ requestedBy: requestedBy(actor) });
  const job = await enqueueJob(database, { name: "reforecast", tenantId: actor.tenantId, payload, singletonKey: `reforecast:${actor.tenantId}` });
  ensureInProcessWorker(database);
  return job;
}

/** Queues a PDF report; the job's result names the stored report. */
export async function enqueueReport(database: Database, actor: Actor, request: ReportRequest): Promise<Job> {
  const payload = reportPayloadSchema.parse({ requestedBy: requestedBy(actor), request });
  const job = await enqueueJob(database, { name: "report", tenantId: actor.tenantId, payload });
  ensureInProcessWorker(database);
  return job;
}
