import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { salesSummaryOutputSchema } from "@/server/rest/schemas";
import { salesDataRange, salesSummary, salesSummarySchema } from "@/server/services/sales/sales-summary";

export const salesRouter = createTRPCRouter({
  dataRange: tenantProcedure("viewer")
    .output(salesSummaryOutputSchema.shape.dataRange)
    .query(({ ctx }) => ctx.withTenant((tx) => salesDataRange(tx))),
  summary: tenantProcedure("viewer")
    .input(salesSummarySchema)
    .output(salesSummaryOutputSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => salesSummary(tx, input))),
});
