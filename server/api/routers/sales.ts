import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { salesDataRange, salesSummary, salesSummarySchema } from "@/server/services/sales/sales-summary";

export const salesRouter = createTRPCRouter({
  dataRange: tenantProcedure("viewer").query(({ ctx }) => ctx.withTenant((tx) => salesDataRange(tx))),
  summary: tenantProcedure("viewer")
    .input(salesSummarySchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => salesSummary(tx, input))),
});
