import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { aggregateForecastSchema, getAggregateForecast } from "@/server/services/forecasting/aggregate-forecast";
import { getSeriesForecast, seriesForecastSchema } from "@/server/services/forecasting/series-forecast";
import { listTopSellers, topSellersSchema } from "@/server/services/sales/top-sellers";
import { aggregateForecastOutputSchema, seriesForecastOutputSchema, topSellerSchema } from "./forecasts.types";

export const forecastsRouter = createTRPCRouter({
  series: tenantProcedure("viewer")
    .input(seriesForecastSchema)
    .output(seriesForecastOutputSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => getSeriesForecast(tx, input))),
  /** A store's, a category's or the tenant's total per day: the sum of means, and the total's band. */
  aggregate: tenantProcedure("viewer")
    .input(aggregateForecastSchema)
    .output(aggregateForecastOutputSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => getAggregateForecast(tx, input))),
  /** A store's best sellers: the series the Forecasts page opens on and suggests first. */
  topSeries: tenantProcedure("viewer")
    .input(topSellersSchema)
    .output(z.array(topSellerSchema))
    .query(({ ctx, input }) => ctx.withTenant((tx) => listTopSellers(tx, input))),
});
