import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { salesSummaryOutputSchema } from "@/server/rest/schemas";
import { stockSummary } from "@/server/services/inventory/stock-summary";
import { dashboardFiltersSchema } from "@/server/services/sales/dashboard-filters";
import { forecastVsActual } from "@/server/services/sales/forecast-vs-actual";
import { salesDataRange, salesSummary, salesSummarySchema } from "@/server/services/sales/sales-summary";
import { forecastVsActualOutputSchema, stockSummaryOutputSchema } from "./sales.types";

export const salesRouter = createTRPCRouter({
  dataRange: tenantProcedure("viewer")
    .output(salesSummaryOutputSchema.shape.dataRange)
    .query(({ ctx }) => ctx.withTenant((tx) => salesDataRange(tx))),
  summary: tenantProcedure("viewer")
    .input(salesSummarySchema)
    .output(salesSummaryOutputSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => salesSummary(tx, input))),
  forecastVsActual: tenantProcedure("viewer")
    .input(dashboardFiltersSchema)
    .output(forecastVsActualOutputSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => forecastVsActual(tx, input))),
  stock: tenantProcedure("viewer")
    .input(dashboardFiltersSchema)
    .output(stockSummaryOutputSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => stockSummary(tx, input))),
});
