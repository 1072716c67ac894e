import { z } from "zod";
import { POLICY_KINDS, SERVICE_MEASURES, UNMET_DEMAND } from "@/drizzle/schema";

/** Output shapes of the inventory procedures (and the REST recommendations endpoint). */

const isoDate = z.iso.date();

export const recommendationSchema = z.object({
  storeId: z.string(),
  storeName: z.string(),
  itemId: z.string(),
  itemName: z.string(),
  category: z.string(),
  onHand: z.number().int().describe("Units on the shelf now: the latest count less what sold since"),
  onOrder: z.number().int().describe("Units ordered and not yet arrived, including accepted draft orders"),
  countedOn: isoDate.describe("Date of the stock count the position rests on"),
  leadTimeDays: z.number().int(),
  reviewPeriodDays: z.number().int(),
  policy: z.enum(POLICY_KINDS),
  serviceMeasure: z.enum(SERVICE_MEASURES),
  serviceLevel: z.number().describe("Target, 0–1"),
  unmetDemand: z.enum(UNMET_DEMAND),
  dailyDemand: z.number().describe("Mean shelf demand per day over the forecast"),
  protectionDays: z.number().int().describe("Lead time plus review period"),
  protectionMean: z.number(),
  protectionP10: z.number().describe("P10 of demand over the protection period"),
  protectionP90: z.number().describe("P90 of demand over the protection period"),
  daysOfCover: z.number().nullable().describe("On hand over mean daily demand; null without demand"),
  stockoutProbability: z.number().describe("Chance of running out before an order placed today arrives"),
  orderUpTo: z.number().int().describe("(R, S) order-up-to level"),
  reorderPoint: z.number().int().describe("(s, Q) reorder point"),
  economicOrderQuantity: z.number().int().describe("(s, Q) order quantity: EOQ in whole packs"),
  safetyStock: z.number(),
  orderQuantity: z.number().int().describe("Units to order now under the tenant's policy"),
  orderDate: isoDate.nullable().describe("When the next order is due; null if not within the forecast"),
  unitCost: z.number(),
  unitPrice: z.number(),
  lostUnits28d: z.number().describe("Expected units lost to stockouts over the next 28 days at current stock and open orders"),
  revenueAtRisk28d: z.number(),
  marginAtRisk28d: z.number(),
  stockoutDaysPast28d: z.number().int().describe("Recorded stockout days in the last 28 days with sales"),
  lostUnitsIncurred28d: z.number().describe("Units already lost on those days: expected demand (the model's forecast of the day, else recent unstocked-out sales) less what sold"),
  lostRevenueIncurred28d: z.number(),
  lostMarginIncurred28d: z.number(),
  overridden: z.boolean().describe("Whether an analyst's forecast override applies"),
});

export const recommendationsOutputSchema = z.object({
  asOf: isoDate.nullable().describe("The day the decisions are for (the first forecast day); null before a model is in production"),
  model: z.object({ id: z.uuid(), version: z.number().int() }).nullable(),
  totals: z
    .object({
      lines: z.number().int(),
      ordersDue: z.number().int(),
      lostUnits28d: z.number(),
      revenueAtRisk28d: z.number(),
      marginAtRisk28d: z.number(),
      stockoutDaysPast28d: z.number().int(),
      lostUnitsIncurred28d: z.number(),
      lostRevenueIncurred28d: z.number(),
      lostMarginIncurred28d: z.number(),
    })
    .nullable()
    .describe("Over every line matching the filters, not only the page returned"),
  lostSalesWindow: z.object({ from: isoDate.nullable(), to: isoDate.nullable() }).nullable().describe("The past days the lost-sales-incurred figures cover"),
  total: z.number().int(),
  recommendations: z.array(recommendationSchema),
});

export const stockProjectionOutputSchema = z.object({
  asOf: isoDate.nullable(),
  recommendation: recommendationSchema.nullable(),
  days: z.array(z.object({ date: isoDate, demandP10: z.number(), demandP50: z.number(), demandP90: z.number(), expectedOnHand: z.number(), reorderPoint: z.number() })),
});

export const forecastOverrideSchema = z.object({
  id: z.uuid(),
  storeId: z.string().nullable(),
  itemId: z.string().nullable(),
  category: z.string().nullable(),
  fromDate: isoDate,
  toDate: isoDate,
  mode: z.enum(["scale", "units"]),
  value: z.number(),
  reason: z.string(),
  createdBy: z.string().nullable(),
  createdAt: z.date(),
});

const valueAddedSchema = z.object({
  overrides: z.number().int().describe("Overrides with at least one scored day"),
  points: z.number().int().describe("Item × store days scored: covered by an override, sold since, not stocked out"),
  actual: z.number().describe("Units sold on those days"),
  maeModel: z.number().describe("Mean absolute error of the model's point forecast (its mean)"),
  maeOverride: z.number().describe("Mean absolute error of the overridden point forecast"),
  wapeModel: z.number().nullable().describe("Σ|error| / Σ actual of the model; null when nothing sold"),
  wapeOverride: z.number().nullable(),
  valueAdded: z.number().nullable().describe("1 − MAE(override) / MAE(model): above 0, overriding helped; null when the model made no error"),
});

export const forecastValueAddedSchema = z.object({
  overall: valueAddedSchema,
  byUser: z.array(valueAddedSchema.extend({ key: z.string().describe("User name") })),
  byCategory: z.array(valueAddedSchema.extend({ key: z.string().describe("Category") })),
  pending: z.number().int().describe("Overrides none of whose days has sold yet"),
});

export const inventorySettingsOutputSchema = z.object({
  settings: z.object({
    serviceLevel: z.number(),
    serviceMeasure: z.enum(SERVICE_MEASURES),
    unmetDemand: z.enum(UNMET_DEMAND),
    policy: z.enum(POLICY_KINDS),
    reviewPeriodDays: z.number().int(),
    transferCostPerUnit: z.number(),
    transferFixedCost: z.number(),
    expediteLeadTimeDays: z.number().int(),
    expediteCostPerUnit: z.number(),
    calibration: z.object({ correlation: z.number(), varianceScale: z.number(), meanScale: z.number(), seriesCorrelation: z.number().optional() }).describe("Fitted lead-time demand calibration (read only)"),
    categoryLevels: z.array(z.object({ category: z.string(), serviceLevel: z.number() })),
  }),
  categories: z.array(z.string()).describe("Categories the tenant's items have"),
});
