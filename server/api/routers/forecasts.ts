import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { getSeriesForecast, seriesForecastSchema } from "@/server/services/forecasting/series-forecast";
import { listTopSellers, topSellersSchema } from "@/server/services/sales/top-sellers";

export const forecastsRouter = createTRPCRouter({
  series: tenantProcedure("viewer")
    .input(seriesForecastSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => getSeriesForecast(tx, input))),
  /** A store's best sellers: the series the Forecasts page opens on and suggests first. */
  topSeries: tenantProcedure("viewer")
    .input(topSellersSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => listTopSellers(tx, input))),
});
