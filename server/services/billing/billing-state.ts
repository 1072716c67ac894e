import "server-only";
import { eq } from "drizzle-orm";
import { tenants } from "@/drizzle/schema";
import type { BillingStatus } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import type { PlanId } from "./plans";

/** How long a tenant keeps working normally after a failed payment before it turns read-only. */
export const GRACE_PERIOD_DAYS = 7;

export type BillingState = {
  plan: PlanId;
  billingStatus: BillingStatus;
  graceUntil: Date | null;
  stripeCustomerId: string | null;
  stripeSubscriptionId: string | null;
};

/** The current tenant's plan and subscription state (RLS: the app role sees its own row only). */
export async function getBillingState(tx: Tx, tenantId: string): Promise<BillingState> {
  const [row] = await tx
    .select({
      plan: tenants.plan,
      billingStatus: tenants.billingStatus,
      graceUntil: tenants.graceUntil,
      stripeCustomerId: tenants.stripeCustomerId,
      stripeSubscriptionId: tenants.stripeSubscriptionId,
    })
    .from(tenants)
    .where(eq(tenants.id, tenantId));
  if (!row) throw new AppError("not_found:tenant", "Workspace not found.");
  return row;
}

/**
 * A tenant is read-only once a payment has been overdue for longer than the grace period, and
 * while its subscription is paused: everyone can still read and export, nobody can change data.
 */
export function isReadOnly(state: Pick<BillingState, "billingStatus" | "graceUntil">, now = new Date()): boolean {
  if (state.billingStatus === "paused") return true;
  return state.billingStatus === "past_due" && state.graceUntil !== null && state.graceUntil.getTime() <= now.getTime();
}

/** Refuses a change while the tenant is read-only, saying why and what lifts it. */
export function assertWritable(state: Pick<BillingState, "billingStatus" | "graceUntil">, now = new Date()): void {
  if (!isReadOnly(state, now)) return;
  const why =
    state.billingStatus === "paused"
      ? "the subscription is paused"
      : `a payment has been overdue since before ${state.graceUntil!.toISOString().slice(0, 10)} (the end of the ${GRACE_PERIOD_DAYS}-day grace period)`;
  throw new AppError("payment_required:read_only", `This workspace is read-only because ${why}. An owner can fix the payment on the Billing page; data stays readable and exportable.`);
}
