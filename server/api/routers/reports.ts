import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { reportPayloadSchema } from "@/server/jobs/definitions";
import { enqueueReport } from "@/server/jobs/enqueue";
import { listReports } from "@/server/services/reports/generate-report";
import { jobSchema } from "./models.types";
import { reportSummarySchema } from "./reports.types";

export const reportsRouter = createTRPCRouter({
  /** Reports generated in this workspace, newest first; each can be downloaded again unchanged. */
  list: tenantProcedure("viewer")
    .output(z.array(reportSummarySchema))
    .query(({ ctx }) => ctx.withTenant((tx) => listReports(tx))),
  /** Queues a report to be rendered by a worker; it joins `list` when the job succeeds (its result names the report). */
  queue: tenantProcedure("analyst")
    .input(reportPayloadSchema.shape.request)
    .output(jobSchema)
    .mutation(({ ctx, input }) => enqueueReport(ctx.database, ctx.actor, input)),
});
