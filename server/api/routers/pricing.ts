import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { getPriceCurve, getPriceRecommendation, priceQuerySchema } from "@/server/services/pricing/price-curve";
import { priceCurveSchema, recommendationSchema } from "./pricing.types";

export const pricingRouter = createTRPCRouter({
  /** The production model's demand and profit over a grid of prices for an item × store. */
  curve: tenantProcedure("viewer")
    .input(priceQuerySchema)
    .output(priceCurveSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => getPriceCurve(tx, input))),
  /** The profit-optimal price within guardrails. */
  recommendation: tenantProcedure("viewer")
    .input(priceQuerySchema)
    .output(recommendationSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => getPriceRecommendation(tx, input))),
});
