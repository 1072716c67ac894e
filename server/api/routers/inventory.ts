import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { listRecommendations, recommendationsQuerySchema } from "@/server/services/inventory/recommendations";
import { getStockProjection, stockProjectionSchema } from "@/server/services/inventory/stock-projection";
import { recommendationsOutputSchema, stockProjectionOutputSchema } from "./inventory.types";

export const inventoryRouter = createTRPCRouter({
  recommendations: tenantProcedure("viewer")
    .input(recommendationsQuerySchema)
    .output(recommendationsOutputSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => listRecommendations(tx, input))),
  projection: tenantProcedure("viewer")
    .input(stockProjectionSchema)
    .output(stockProjectionOutputSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => getStockProjection(tx, input))),
});
