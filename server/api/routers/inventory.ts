import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { listRecommendations, recommendationsQuerySchema } from "@/server/services/inventory/recommendations";
import { getStockProjection, stockProjectionSchema } from "@/server/services/inventory/stock-projection";
import { createOverride, createOverrideSchema, listOverrides } from "@/server/services/overrides/forecast-overrides";
import { inventorySettingsInputSchema, inventorySettingsWithCategories, updateInventorySettings } from "@/server/services/inventory/update-settings";
import { forecastValueAdded } from "@/server/services/overrides/forecast-value-added";
import { forecastOverrideSchema, forecastValueAddedSchema, inventorySettingsOutputSchema, recommendationsOutputSchema, stockProjectionOutputSchema } from "./inventory.types";

export const inventoryRouter = createTRPCRouter({
  recommendations: tenantProcedure("viewer")
    .input(recommendationsQuerySchema)
    .output(recommendationsOutputSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => listRecommendations(tx, input))),
  projection: tenantProcedure("viewer")
    .input(stockProjectionSchema)
    .output(stockProjectionOutputSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => getStockProjection(tx, input))),
  /** Analysts and above override a forecast; it is audited and flows into the decisions. */
  createOverride: tenantProcedure("analyst")
    .input(createOverrideSchema)
    .output(forecastOverrideSchema.omit({ createdBy: true }).extend({ createdBy: z.uuid().nullable() }))
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => createOverride(tx, ctx.actor, input))),
  overrides: tenantProcedure("viewer")
    .output(z.array(forecastOverrideSchema))
    .query(({ ctx }) => ctx.withTenant((tx) => listOverrides(tx))),
  settings: tenantProcedure("viewer")
    .output(inventorySettingsOutputSchema)
    .query(({ ctx }) => ctx.withTenant((tx) => inventorySettingsWithCategories(tx))),
  /** Admins set the targets and costs; audited, and the action center is recomputed at once. */
  updateSettings: tenantProcedure("admin")
    .input(inventorySettingsInputSchema)
    .output(inventorySettingsOutputSchema.shape.settings)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => updateInventorySettings(tx, ctx.actor, input))),
  forecastValueAdded: tenantProcedure("viewer")
    .output(forecastValueAddedSchema)
    .query(({ ctx }) => ctx.withTenant((tx) => forecastValueAdded(tx))),
});
