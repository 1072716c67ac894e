import { z } from "zod";
import type { Database } from "@/server/db/database";
import { listItems, listItemsSchema } from "@/server/services/catalog/list-items";
import { listStores } from "@/server/services/catalog/list-stores";
import { updateItem, updateItemSchema } from "@/server/services/catalog/update-item";
import { salesSummary, salesSummarySchema } from "@/server/services/sales/sales-summary";
import { apiHandler } from "./api-handler";
import type { EndpointSpec } from "./api-handler";
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
  params: z.object({ id: z.string().trim().min(1).max(64).describe("Item id") }),
  body: updateItemSchema,
  output: itemSchema,
  notFound: "No item with that id in this tenant",
} satisfies EndpointSpec;

/** Every `/api/v1` endpoint, in the order the OpenAPI document lists them. */
export const ENDPOINTS: readonly EndpointSpec[] = [listStoresSpec, listItemsSpec, salesSummarySpec, updateItemSpec];

/** The REST handlers bound to a database source: `getDatabase` from `@/server/db` in routes, a test database in tests. */
export function createRestApi({ getDatabase }: { getDatabase: () => Promise<Database> }) {
  return {
    listStores: apiHandler({ ...listStoresSpec, getDatabase }, ({ withTenant }) => withTenant((tx) => listStores(tx))),
    listItems: apiHandler({ ...listItemsSpec, getDatabase }, ({ withTenant, query }) => withTenant((tx) => listItems(tx, query))),
    salesSummary: apiHandler({ ...salesSummarySpec, getDatabase }, ({ withTenant, query }) => withTenant((tx) => salesSummary(tx, query))),
    updateItem: apiHandler({ ...updateItemSpec, getDatabase }, ({ withTenant, principal, params, body }) =>
      // An API key acts with admin rights inside its tenant; the audit entry names the key.
      withTenant((tx) => updateItem(tx, { tenantId: principal.tenantId, apiKeyId: principal.apiKeyId, role: "admin" }, params.id, body)),
    ),
  };
}
