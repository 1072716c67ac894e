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
  overridden: z.boolean().describe("Whether an analyst's forecast override applies"),
});

export const recommendationsOutputSchema = z.object({
  asOf: isoDate.nullable().describe("The day the decisions are for (the first forecast day); null before a model is in production"),
  model: z.object({ id: z.uuid(), version: z.number().int() }).nullable(),
  totals: z
    .object({ lines: z.number().int(), ordersDue: z.number().int(), lostUnits28d: z.number(), revenueAtRisk28d: z.number(), marginAtRisk28d: z.number() })
    .nullable()
    .describe("Over every line matching the filters, not only the page returned"),
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

export const forecastValueAddedSchema = z.array(
  z.object({ user: z.string(), category: z.string(), points: z.number().int(), maeModel: z.number(), maeOverride: z.number(), valueAdded: z.number().describe("1 − MAE(override) / MAE(model): above 0, overriding helped") }),
);
