import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { startRetrain } from "@/server/jobs/enqueue";
import { listTenantJobs } from "@/server/jobs/queue";
import { getScheduleSettings, scheduleSettingsSchema, updateScheduleSettings } from "@/server/jobs/schedules";
import { getTrainingRun, listTrainingRuns, trainRequestSchema } from "@/server/services/forecasting/training-runs";
import { listModelVersions, promoteModelVersion, promoteSchema, rollbackModel } from "@/server/services/models/registry";
import { jobSchema, modelVersionSummarySchema, scheduleSchema, trainingRunSchema } from "./models.types";

export const modelsRouter = createTRPCRouter({
  versions: tenantProcedure("viewer")
    .output(z.array(modelVersionSummarySchema))
    .query(({ ctx }) => ctx.withTenant((tx) => listModelVersions(tx))),
  runs: tenantProcedure("viewer")
    .output(z.array(trainingRunSchema))
    .query(({ ctx }) => ctx.withTenant((tx) => listTrainingRuns(tx))),
  run: tenantProcedure("viewer")
    .input(z.object({ runId: z.uuid("runId must be a UUID") }))
    .output(trainingRunSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => getTrainingRun(tx, input.runId))),
  promote: tenantProcedure("admin")
    .input(promoteSchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => promoteModelVersion(tx, ctx.actor, input))),
  rollback: tenantProcedure("admin").mutation(({ ctx }) => ctx.withTenant((tx) => rollbackModel(tx, ctx.actor))),
  /** The tenant's background jobs (retrains, reports), newest first, with attempts and errors. */
  jobs: tenantProcedure("viewer")
    .output(z.array(jobSchema))
    .query(({ ctx }) => listTenantJobs(ctx.database, ctx.actor.tenantId)),
  /** Creates a run and queues its retrain job; a worker trains it and the client follows it through `run`. */
  retrain: tenantProcedure("admin")
    .input(trainRequestSchema)
    .output(trainingRunSchema)
    .mutation(async ({ ctx, input }) => (await startRetrain(ctx.database, ctx.actor, input)).run),
  /** Scheduled retrain, daily re-forecast and retrain on drift; hours in the tenant's time zone. */
  schedule: tenantProcedure("viewer")
    .output(scheduleSchema)
    .query(({ ctx }) => ctx.withTenant((tx) => getScheduleSettings(tx))),
  updateSchedule: tenantProcedure("admin")
    .input(scheduleSettingsSchema)
    .output(scheduleSchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => updateScheduleSettings(tx, ctx.actor, input))),
});
