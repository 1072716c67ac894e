import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { getMarkdownPlan, markdownQuerySchema } from "@/server/services/pricing/markdown-plan";
import { getPriceCurve, getPriceRecommendation, priceQuerySchema } from "@/server/services/pricing/price-curve";
import { getPricingSettings, pricingSettingsSchema, updatePricingSettings } from "@/server/services/pricing/settings";
import { markdownPlanSchema, priceCurveSchema, pricingSettingsOutputSchema, recommendationSchema } from "./pricing.types";

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
  /** The markdown ladder until a sell-by date, beside the fixed −30%/−50% schedule. */
  markdown: tenantProcedure("viewer")
    .input(markdownQuerySchema)
    .output(markdownPlanSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => getMarkdownPlan(tx, input))),
  /** The tenant's pricing guardrails (defaults until an admin sets them). */
  settings: tenantProcedure("viewer")
    .output(pricingSettingsOutputSchema)
    .query(({ ctx }) => ctx.withTenant((tx) => getPricingSettings(tx))),
  updateSettings: tenantProcedure("admin")
    .input(pricingSettingsSchema)
    .output(pricingSettingsOutputSchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => updatePricingSettings(tx, ctx.actor, input))),
});
