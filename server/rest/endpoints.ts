import { z } from "zod";
import { text } from "@/server/validation/text";
import type { Database } from "@/server/db/database";
import type { RateLimiter } from "@/server/http/rate-limit";
import { listItems, listItemsSchema } from "@/server/services/catalog/list-items";
import { listStores } from "@/server/services/catalog/list-stores";
import { updateItem, updateItemSchema } from "@/server/services/catalog/update-item";
import { explainForecast, explainQuerySchema } from "@/server/services/explain/explain-forecast";
import { salesSummary, salesSummarySchema } from "@/server/services/sales/sales-summary";
import { apiHandler } from "./api-handler";
import type { EndpointSpec } from "./api-handler";
import { explanationSchema } from "@/server/api/routers/explain.types";
import { itemListSchema, itemSchema, salesSummaryOutputSchema, storeListSchema } from "./schemas";

const listStoresSpec = {
  operationId: "listStores",
  method: "GET",
  path: "/stores",
  summary: "List the tenant's stores",
  scope: "read",
  output: storeListSchema,
} satisfies EndpointSpec;

const listItemsSpec = {
  operationId: "listItems",
  method: "GET",
  path: "/items",
  summary: "List catalog items, filtered and paged",
  scope: "read",
  query: listItemsSchema,
  output: itemListSchema,
} satisfies EndpointSpec;

const salesSummarySpec = {
  operationId: "getSalesSummary",
  method: "GET",
  path: "/sales/summary",
  summary: "Sales KPIs, time series and breakdowns by store and category for a period",
  scope: "read",
  query: salesSummarySchema,
  output: salesSummaryOutputSchema,
  notFound: "`storeId` names no store of this tenant",
} satisfies EndpointSpec;

const updateItemSpec = {
  operationId: "updateItem",
  method: "PATCH",
  path: "/items/{id}",
  summary: "Change an item's catalog fields (audited)",
  scope: "write",
  params: z.object({ id: text({ min: 1, max: 64 }).describe("Item id") }),
  body: updateItemSchema,
  output: itemSchema,
  notFound: "No item with that id in this tenant",
} satisfies EndpointSpec;

const explainSpec = {
  operationId: "explainForecast",
  method: "GET",
  path: "/explain",
  summary: "Why the production model forecasts what it does: exact TreeSHAP in units, drivers, sentences and counterfactuals",
  scope: "read",
  query: explainQuerySchema,
  output: explanationSchema,
  notFound: "No such store or item in this tenant, no forecast for it, or no production model",
} satisfies EndpointSpec;

/** Every `/api/v1` endpoint, in the order the OpenAPI document lists them. */
export const ENDPOINTS: readonly EndpointSpec[] = [listStoresSpec, listItemsSpec, salesSummarySpec, updateItemSpec, explainSpec];

/**
 * The REST handlers bound to a database source and a request budget: `getDatabase` from
 * `@/server/db` and the process's rate limiter in routes; a test database (and a limiter of the
 * test's own, or none) in tests.
 */
export function createRestApi(sources: { getDatabase: () => Promise<Database>; rateLimiter?: RateLimiter }) {
  return {
    listStores: apiHandler({ ...listStoresSpec, ...sources }, ({ withTenant }) => withTenant((tx) => listStores(tx))),
    listItems: apiHandler({ ...listItemsSpec, ...sources }, ({ withTenant, query }) => withTenant((tx) => listItems(tx, query))),
    salesSummary: apiHandler({ ...salesSummarySpec, ...sources }, ({ withTenant, query }) => withTenant((tx) => salesSummary(tx, query))),
    explain: apiHandler({ ...explainSpec, ...sources }, ({ withTenant, principal, query: { store, item, ...rest } }) =>
      withTenant((tx) => explainForecast(tx, principal.tenantId, { storeId: store, itemId: item, ...rest })),),
    updateItem: apiHandler({ ...updateItemSpec, ...sources }, ({ withTenant, actor, params, body }) => withTenant((tx) => updateItem(tx, actor, params.id, body))),
  };
}
