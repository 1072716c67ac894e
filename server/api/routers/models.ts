import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { consumeQuota } from "@/server/services/billing/quota";
import { createTrainingRun, executeTrainingRun, getTrainingRun, listTrainingRuns, trainRequestSchema } from "@/server/services/forecasting/training-runs";
import { listModelVersions, promoteModelVersion, promoteSchema, rollbackModel } from "@/server/services/models/registry";
import { modelVersionSummarySchema, trainingRunSchema } from "./models.types";

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
  /** Queues a run and trains in this process; the client follows it through `run`. */
  retrain: tenantProcedure("admin")
    .input(trainRequestSchema)
    .output(trainingRunSchema)
    .mutation(async ({ ctx, input }) => {
      const run = await ctx.withTenant(async (tx) => {
        const created = await createTrainingRun(tx, ctx.actor, input);
        // Same transaction: over the plan's monthly retrains, the run is never created.
        await consumeQuota(tx, ctx.tenant.id, { metric: "retrains", unitKey: created.id });
        return created;
      });
      // The run records its own failure (status and message); nothing awaits this promise, so the log is where it shows.
      void executeTrainingRun(ctx.database, ctx.actor, run.id).catch((error: unknown) => console.error(`training run ${run.id} of tenant ${ctx.actor.tenantId} failed:`, error));
      return run;
    }),
});
