import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { z } from "zod";
import { ACTIVE_RUN_STATUSES, experimentRuns } from "@/drizzle/schema";
import { ROLES } from "@/drizzle/schema/roles";
import type { Job, JobName } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import type { Actor } from "@/server/services/actor";
import { createTrainingRun, executeTrainingRun, trainRequestSchema } from "@/server/services/forecasting/training-runs";
import { generateReport } from "@/server/services/reports/generate-report";
import { executiveSummarySchema } from "@/server/services/reports/executive-summary";
import { forecastReportSchema } from "@/server/services/reports/forecast-report";

/** Who asked for the job, kept in its payload so the handler acts with that member's rights. */
const requester = z.object({ userId: z.uuid().nullable(), role: z.enum(ROLES) });

export const retrainPayloadSchema = z.object({
  requestedBy: requester,
  /** The run created when the job was queued; a retry after that run failed starts a new one. */
  runId: z.uuid().optional(),
  params: trainRequestSchema,
  reason: z.enum(["manual", "schedule", "drift"]).default("manual"),
});

export const reportPayloadSchema = z.object({
  requestedBy: requester,
  request: z.discriminatedUnion("kind", [z.object({ kind: z.literal("forecast"), params: forecastReportSchema }), z.object({ kind: z.literal("executive"), params: executiveSummarySchema })]),
});

type Definition<S extends z.ZodType> = {
  schema: S;
  /** Does the tenant work (through withTenant inside the services) and returns what the history shows. */
  run: (database: Database, tenantId: string, payload: z.output<S>) => Promise<Record<string, unknown>>;
};

const actorOf = (tenantId: string, by: z.output<typeof requester>): Actor => ({ tenantId, userId: by.userId ?? undefined, role: by.role });

const retrain: Definition<typeof retrainPayloadSchema> = {
  schema: retrainPayloadSchema,
  run: async (database, tenantId, payload) => {
    const actor = actorOf(tenantId, payload.requestedBy);
    const stillActive = payload.runId
      ? await withTenant(database, tenantId, async (tx) => {
          const [run] = await tx.select({ id: experimentRuns.id }).from(experimentRuns).where(and(eq(experimentRuns.id, payload.runId!), inArray(experimentRuns.status, [...ACTIVE_RUN_STATUSES])));
          return run?.id;
        })
      : undefined;
    const runId = stillActive ?? (await withTenant(database, tenantId, (tx) => createTrainingRun(tx, actor, payload.params))).id;
    const outcome = await executeTrainingRun(database, actor, runId);
    return { runId, modelVersionId: outcome.version.id, version: outcome.version.version, note: outcome.note };
  },
};

const report: Definition<typeof reportPayloadSchema> = {
  schema: reportPayloadSchema,
  run: async (database, tenantId, payload) => {
    const generated = await generateReport(database, actorOf(tenantId, payload.requestedBy), payload.request);
    return { reportId: generated.id, pages: generated.pages, filename: generated.filename };
  },
};

export const JOB_DEFINITIONS: { [N in JobName]: Definition<z.ZodType> } = { retrain, report } as { [N in JobName]: Definition<z.ZodType> };

/** Validates a claimed job's payload with its definition's schema; throws a ZodError when it is malformed. */
export function parseJobPayload(job: Job): unknown {
  return JOB_DEFINITIONS[job.name].schema.parse(job.payload);
}
