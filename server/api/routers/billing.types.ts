import { z } from "zod";
import { BILLING_STATUSES } from "@/drizzle/schema";
import type { BillingSummary } from "@/server/services/billing/billing-summary";
import { COUNTED_LIMITS, MONTHLY_METRICS, PLAN_IDS } from "@/server/services/billing/plans";

/** Output shapes of the billing procedures. */

const limitsSchema = z.object({
  seats: z.number(),
  stores: z.number(),
  items: z.number(),
  forecast_series: z.number(),
  assistant_messages: z.number(),
  assistant_tokens: z.number(),
  reports: z.number(),
  retrains: z.number(),
  api_requests_per_minute: z.number(),
});

export const billingSummarySchema = z.object({
  plan: z.enum(PLAN_IDS),
  billingStatus: z.enum(BILLING_STATUSES),
  graceUntil: z.date().nullable(),
  readOnly: z.boolean(),
  mode: z.enum(["stripe", "local"]).describe("stripe: Checkout and the Portal; local: owners change plans directly"),
  hasStripeCustomer: z.boolean(),
  period: z.string().describe("first day of the month counted, YYYY-MM-DD"),
  periodEnds: z.date(),
  monthly: z.array(z.object({ metric: z.enum(MONTHLY_METRICS), used: z.number(), limit: z.number().nullable() })),
  counted: z.array(z.object({ limit: z.enum(COUNTED_LIMITS), used: z.number().nullable(), max: z.number() })),
  apiRequestsPerMinute: z.number(),
  daily: z.array(z.object({ day: z.string(), metric: z.enum(MONTHLY_METRICS), total: z.number() })),
  invoiceEstimateCents: z.number(),
  plans: z.array(
    z.object({ id: z.enum(PLAN_IDS), name: z.string(), monthlyPriceCents: z.number(), stripeLookupKey: z.string().nullable(), limits: limitsSchema }),
  ),
}) satisfies z.ZodType<BillingSummary>;

export const planChangeSchema = z.object({ plan: z.enum(PLAN_IDS), previous: z.enum(PLAN_IDS) });
export const redirectSchema = z.object({ url: z.url() });
