import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { listReports } from "@/server/services/reports/generate-report";
import { reportSummarySchema } from "./reports.types";

export const reportsRouter = createTRPCRouter({
  /** Reports generated in this workspace, newest first; each can be downloaded again unchanged. */
  list: tenantProcedure("viewer")
    .output(z.array(reportSummarySchema))
    .query(({ ctx }) => ctx.withTenant((tx) => listReports(tx))),
});
