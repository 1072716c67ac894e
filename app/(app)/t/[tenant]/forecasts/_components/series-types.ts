import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

export type SeriesForecast = inferRouterOutputs<AppRouter>["forecasts"]["series"];
export type PointSource = NonNullable<SeriesForecast["point"]>["source"];
