import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import { explainForecast, explainForecastSchema } from "@/server/services/explain/explain-forecast";
import { explanationSchema } from "./explain.types";

export const explainRouter = createTRPCRouter({
  /** Why the production model forecasts what it does for an item × store × period (or a sum of them). */
  forecast: tenantProcedure("viewer")
    .input(explainForecastSchema)
    .output(explanationSchema)
    .query(({ ctx, input }) => ctx.withTenant((tx) => explainForecast(tx, ctx.actor.tenantId, input))),
});
