import "server-only";
import type Stripe from "stripe";
import { z } from "zod";
import { AppError } from "@/server/errors/app-error";
import type { BillingState } from "./billing-state";
import { PLANS } from "./plans";

export const checkoutSchema = z.object({ plan: z.enum(["pro", "enterprise"], { error: "Checkout is for the paid plans: pro or enterprise" }) });

/** The subscription price of a paid plan, found in Stripe by the plan's lookup key. */
async function priceFor(stripe: Stripe, plan: "pro" | "enterprise"): Promise<string> {
  const lookupKey = PLANS[plan].stripeLookupKey!;
  const prices = await stripe.prices.list({ lookup_keys: [lookupKey], active: true, limit: 1 });
  const price = prices.data[0];
  if (!price) throw new AppError("unavailable:stripe_price", `Stripe has no active price with lookup key ${lookupKey}; create it in the Stripe dashboard.`);
  return price.id;
}

/**
 * A Checkout session to subscribe to (or, from Free, upgrade to) a paid plan. The tenant id
 * travels in `client_reference_id` and in the subscription's metadata, which is how webhooks
 * find the tenant again. A tenant that already has a subscription changes it in the Portal.
 */
export async function createCheckoutSession(
  stripe: Stripe,
  tenant: { id: string; slug: string; ownerEmail?: string | null } & Pick<BillingState, "stripeCustomerId" | "stripeSubscriptionId" | "billingStatus">,
  input: z.input<typeof checkoutSchema>,
  returnUrl: string,
): Promise<{ url: string }> {
  const { plan } = checkoutSchema.parse(input);
  if (tenant.stripeSubscriptionId && tenant.billingStatus !== "canceled") {
    throw new AppError("conflict:subscription_exists", "This workspace already has a subscription: change its plan in the Customer Portal.");
  }
  const session = await stripe.checkout.sessions.create({
    mode: "subscription",
    line_items: [{ price: await priceFor(stripe, plan), quantity: 1 }],
    client_reference_id: tenant.id,
    metadata: { tenant_id: tenant.id },
    subscription_data: { metadata: { tenant_id: tenant.id, tenant_slug: tenant.slug } },
    ...(tenant.stripeCustomerId ? { customer: tenant.stripeCustomerId } : tenant.ownerEmail ? { customer_email: tenant.ownerEmail } : {}),
    success_url: `${returnUrl}?checkout=success`,
    cancel_url: `${returnUrl}?checkout=cancelled`,
  });
  if (!session.url) throw new AppError("unavailable:stripe_checkout", "Stripe returned a Checkout session without a URL.");
  return { url: session.url };
}

/** A Customer Portal session: payment methods, invoices, plan changes and cancellation. */
export async function createPortalSession(stripe: Stripe, tenant: Pick<BillingState, "stripeCustomerId">, returnUrl: string): Promise<{ url: string }> {
  if (!tenant.stripeCustomerId) throw new AppError("conflict:no_customer", "This workspace has no Stripe customer yet: subscribe through Checkout first.");
  const session = await stripe.billingPortal.sessions.create({ customer: tenant.stripeCustomerId, return_url: returnUrl });
  return { url: session.url };
}
