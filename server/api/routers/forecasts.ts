import { z } from "zod";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { getSeriesForecast, seriesForecastSchema } from "@/server/services/forecasting/series-forecast";
import { listTopSellers, topSellersSchema } from "@/server/services/sales/top-sellers";
import { seriesForecastOutputSchema, topSellerSchema } from "./forecasts.types";

export const forecastsRouter = createTRPCRouter({
  series: tenantProcedure("viewer")
    .input(seriesForecastSchema)
    .output(seriesForecastOutputSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => getSeriesForecast(tx, input))),
  /** A store's best sellers: the series the Forecasts page opens on and suggests first. */
  topSeries: tenantProcedure("viewer")
    .input(topSellersSchema)
    .output(z.array(topSellerSchema))
    .query(({ ctx, input }) => ctx.withTenant((tx) => listTopSellers(tx, input))),
});
