import "server-only";
import { eq } from "drizzle-orm";
import type Stripe from "stripe";
import { z } from "zod";
import { stripeEvents, tenants } from "@/drizzle/schema";
import type { BillingStatus } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import { GRACE_PERIOD_DAYS, getBillingState } from "./billing-state";
import { setPlan } from "./change-plan";
import { planForLookupKey } from "./plans";
import type { PlanId } from "./plans";

/** Checks the `Stripe-Signature` header against the raw body; anything else is a 400. */
export function verifyStripeEvent(stripe: Stripe, rawBody: string, signature: string | null, secret: string): Stripe.Event {
  if (!signature) throw new AppError("bad_request:stripe_signature", "Missing the Stripe-Signature header.");
  try {
    return stripe.webhooks.constructEvent(rawBody, signature, secret);
  } catch {
    throw new AppError("bad_request:stripe_signature", "The Stripe-Signature header does not match this body and the webhook secret.");
  }
}

const idOf = (ref: string | { id: string } | null | undefined) => (typeof ref === "string" ? ref : (ref?.id ?? null));

/** The subscription an event is about, or null for events billing does not act on. */
function subscriptionIdOf(event: Stripe.Event): { subscriptionId: string | null; tenantHint: string | null } | null {
  switch (event.type) {
    case "checkout.session.completed":
      return { subscriptionId: idOf(event.data.object.subscription), tenantHint: event.data.object.client_reference_id };
    case "customer.subscription.created":
    case "customer.subscription.updated":
    case "customer.subscription.deleted":
    case "customer.subscription.paused":
    case "customer.subscription.resumed":
      return { subscriptionId: event.data.object.id, tenantHint: null };
    case "invoice.paid":
    case "invoice.payment_failed":
    case "invoice.payment_succeeded":
      return { subscriptionId: idOf(event.data.object.parent?.subscription_details?.subscription), tenantHint: null };
    default:
      return null;
  }
}

/**
 * The plan and status a subscription means now. Overdue and incomplete subscriptions keep their
 * plan's limits during the grace period; cancelled ones fall back to Free.
 */
export function stateFromSubscription(subscription: Stripe.Subscription): { plan: PlanId; billingStatus: BillingStatus } {
  const plan = planForLookupKey(subscription.items.data[0]?.price.lookup_key) ?? "free";
  switch (subscription.status) {
    case "active":
    case "trialing":
      return { plan, billingStatus: "active" };
    case "past_due":
    case "unpaid":
    case "incomplete":
      return { plan, billingStatus: "past_due" };
    case "paused":
      return { plan, billingStatus: "paused" };
    default:
      return { plan: "free", billingStatus: "canceled" };
  }
}

export type WebhookOutcome = "applied" | "duplicate" | "ignored";

/**
 * Applies one verified event. Stripe may deliver events twice and out of order, so the event's
 * own snapshot is not trusted: the subscription is re-read from Stripe (outside any transaction)
 * and its current state written, together with the event id, in one tenant transaction. A
 * replayed event finds its id recorded and changes nothing.
 */
export async function applyStripeEvent(database: Database, stripe: Stripe, event: Stripe.Event, now = new Date()): Promise<WebhookOutcome> {
  const ref = subscriptionIdOf(event);
  if (!ref?.subscriptionId) return "ignored";
  const subscription = await stripe.subscriptions.retrieve(ref.subscriptionId);
  const tenantId = z.uuid().safeParse(subscription.metadata?.tenant_id ?? ref.tenantHint);
  if (!tenantId.success) return "ignored";
  const next = stateFromSubscription(subscription);

  return withTenant(database, tenantId.data, async (tx) => {
    const current = await getBillingState(tx, tenantId.data).catch((e: unknown) => {
      if (e instanceof AppError && e.code === "not_found:tenant") return null;
      throw e;
    });
    if (!current) return "ignored";
    const recorded = await tx.insert(stripeEvents).values({ tenantId: tenantId.data, eventId: event.id, type: event.type }).onConflictDoNothing().returning({ eventId: stripeEvents.eventId });
    if (!recorded.length) return "duplicate";

    const actor: Actor = { tenantId: tenantId.data, role: "owner" };
    // The grace period starts at the first failure and is not extended by later ones.
    const graceUntil = next.billingStatus === "past_due" ? (current.graceUntil ?? new Date(now.getTime() + GRACE_PERIOD_DAYS * 86_400_000)) : null;
    await tx
      .update(tenants)
      .set({ billingStatus: next.billingStatus, graceUntil, stripeCustomerId: idOf(subscription.customer), stripeSubscriptionId: subscription.id })
      .where(eq(tenants.id, tenantId.data));
    await setPlan(tx, actor, next.plan, "stripe");
    if (current.billingStatus !== next.billingStatus) {
      await recordAudit(tx, actor, {
        action: "billing.status_changed",
        targetType: "tenant",
        targetId: tenantId.data,
        details: { from: current.billingStatus, to: next.billingStatus, stripeStatus: subscription.status, eventId: event.id, graceUntil: graceUntil?.toISOString() ?? null },
      });
    }
    return "applied";
  });
}
