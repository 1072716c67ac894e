import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { tenants } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import { getBillingState } from "./billing-state";
import { planIdSchema } from "./plans";
import type { PlanId } from "./plans";

export const changePlanSchema = z.object({ plan: planIdSchema });

/**
 * Sets the tenant's plan and audits the change. Quotas read the plan on every check, so the new
 * limits apply to the next request. `source` says who decided: an owner in local billing mode,
 * the CLI, or Stripe's subscription state.
 */
export async function setPlan(tx: Tx, actor: Actor, plan: PlanId, source: "local" | "cli" | "stripe"): Promise<{ plan: PlanId; previous: PlanId }> {
  const { plan: previous } = await getBillingState(tx, actor.tenantId);
  if (previous === plan) return { plan, previous };
  await tx.update(tenants).set({ plan }).where(eq(tenants.id, actor.tenantId));
  await recordAudit(tx, actor, { action: "billing.plan_changed", targetType: "tenant", targetId: actor.tenantId, details: { from: previous, to: plan, source } });
  return { plan, previous };
}

/** Local billing mode (no Stripe keys): an owner changes the plan directly. */
export async function changePlanLocally(tx: Tx, actor: Actor, input: z.input<typeof changePlanSchema>, options: { stripeConfigured: boolean }) {
  const { plan } = changePlanSchema.parse(input);
  if (actor.role !== "owner") throw new AppError("forbidden:owner", "Only owners change the plan.");
  if (options.stripeConfigured) {
    throw new AppError("conflict:stripe_billing", "Billing runs through Stripe here: change the plan with Checkout or the Customer Portal on the Billing page.");
  }
  return setPlan(tx, actor, plan, "local");
}
