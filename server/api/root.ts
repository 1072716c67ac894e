import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";
import { adminRouter } from "./routers/admin";
import { catalogRouter } from "./routers/catalog";
import { explainRouter } from "./routers/explain";
import { reportsRouter } from "./routers/reports";
import { forecastsRouter } from "./routers/forecasts";
import { membersRouter } from "./routers/members";
import { modelsRouter } from "./routers/models";
import { salesRouter } from "./routers/sales";
import { tenantRouter } from "./routers/tenant";

export const appRouter = createTRPCRouter({
  tenant: tenantRouter,
  members: membersRouter,
  catalog: catalogRouter,
  sales: salesRouter,
  admin: adminRouter,
  forecasts: forecastsRouter,
  explain: explainRouter,
  reports: reportsRouter,
  models: modelsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
