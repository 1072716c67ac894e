import "server-only";
import { count, eq } from "drizzle-orm";
import { items, stores } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { currentTenantId } from "@/server/db/tenant-context";
import { getBillingState, isReadOnly } from "./billing-state";
import { COUNTED_LIMITS, MONTHLY_METRICS, PLANS, PLAN_IDS, monthlyLimit } from "./plans";
import type { CountedLimit } from "./plans";
import { countSeats } from "./quota";
import { dailyUsage, nextPeriodStart, usageForPeriod, usagePeriod } from "./usage";

/** Counted resources the summary can count cheaply; forecast series are checked where data is imported. */
async function countResources(tx: Tx): Promise<Partial<Record<CountedLimit, number>>> {
  const [storeCount] = await tx.select({ n: count() }).from(stores).where(eq(stores.tenantId, currentTenantId));
  const [itemCount] = await tx.select({ n: count() }).from(items).where(eq(items.tenantId, currentTenantId));
  return { seats: await countSeats(tx), stores: storeCount?.n ?? 0, items: itemCount?.n ?? 0 };
}

/**
 * What the Billing page shows: the plan and its state, this month's use against every limit,
 * usage per day, and the invoice estimate (the plan's price; no plan charges for usage beyond it,
 * since quotas stop at the limit instead of billing overage).
 */
export async function billingSummary(tx: Tx, tenantId: string, options: { stripeConfigured: boolean; now?: Date }) {
  const now = options.now ?? new Date();
  const state = await getBillingState(tx, tenantId);
  const period = usagePeriod(now);
  const used = await usageForPeriod(tx, period);
  const counted = await countResources(tx);
  const plan = PLANS[state.plan];
  return {
    plan: state.plan,
    billingStatus: state.billingStatus,
    graceUntil: state.graceUntil,
    readOnly: isReadOnly(state, now),
    mode: options.stripeConfigured ? ("stripe" as const) : ("local" as const),
    hasStripeCustomer: state.stripeCustomerId !== null,
    period,
    periodEnds: nextPeriodStart(period),
    monthly: MONTHLY_METRICS.map((metric) => ({ metric, used: used[metric], limit: monthlyLimit(state.plan, metric) })),
    counted: COUNTED_LIMITS.map((limit) => ({ limit, used: counted[limit] ?? null, max: plan.limits[limit] })),
    apiRequestsPerMinute: plan.limits.api_requests_per_minute,
    daily: await dailyUsage(tx, period),
    invoiceEstimateCents: plan.monthlyPriceCents,
    plans: PLAN_IDS.map((id) => PLANS[id]),
  };
}
export type BillingSummary = Awaited<ReturnType<typeof billingSummary>>;
