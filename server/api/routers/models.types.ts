import { z } from "zod";
import { JOB_NAMES, JOB_STATUSES, MODEL_STATUSES, RUN_STATUSES, experimentRuns } from "@/drizzle/schema";
import type { ExperimentRun, ModelMetrics } from "@/drizzle/schema";
import { scheduleSettingsSchema } from "@/server/jobs/schedules";

/** Output shapes of the model-registry procedures the Models and Forecasts pages read. */

export const modelMetricsSchema = z.record(
  z.string(),
  z.object({ mae: z.number(), rmse: z.number(), wape: z.number(), bias: z.number(), rmsse: z.number(), coverage80: z.number(), pinball: z.number() }),
) satisfies z.ZodType<ModelMetrics>;

const isoDate = z.iso.date();

export const modelVersionSummarySchema = z.object({
  id: z.uuid(),
  version: z.number().int(),
  algorithm: z.string(),
  status: z.enum(MODEL_STATUSES),
  trainedFrom: isoDate,
  trainedTo: isoDate,
  horizon: z.number().int(),
  metrics: modelMetricsSchema,
  trainSeconds: z.number(),
  createdAt: z.date(),
  promotedAt: z.date().nullable(),
});

export const trainingRunSchema = z.object({
  tenantId: z.uuid(),
  id: z.uuid(),
  kind: z.enum(experimentRuns.kind.enumValues),
  status: z.enum(RUN_STATUSES),
  progress: z.number().min(0).max(1),
  message: z.string().nullable(),
  params: z.record(z.string(), z.unknown()),
  modelVersionId: z.uuid().nullable(),
  createdBy: z.uuid().nullable(),
  startedAt: z.date(),
  heartbeatAt: z.date(),
  finishedAt: z.date().nullable(),
}) satisfies z.ZodType<ExperimentRun>;

/** A background job as the Models page's history shows it (the payload stays server-side). */
export const jobSchema = z
  .object({
    id: z.uuid(),
    name: z.enum(JOB_NAMES),
    status: z.enum(JOB_STATUSES),
    attempts: z.number().int(),
    maxAttempts: z.number().int(),
    runAt: z.date(),
    startedAt: z.date().nullable(),
    finishedAt: z.date().nullable(),
    lastError: z.string().nullable(),
    result: z.record(z.string(), z.unknown()).nullable(),
    createdAt: z.date(),
  })
  .strip();

/** The tenant's schedule; `updatedAt` null while none was saved (nothing scheduled). */
export const scheduleSchema = scheduleSettingsSchema.extend({ updatedAt: z.date().nullable() });
