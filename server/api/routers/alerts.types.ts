import { z } from "zod";
import { ALERT_KINDS, ALERT_STATUSES } from "@/drizzle/schema";
import { SEVERITIES } from "@/models/anomaly";

/** Output shapes of alerts (tRPC, REST and the SSE stream share them). */

/** A timestamp as ISO 8601 text, which both JSON transports and the OpenAPI document can carry. */
const timestamp = z.preprocess((v) => (v instanceof Date ? v.toISOString() : v), z.iso.datetime());

export const alertSchema = z.object({
  id: z.uuid(),
  kind: z.enum(ALERT_KINDS).describe("spike, drop, stock_discrepancy, price_error, or model (an event of the tenant's models)"),
  severity: z.enum(SEVERITIES),
  status: z.enum(ALERT_STATUSES),
  date: z.iso.date().describe("The sales day the alert is about"),
  storeId: z.string().nullable(),
  storeName: z.string().nullable(),
  itemId: z.string().nullable(),
  itemName: z.string().nullable(),
  reason: z.string().describe("What is unusual, in words, with the numbers"),
  value: z.number().nullable().describe("Money at stake in the tenant's currency, where it can be estimated"),
  evidence: z.record(z.string(), z.unknown()).describe("The numbers behind the alert: units, forecast band, typical day, z-score, stock, prices"),
  createdAt: timestamp.describe("When the alert was first raised"),
  updatedAt: timestamp.describe("When its numbers or status last changed"),
});

export const alertListSchema = z.object({
  total: z.number().int().describe("Alerts matching the filters, across all pages"),
  open: z.number().int().describe("Of those, the open ones"),
  alerts: z.array(alertSchema),
  nextCursor: z.string().nullable().describe("Pass as cursor for the next page; null on the last page"),
});

export const alertRulesOutputSchema = z.object({
  zThreshold: z.number(),
  bandMargin: z.number(),
  priceRatio: z.number(),
  historyDays: z.number().int(),
  mutedItems: z.array(z.string()),
});
