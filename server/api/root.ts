import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";
import { adminRouter } from "./routers/admin";
import { billingRouter } from "./routers/billing";
import { catalogRouter } from "./routers/catalog";
import { forecastsRouter } from "./routers/forecasts";
import { ingestRouter } from "./routers/ingest";
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
  billing: billingRouter,
  forecasts: forecastsRouter,
  models: modelsRouter,
  ingest: ingestRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
