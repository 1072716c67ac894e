import "server-only";
import { and, count, eq, gt, isNull, sql } from "drizzle-orm";
import { invitations, memberships } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { currentTenantId } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import { getBillingState } from "./billing-state";
import { LIMIT_LABELS, PLANS, monthlyLimit, nextPlan } from "./plans";
import type { CountedLimit, MonthlyMetric, PlanId, PlanLimits } from "./plans";
import { isRecorded, nextPeriodStart, recordUsage, usageForPeriod, usagePeriod, usageUnitSchema } from "./usage";
import type { UsageUnit } from "./usage";

const formatCount = (n: number) => n.toLocaleString("en-US");

function howToRaise(plan: PlanId, limit: keyof PlanLimits): string {
  const next = nextPlan(plan);
  if (!next) return "Contact us to raise it.";
  return `An owner can upgrade to ${next.name} (${formatCount(next.limits[limit])}) on the Billing page.`;
}

/**
 * Checks a unit of work against the current tenant's monthly quota and records it, in the
 * caller's transaction: if the work then fails, the use is rolled back with it. A unit already
 * recorded passes without counting again. Over the limit: a 402 naming the limit, what is used
 * and how to raise it; nothing is recorded.
 */
export async function consumeQuota(tx: Tx, tenantId: string, unit: UsageUnit, now = new Date()): Promise<void> {
  const { metric, unitKey, quantity } = usageUnitSchema.parse(unit);
  const { plan } = await getBillingState(tx, tenantId);
  if (monthlyLimit(plan, metric) !== null) {
    // One checker at a time per tenant and metric, so two concurrent requests cannot both take the last unit.
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`quota:${tenantId}:${metric}`}))`);
    if (await isRecorded(tx, metric, unitKey)) return;
    await assertQuotaLeft(tx, tenantId, metric, quantity, now);
  }
  await recordUsage(tx, tenantId, { ...unit, at: now });
}

/**
 * Refuses, with the same 402 as `consumeQuota`, work the month's quota has no room for: for work
 * that costs seconds before its unit can be recorded (a PDF is drawn before it is stored).
 */
export async function assertQuotaLeft(tx: Tx, tenantId: string, metric: MonthlyMetric, quantity = 1, now = new Date()): Promise<void> {
  const { plan } = await getBillingState(tx, tenantId);
  const limit = monthlyLimit(plan, metric);
  if (limit === null) return;
  const period = usagePeriod(now);
  const used = (await usageForPeriod(tx, period))[metric];
  if (used + quantity <= limit) return;
  const resets = nextPeriodStart(period).toISOString().slice(0, 10);
  throw new AppError(
    `payment_required:quota.${metric}`,
    `The ${PLANS[plan].name} plan allows ${formatCount(limit)} ${LIMIT_LABELS[metric]}; this workspace has used ${formatCount(used)} this month. ` +
      `${howToRaise(plan, metric as keyof PlanLimits)} The count starts again on ${resets}.`,
  );
}

/**
 * Refuses growing a counted resource (seats, stores, items, forecast series) past the plan's
 * limit. `current` is what the tenant has now, `adding` what the change would add.
 */
export async function assertWithinLimit(tx: Tx, tenantId: string, limit: CountedLimit, change: { current: number; adding: number }): Promise<void> {
  const { plan } = await getBillingState(tx, tenantId);
  const max = PLANS[plan].limits[limit];
  if (change.current + change.adding <= max) return;
  throw new AppError(
    `payment_required:limit.${limit}`,
    `The ${PLANS[plan].name} plan allows ${formatCount(max)} ${LIMIT_LABELS[limit]}; this workspace has ${formatCount(change.current)} and this would add ${formatCount(change.adding)}. ${howToRaise(plan, limit)}`,
  );
}

/** Seats in use: members plus invitations still open (an accepted invitation becomes a member). */
export async function countSeats(tx: Tx): Promise<number> {
  const [members] = await tx.select({ n: count() }).from(memberships).where(eq(memberships.tenantId, currentTenantId));
  const [pending] = await tx
    .select({ n: count() })
    .from(invitations)
    .where(and(eq(invitations.tenantId, currentTenantId), isNull(invitations.acceptedAt), isNull(invitations.revokedAt), gt(invitations.expiresAt, new Date())));
  return (members?.n ?? 0) + (pending?.n ?? 0);
}
