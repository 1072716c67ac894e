import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import type { z } from "zod";
import { ACTIVE_RUN_STATUSES, experimentRuns } from "@/drizzle/schema";
import type { Job } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import type { Actor } from "@/server/services/actor";
import type { TrainRequest } from "@/server/services/forecasting/training-runs";
import type { ReportRequest } from "@/server/services/reports/generate-report";
import { reportPayloadSchema, retrainPayloadSchema } from "./definitions";
import { ensureInProcessWorker } from "./in-process";
import { enqueueJob } from "./queue";

const requestedBy = (actor: Actor) => ({ userId: actor.userId ?? null, role: actor.role });

/**
 * Queues the retrain of an already created run (one retrain job per tenant at a time). When the
 * job cannot be queued the run is marked failed, so it does not hold the tenant's training slot.
 */
export async function enqueueRetrain(database: Database, actor: Actor, input: { runId: string; params: TrainRequest; reason?: z.input<typeof retrainPayloadSchema>["reason"] }): Promise<Job> {
  const payload = retrainPayloadSchema.parse({ requestedBy: requestedBy(actor), runId: input.runId, params: input.params, reason: input.reason });
  try {
    const job = await enqueueJob(database, { name: "retrain", tenantId: actor.tenantId, payload, singletonKey: `retrain:${actor.tenantId}` });
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

/** Queues a PDF report; the job's result names the stored report. */
export async function enqueueReport(database: Database, actor: Actor, request: ReportRequest): Promise<Job> {
  const payload = reportPayloadSchema.parse({ requestedBy: requestedBy(actor), request });
  const job = await enqueueJob(database, { name: "report", tenantId: actor.tenantId, payload });
  ensureInProcessWorker(database);
  return job;
}
