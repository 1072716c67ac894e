import { createCallerFactory, createTRPCRouter } from "@/server/api/trpc";
import { actionsRouter } from "./routers/actions";
import { alertsRouter } from "./routers/alerts";
import { assistantRouter } from "./routers/assistant";
import { adminRouter } from "./routers/admin";
import { billingRouter } from "./routers/billing";
import { catalogRouter } from "./routers/catalog";
import { explainRouter } from "./routers/explain";
import { reportsRouter } from "./routers/reports";
import { forecastsRouter } from "./routers/forecasts";
import { ingestRouter } from "./routers/ingest";
import { inventoryRouter } from "./routers/inventory";
import { pricingRouter } from "./routers/pricing";
import { scenariosRouter } from "./routers/scenarios";
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
  explain: explainRouter,
  reports: reportsRouter,
  models: modelsRouter,
  ingest: ingestRouter,
  inventory: inventoryRouter,
  actions: actionsRouter,
  alerts: alertsRouter,
  pricing: pricingRouter,
  scenarios: scenariosRouter,
  assistant: assistantRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
