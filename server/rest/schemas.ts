import { z } from "zod";
import { IMPORT_MODES, IMPORT_SOURCES, IMPORT_STATUSES } from "@/drizzle/schema";
import type { Item, Store } from "@/drizzle/schema";
import type { ImportResult } from "@/server/services/ingest/import-csv";
import type { IngestSalesResult } from "@/server/services/ingest/ingest-sales";
import { actionDecisionSchema, actionListSchema } from "@/server/api/routers/actions.types";
import { alertListSchema } from "@/server/api/routers/alerts.types";
import { recommendationsOutputSchema } from "@/server/api/routers/inventory.types";
import { explanationSchema } from "@/server/api/routers/explain.types";
import { aggregateForecastOutputSchema, seriesForecastOutputSchema } from "@/server/api/routers/forecasts.types";
import { markdownPlanSchema, priceCurveSchema, recommendationSchema } from "@/server/api/routers/pricing.types";
import { expansionResultSchema } from "@/server/services/expansion/expansion.types";
import { assistantAnswerSchema } from "@/server/api/routers/assistant.types";
import { savedScenarioSchema, scenarioResultSchema } from "@/server/api/routers/scenarios.types";

/**
 * Response shapes of the REST API. Handlers parse their output through these, and the OpenAPI
 * document is generated from them, so what is documented is exactly what is sent. The tRPC
 * procedures that return the same data use the same schemas as their `.output()`.
 * drizzle-orm 0.45 has no `drizzle-orm/zod`; the `satisfies` checks below make a column added to
 * the table a type error here until the schema lists it too.
 */

const isoDate = z.iso.date();
const extraColumns = z.record(z.string(), z.string()).describe("Columns of the imported file that the schema does not know, kept as text");

export const storeSchema = z.object({
  id: z.string(),
  name: z.string(),
  region: z.string().nullable(),
  city: z.string().nullable(),
  format: z.string().nullable(),
  sizeSqm: z.number().int().nullable(),
  openedOn: isoDate.nullable(),
  extra: extraColumns,
}) satisfies z.ZodType<Omit<Store, "tenantId">>;

export const itemSchema = z.object({
  id: z.string(),
  name: z.string(),
  category: z.string(),
  subcategory: z.string().nullable(),
  brand: z.string().nullable(),
  unitCost: z.number(),
  basePrice: z.number(),
  launchedOn: isoDate.nullable(),
  discontinuedOn: isoDate.nullable(),
  extra: extraColumns,
}) satisfies z.ZodType<Omit<Item, "tenantId">>;

export const storeListSchema = z.array(storeSchema);

export const itemListSchema = z.object({
  items: z.array(itemSchema),
  total: z.number().int().describe("Items matching the filters, across all pages"),
});

const kpisSchema = z.object({
  revenue: z.number().describe("What customers paid: units × price × (1 − discount)"),
  units: z.number(),
  averagePrice: z.number().nullable(),
  grossMargin: z.number().describe("Revenue less units × unit cost"),
  grossMarginPct: z.number().nullable(),
});

const previousRevenue = z.number().nullable().describe("Revenue in the preceding period of equal length; null when the data does not reach back that far");
const moverSchema = z.object({ key: z.string(), label: z.string(), revenue: z.number(), previousRevenue: z.number(), change: z.number(), changePct: z.number().nullable() });

export const salesSummaryOutputSchema = z.object({
  period: z
    .object({ from: isoDate, to: isoDate, granularity: z.enum(["day", "week", "month"]), days: z.number().int() })
    .nullable()
    .describe("The period summarised; null when the tenant has no sales"),
  dataRange: z.object({ first: isoDate, last: isoDate }).nullable().describe("First and last day with sales"),
  kpis: kpisSchema.nullable(),
  previousKpis: kpisSchema.nullable().describe("The same figures for the preceding period of equal length, when the data covers it"),
  series: z.array(z.object({ period: isoDate.describe("First day of the bucket"), revenue: z.number(), units: z.number(), grossMargin: z.number() })),
  item: z.object({ itemId: z.string(), itemName: z.string(), category: z.string() }).nullable().describe("The item drilled into, if any"),
  byStore: z.array(z.object({ storeId: z.string(), storeName: z.string(), revenue: z.number(), units: z.number(), grossMargin: z.number(), previousRevenue: previousRevenue })),
  byCategory: z.array(
    z.object({ category: z.string(), revenue: z.number(), units: z.number(), grossMargin: z.number(), grossMarginPct: z.number().nullable(), previousRevenue: previousRevenue }),
  ),
  byItem: z
    .array(z.object({ itemId: z.string(), itemName: z.string(), revenue: z.number(), units: z.number(), grossMargin: z.number(), previousRevenue: previousRevenue }))
    .describe("The items of the category in the store, when both storeId and a category (or itemId) are given; empty otherwise"),
  movers: z
    .object({ level: z.string().describe("What moved: store × category, category, store or item"), up: z.array(moverSchema), down: z.array(moverSchema) })
    .nullable()
    .describe("Largest revenue rises and falls against the previous period among the children of the drill level; null without a previous period or at an item"),
});

export const errorSchema = z.object({
  error: z.object({
    code: z.string().describe("Stable machine-readable code, e.g. `not_found:item` or `bad_request:validation`"),
    message: z.string().describe("What was wrong, for people"),
  }),
});
export type ErrorBody = z.infer<typeof errorSchema>;

/** `components.schemas` of the OpenAPI document; every endpoint's output must be one of these. */
export const importRejectionSchema = z.object({
  line: z.number().int().describe("Line of the file (the header is line 1)"),
  column: z.string().nullable().describe("Field the reason is about; null for the whole row"),
  value: z.string().nullable().describe("The cell as sent (cut at 200 characters)"),
  reason: z.string(),
});

export const importResultSchema = z
  .object({
    importId: z.uuid(),
    source: z.enum(IMPORT_SOURCES),
    mode: z.enum(IMPORT_MODES),
    status: z.enum(IMPORT_STATUSES).describe("imported; validated (mode validate: nothing stored); rejected (rows refused, nothing stored); failed"),
    rowsRead: z.number().int(),
    rowsRejected: z.number().int(),
    rowsInserted: z.number().int().describe("New rows (for validate: rows that would be new)"),
    rowsUpdated: z.number().int(),
    rowsUnchanged: z.number().int(),
    rejections: z.array(importRejectionSchema).describe("The first 10,000 rejections, in file order"),
    format: z
      .object({
        delimiter: z.string(),
        encoding: z.string(),
        bom: z.boolean(),
        dateFormat: z.string().nullable(),
        mapping: z.record(z.string(), z.string()),
        extraColumns: z.array(z.string()),
      })
      .nullable(),
    error: z.string().nullable(),
    bytes: z.number().int(),
    durationMs: z.number().int(),
    rowsPerSecond: z.number().int(),
  })
  .describe("The outcome of one CSV import") satisfies z.ZodType<ImportResult>;

export const ingestSalesResultSchema = z.object({
  received: z.number().int(),
  accepted: z.number().int().describe("Events not seen before, now added to the daily sales"),
  duplicates: z.number().int().describe("Events whose id was already received (ignored)"),
  salesDays: z.number().int().describe("Store × item × day rows created or updated"),
  alertsRaised: z.number().int().describe("Alerts the batch raised or made worse (spikes, drops, stock discrepancies, price errors); GET /api/v1/alerts lists them"),
}) satisfies z.ZodType<IngestSalesResult>;

export const NAMED_SCHEMAS = {
  ImportResult: importResultSchema,
  IngestSalesResult: ingestSalesResultSchema,
  Store: storeSchema,
  StoreList: storeListSchema,
  Item: itemSchema,
  ItemList: itemListSchema,
  SalesSummary: salesSummaryOutputSchema,
  InventoryRecommendations: recommendationsOutputSchema,
  ActionList: actionListSchema,
  ActionDecision: actionDecisionSchema,
  AlertList: alertListSchema,
  SeriesForecast: seriesForecastOutputSchema,
  AggregateForecast: aggregateForecastOutputSchema,
  Explanation: explanationSchema,
  PriceRecommendation: recommendationSchema,
  PriceCurve: priceCurveSchema,
  MarkdownPlan: markdownPlanSchema,
  ExpansionAnalysis: expansionResultSchema,
  Scenario: savedScenarioSchema,
  ScenarioResult: scenarioResultSchema,
  AssistantAnswer: assistantAnswerSchema,
  Error: errorSchema,
} as const;
