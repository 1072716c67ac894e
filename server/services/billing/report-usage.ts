import "server-only";
import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type Stripe from "stripe";
import { usageRecords } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { currentTenantId, withTenant } from "@/server/db/tenant-context";
import { getBillingState } from "./billing-state";

/** Stripe meter event names: `foresight_<metric>` (create meters with these names to bill on them). */
export const meterEventName = (metric: string) => `foresight_${metric}`;

/**
 * Sends a tenant's unreported usage to Stripe as meter events, oldest first, at most `limit` per
 * call, then marks them reported. Each event's identifier is its usage row's key, so a row sent
 * again after a crash between sending and marking is counted once by Stripe. The Stripe calls
 * happen outside any transaction. Tenants without a Stripe customer have nothing to report.
 */
export async function reportUsageToStripe(database: Database, stripe: Stripe, tenantId: string, options: { limit?: number } = {}): Promise<{ reported: number }> {
  const { customer, rows } = await withTenant(database, tenantId, async (tx) => {
    const { stripeCustomerId } = await getBillingState(tx, tenantId);
    if (!stripeCustomerId) return { customer: null, rows: [] };
    const pending = await tx
      .select({ metric: usageRecords.metric, unitKey: usageRecords.unitKey, quantity: usageRecords.quantity, recordedAt: usageRecords.recordedAt })
      .from(usageRecords)
      .where(and(eq(usageRecords.tenantId, currentTenantId), isNull(usageRecords.reportedAt)))
      .orderBy(asc(usageRecords.recordedAt))
      .limit(options.limit ?? 500);
    return { customer: stripeCustomerId, rows: pending };
  });
  if (!customer) return { reported: 0 };
  const sent: typeof rows = [];
  for (const row of rows) {
    await stripe.billing.meterEvents.create({
      event_name: meterEventName(row.metric),
      identifier: `${tenantId}:${row.metric}:${row.unitKey}`,
      timestamp: Math.floor(row.recordedAt.getTime() / 1000),
      payload: { stripe_customer_id: customer, value: String(row.quantity) },
    });
    sent.push(row);
  }
  await withTenant(database, tenantId, async (tx) => {
    for (const metric of new Set(sent.map((r) => r.metric))) {
      const keys = sent.filter((r) => r.metric === metric).map((r) => r.unitKey);
      await tx.update(usageRecords).set({ reportedAt: new Date() }).where(and(eq(usageRecords.tenantId, currentTenantId), eq(usageRecords.metric, metric), inArray(usageRecords.unitKey, keys)));
    }
  });
  return { reported: sent.length };
}
