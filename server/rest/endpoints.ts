import { randomUUID } from "node:crypto";
import { askAssistant } from "@/agents/agent";
import { z } from "zod";
import { text } from "@/server/validation/text";
import type { Database } from "@/server/db/database";
import type { RateLimiter } from "@/server/http/rate-limit";
import { listItems, listItemsSchema } from "@/server/services/catalog/list-items";
import { listStores } from "@/server/services/catalog/list-stores";
import { updateItem, updateItemSchema } from "@/server/services/catalog/update-item";
import { explainForecast, explainQuerySchema } from "@/server/services/explain/explain-forecast";
import { executiveSummarySchema } from "@/server/services/reports/executive-summary";
import { forecastReportSchema } from "@/server/services/reports/forecast-report";
import { generateReport } from "@/server/services/reports/generate-report";
import { salesSummary, salesSummarySchema } from "@/server/services/sales/sales-summary";
import { IMPORT_SOURCES } from "@/drizzle/schema";
import { AppError } from "@/server/errors/app-error";
import { CSV_BODY_LIMIT_BYTES } from "@/server/http/body-limit";
import { importCsv, importQuerySchema } from "@/server/services/ingest/import-csv";
import type { ImportResult } from "@/server/services/ingest/import-csv";
import { MAX_EVENTS_PER_BATCH, ingestSales, ingestSalesSchema } from "@/server/services/ingest/ingest-sales";
import { getImport } from "@/server/services/ingest/list-imports";
import { actionDecisionSchema, actionListSchema } from "@/server/api/routers/actions.types";
import { recommendationsOutputSchema } from "@/server/api/routers/inventory.types";
import { decideAction } from "@/server/services/actions/decide-action";
import { listActions, listActionsSchema } from "@/server/services/actions/list-actions";
import { alertListSchema } from "@/server/api/routers/alerts.types";
import { listAlerts, listAlertsSchema } from "@/server/services/alerts/list-alerts";
import { listRecommendations, recommendationsQuerySchema } from "@/server/services/inventory/recommendations";
import { apiHandler, pdfFileSchema } from "./api-handler";
import type { EndpointSpec } from "./api-handler";
import { importResultSchema, ingestSalesResultSchema, itemListSchema, itemSchema, salesSummaryOutputSchema, storeListSchema } from "./schemas";
import { explanationSchema } from "@/server/api/routers/explain.types";
import { aggregateForecastOutputSchema, seriesForecastOutputSchema } from "@/server/api/routers/forecasts.types";
import { aggregateForecastQuerySchema, getAggregateForecast } from "@/server/services/forecasting/aggregate-forecast";
import { getSeriesForecast, seriesForecastQuerySchema } from "@/server/services/forecasting/series-forecast";
import { getPriceCurve, getPriceRecommendation, priceQuerySchema } from "@/server/services/pricing/price-curve";
import { markdownPlanSchema, priceCurveSchema, recommendationSchema } from "@/server/api/routers/pricing.types";
import { getMarkdownPlan, markdownQuerySchema } from "@/server/services/pricing/markdown-plan";
import { analyseCandidateStore, expansionInputSchema } from "@/server/services/expansion/analyse-expansion";
import { expansionResultSchema } from "@/server/services/expansion/expansion.types";
import { assistantAnswerSchema } from "@/server/api/routers/assistant.types";
import { meterAssistantMessage } from "@/server/services/assistant/meter";
import { getTenant } from "@/server/services/tenant/get-tenant";
import { savedScenarioSchema } from "@/server/api/routers/scenarios.types";
import { createScenario, getScenario } from "@/server/services/scenarios/saved-scenarios";
import { MAX_SCENARIO_CELLS, scenarioDefinitionSchema } from "@/server/services/scenarios/scenario-definition";

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

const importCsvSpec = {
  operationId: "importCsv",
  method: "POST",
  path: "/import/{source}",
  summary: "Import a CSV file of one source (text/csv body, or multipart/form-data with a `file` field); upserts on natural keys",
  scope: "write",
  params: z.object({ source: z.enum(IMPORT_SOURCES).describe("Which of the eight sources the file holds") }),
  query: importQuerySchema,
  upload: { limitBytes: CSV_BODY_LIMIT_BYTES },
  output: importResultSchema,
} satisfies EndpointSpec;

const getImportSpec = {
  operationId: "getImport",
  method: "GET",
  path: "/imports/{id}",
  summary: "One import's outcome with its rejected rows (line, column, reason)",
  scope: "read",
  params: z.object({ id: z.uuid().describe("importId from the import's answer") }),
  output: importResultSchema,
  notFound: "No import with that id in this tenant",
} satisfies EndpointSpec;

const ingestSalesSpec = {
  operationId: "ingestSales",
  method: "POST",
  path: "/ingest/sales",
  summary: `Add a batch of sale events (at most ${MAX_EVENTS_PER_BATCH}) to the daily sales; event ids already received are ignored`,
  scope: "write",
  body: ingestSalesSchema,
  output: ingestSalesResultSchema,
} satisfies EndpointSpec;

/** A refused file is the caller's error: 400 with the first reasons, the full report one GET away. */
function refusedImport(result: ImportResult): AppError {
  const first = result.rejections
    .slice(0, 3)
    .map((r) => `line ${r.line}${r.column ? `, ${r.column}` : ""}${r.value ? ` "${r.value}"` : ""}: ${r.reason}`)
    .join("; ");
  return new AppError(
    "bad_request:rows",
    `${result.rowsRejected.toLocaleString("en")} of ${result.rowsRead.toLocaleString("en")} rows were rejected, so nothing was imported (mode all_or_nothing; send mode=valid_rows to import the rest). ${first}. Every rejected row: GET /api/v1/imports/${result.importId}`,
  );
}

const listActionsSpec = {
  operationId: "listActions",
  method: "GET",
  path: "/actions",
  summary: "The action center: open actions (reorder, transfer) ranked by expected value in the tenant's currency, with their evidence",
  scope: "read",
  query: listActionsSchema,
  output: actionListSchema,
} satisfies EndpointSpec;

const actionParams = z.object({ id: text({ min: 1, max: 64 }).describe("Action id") });

const acceptActionSpec = {
  operationId: "acceptAction",
  method: "POST",
  path: "/actions/{id}/accept",
  summary: "Accept an open action (audited); a reorder writes a draft purchase order line",
  scope: "write",
  params: actionParams,
  output: actionDecisionSchema,
  notFound: "No action with that id in this tenant",
} satisfies EndpointSpec;

const dismissActionSpec = {
  operationId: "dismissAction",
  method: "POST",
  path: "/actions/{id}/dismiss",
  summary: "Dismiss an open action (audited); it is not offered again on the same forecast and stock count",
  scope: "write",
  params: actionParams,
  output: actionDecisionSchema,
  notFound: "No action with that id in this tenant",
} satisfies EndpointSpec;

const listAlertsSpec = {
  operationId: "listAlerts",
  method: "GET",
  path: "/alerts",
  summary: "Anomalies found in incoming sales (spikes, drops, stock discrepancies, price errors), newest first, with item, store, day, severity and a reason in words; filter by status, severity, kind, store, item; cursor paging",
  scope: "read",
  query: listAlertsSchema,
  output: alertListSchema,
} satisfies EndpointSpec;

const recommendationsSpec = {
  operationId: "listInventoryRecommendations",
  method: "GET",
  path: "/inventory/recommendations",
  summary: "Replenishment recommendations per item × store: stock, days of cover, stockout risk, policy levels, order quantity and date, money at risk",
  scope: "read",
  query: recommendationsQuerySchema,
  output: recommendationsOutputSchema,
  notFound: "`store` or `item` names no store or item of this tenant",
} satisfies EndpointSpec;

const seriesForecastSpec = {
  operationId: "getSeriesForecast",
  method: "GET",
  path: "/forecasts",
  summary: "One item at one store: recent sales and the production forecast per day (`point` is the mean, P10–P90 the 80% band, P50 the median; `point.source` says when P50 stands in for a version without a mean)",
  scope: "read",
  query: seriesForecastQuerySchema,
  output: seriesForecastOutputSchema,
  notFound: "No such store or item in this tenant",
} satisfies EndpointSpec;

const aggregateForecastSpec = {
  operationId: "getAggregateForecast",
  method: "GET",
  path: "/forecasts/aggregate",
  summary: "A store's, a category's or the whole tenant's forecast total per day: the sum of the item means and the total's own P10–P90 band",
  scope: "read",
  query: aggregateForecastQuerySchema,
  output: aggregateForecastOutputSchema,
  notFound: "`store` or `category` names no store or category of this tenant",
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

const forecastReportSpec = {
  operationId: "getForecastReport",
  method: "GET",
  path: "/reports/forecast",
  summary: "Forecast explanation report for an item or a category, at a store or summed across stores (branded PDF, recorded and metered); needs a write key (reports are generated by analysts and above)",
  scope: "write",
  query: forecastReportSchema,
  output: pdfFileSchema,
  produces: "application/pdf",
  notFound: "No such store or item in this tenant, or no production forecast for it (or for any item of the category)",
} satisfies EndpointSpec;

const executiveReportSpec = {
  operationId: "getExecutiveSummary",
  method: "GET",
  path: "/reports/executive",
  summary: "Executive summary for a period (branded PDF, recorded and metered); needs a write key",
  scope: "write",
  query: executiveSummarySchema,
  output: pdfFileSchema,
  produces: "application/pdf",
} satisfies EndpointSpec;

const priceRecommendationSpec = {
  operationId: "getPriceRecommendation",
  method: "GET",
  path: "/pricing/recommendation",
  summary: "Profit-optimal price for an item at a store within guardrails: elasticity, current and recommended price, expected profit and its P10–P90 at both",
  scope: "read",
  query: priceQuerySchema,
  output: recommendationSchema,
  notFound: "No such store or item in this tenant, no production model, or the item has no forecast at that store",
} satisfies EndpointSpec;

const priceCurveSpec = {
  operationId: "getPriceCurve",
  method: "GET",
  path: "/pricing/curve",
  summary: "The production model's P10/P50/P90 demand, revenue and profit at 21 prices from −30% to +30% of the planned price, extrapolation flagged",
  scope: "read",
  query: priceQuerySchema,
  output: priceCurveSchema,
  notFound: "No such store or item in this tenant, no production model, or the item has no forecast at that store",
} satisfies EndpointSpec;

const markdownPlanSpec = {
  operationId: "getMarkdownPlan",
  method: "GET",
  path: "/pricing/markdown",
  summary: "Margin-maximising markdown ladder for an item at a store until a sell-by date (the tenant's discount ladder, minimum weeks per step and salvage rate), with the fixed −30%/−50% schedule's expected units, revenue, margin and leftover beside it",
  scope: "read",
  query: markdownQuerySchema,
  output: markdownPlanSchema,
  notFound: "No such store or item in this tenant, no production model, or the item has no forecast at that store",
} satisfies EndpointSpec;

const expansionSpec = {
  operationId: "analyseExpansion",
  method: "POST",
  path: "/expansion/analyse",
  summary: "Projected first-year sales by category for a candidate store (size, region, format, city) from the most similar existing stores' last 52 weeks, size-scaled: the analogs with their weights, an interval from their spread, and a caveat when analogs are few or unlike",
  scope: "read",
  body: expansionInputSchema,
  output: expansionResultSchema,
} satisfies EndpointSpec;

const assistantSpec = {
  operationId: "askAssistant",
  method: "POST",
  path: "/assistant",
  summary: "Ask the assistant a question: the same agent, provider and tools as the chat, in the key's tenant. Read keys act as a viewer, write keys as an analyst; actions needing approval are proposed, never run",
  scope: "read",
  body: z.strictObject({ question: z.string().trim().min(1, "question is required").max(2000).describe("The question, in plain language") }),
  output: assistantAnswerSchema,
} satisfies EndpointSpec;

const createScenarioSpec = {
  operationId: "createScenario",
  method: "POST",
  path: "/scenarios",
  summary: `Evaluate a what-if (price, discount or promotion change for items or a category × stores over dates within the forecast horizon) against the production model and save it under its name: projected units, revenue, margin and stock-outs vs the baseline forecast, with intervals. At most ${MAX_SCENARIO_CELLS.toLocaleString("en")} item × store × days (413 \`payload_too_large:scenario_size\`); dates outside the horizon are 400 \`bad_request:scenario_dates\`; a taken name is 409`,
  scope: "write",
  body: scenarioDefinitionSchema,
  output: savedScenarioSchema,
  notFound: "An item, category or store of the definition is not one of this tenant's, or there is no production model",
  successStatus: 201,
} satisfies EndpointSpec;

const getScenarioSpec = {
  operationId: "getScenario",
  method: "GET",
  path: "/scenarios/{id}",
  summary: "A saved what-if scenario with its last result, the model version it was computed against and whether the production model has changed since (`stale`)",
  scope: "read",
  params: z.object({ id: text({ min: 1, max: 64 }).describe("Scenario id") }),
  output: savedScenarioSchema,
  notFound: "No scenario with that id in this tenant",
} satisfies EndpointSpec;

/** Every `/api/v1` endpoint, in the order the OpenAPI document lists them. */
export const ENDPOINTS: readonly EndpointSpec[] = [listStoresSpec, listItemsSpec, salesSummarySpec, updateItemSpec, importCsvSpec, getImportSpec, ingestSalesSpec, recommendationsSpec, listActionsSpec, acceptActionSpec, dismissActionSpec, listAlertsSpec, seriesForecastSpec, aggregateForecastSpec, explainSpec, priceRecommendationSpec, priceCurveSpec, markdownPlanSpec, expansionSpec, createScenarioSpec, getScenarioSpec, forecastReportSpec, executiveReportSpec, assistantSpec];

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
    seriesForecast: apiHandler({ ...seriesForecastSpec, ...sources }, ({ withTenant, query: { store, item, historyDays } }) => withTenant((tx) => getSeriesForecast(tx, { storeId: store, itemId: item, historyDays }))),
    aggregateForecast: apiHandler({ ...aggregateForecastSpec, ...sources }, ({ withTenant, query: { store, category } }) => withTenant((tx) => getAggregateForecast(tx, { storeId: store, category }))),
    explain: apiHandler({ ...explainSpec, ...sources }, ({ withTenant, principal, query: { store, item, ...rest } }) =>
      withTenant((tx) => explainForecast(tx, principal.tenantId, { storeId: store, itemId: item, ...rest })),),
    priceRecommendation: apiHandler({ ...priceRecommendationSpec, ...sources }, ({ withTenant, query }) => withTenant((tx) => getPriceRecommendation(tx, query))),
    priceCurve: apiHandler({ ...priceCurveSpec, ...sources }, ({ withTenant, query }) => withTenant((tx) => getPriceCurve(tx, query))),
    markdownPlan: apiHandler({ ...markdownPlanSpec, ...sources }, ({ withTenant, query }) => withTenant((tx) => getMarkdownPlan(tx, query))),
    analyseExpansion: apiHandler({ ...expansionSpec, ...sources }, ({ withTenant, body }) => withTenant((tx) => analyseCandidateStore(tx, body))),
    createScenario: apiHandler({ ...createScenarioSpec, ...sources }, ({ withTenant, actor, body }) => withTenant((tx) => createScenario(tx, actor, body))),
    getScenario: apiHandler({ ...getScenarioSpec, ...sources }, ({ withTenant, params }) => withTenant((tx) => getScenario(tx, params.id))),
    assistant: apiHandler({ ...assistantSpec, ...sources }, async ({ database, principal, body, withTenant }) => {
      const tenant = await withTenant(async (tx) => {
        await meterAssistantMessage(tx, principal.tenantId, `api:${randomUUID()}`);
        return getTenant(tx, principal.tenantId);
      });
      const role = principal.scope === "write" ? "analyst" : "viewer";
      return askAssistant({ database, tenantId: principal.tenantId, tenantSlug: tenant.slug, apiKeyId: principal.apiKeyId, role }, body.question);
    }),
    forecastReport: apiHandler({ ...forecastReportSpec, ...sources }, ({ database, actor, query }) => generateReport(database, actor, { kind: "forecast", params: query })),
    executiveReport: apiHandler({ ...executiveReportSpec, ...sources }, ({ database, actor, query }) => generateReport(database, actor, { kind: "executive", params: query })),
    updateItem: apiHandler({ ...updateItemSpec, ...sources }, ({ withTenant, actor, params, body }) => withTenant((tx) => updateItem(tx, actor, params.id, body))),
    importCsv: apiHandler({ ...importCsvSpec, ...sources }, async ({ database, actor, params, query, upload }) => {
      const result = await importCsv(database, actor, { ...query, source: params.source, fileName: query.fileName ?? upload.fileName }, upload.stream);
      if (result.status === "rejected") throw refusedImport(result);
      return result;
    }),
    getImport: apiHandler({ ...getImportSpec, ...sources }, ({ withTenant, params }) => withTenant((tx) => getImport(tx, params))),
    ingestSales: apiHandler({ ...ingestSalesSpec, ...sources }, ({ withTenant, actor, body }) => withTenant((tx) => ingestSales(tx, actor, body))),
    listAlerts: apiHandler({ ...listAlertsSpec, ...sources }, ({ withTenant, query }) => withTenant((tx) => listAlerts(tx, query))),
    listRecommendations: apiHandler({ ...recommendationsSpec, ...sources }, ({ withTenant, query }) => withTenant((tx) => listRecommendations(tx, query))),
    listActions: apiHandler({ ...listActionsSpec, ...sources }, ({ withTenant, principal, query }) => withTenant((tx) => listActions(tx, principal.tenantId, query))),
    acceptAction: apiHandler({ ...acceptActionSpec, ...sources }, ({ withTenant, actor, params }) => withTenant((tx) => decideAction(tx, actor, params.id, { decision: "accept" }))),
    dismissAction: apiHandler({ ...dismissActionSpec, ...sources }, ({ withTenant, actor, params }) => withTenant((tx) => decideAction(tx, actor, params.id, { decision: "dismiss" }))),
  };
}
