import { TRPCError } from "@trpc/server";
import { createTRPCRouter, tenantProcedure } from "@/server/api/trpc";
import type { TRPCContext } from "@/server/api/trpc";
import { env } from "@/server/env";
import { getBillingState } from "@/server/services/billing/billing-state";
import { billingSummary } from "@/server/services/billing/billing-summary";
import { changePlanLocally, changePlanSchema } from "@/server/services/billing/change-plan";
import { checkoutSchema, createCheckoutSession, createPortalSession } from "@/server/services/billing/stripe-checkout";
import { billingSummarySchema, planChangeSchema, redirectSchema } from "./billing.types";

/** Where Stripe sends the owner back: the public base URL when configured, else the request's own host. */
function billingPageUrl(ctx: TRPCContext, slug: string): string {
  const origin = env.AUTH_URL ? new URL(env.AUTH_URL).origin : `http://${ctx.headers.get("host") ?? "localhost"}`;
  return `${origin}/t/${slug}/admin/billing`;
}

function requireStripe(ctx: TRPCContext) {
  if (!ctx.stripe) throw new TRPCError({ code: "PRECONDITION_FAILED", message: "Stripe is not configured here (no STRIPE_SECRET_KEY): this workspace uses local billing mode." });
  return ctx.stripe;
}

// Billing stays usable while the tenant is read-only: paying is how an owner lifts it.
export const billingRouter = createTRPCRouter({
  summary: tenantProcedure("admin")
    .output(billingSummarySchema)
    .query(({ ctx }) => ctx.withTenant((tx) => billingSummary(tx, ctx.tenant.id, { stripeConfigured: ctx.stripe !== null }))),
  changePlan: tenantProcedure("owner", { whileReadOnly: true, recentSignIn: true })
    .input(changePlanSchema)
    .output(planChangeSchema)
    .mutation(({ ctx, input }) => ctx.withTenant((tx) => changePlanLocally(tx, ctx.actor, input, { stripeConfigured: ctx.stripe !== null }))),
  checkout: tenantProcedure("owner", { whileReadOnly: true, recentSignIn: true })
    .input(checkoutSchema)
    .output(redirectSchema)
    .mutation(async ({ ctx, input }) => {
      const stripe = requireStripe(ctx);
      const state = await ctx.withTenant((tx) => getBillingState(tx, ctx.tenant.id));
      // The Stripe call happens outside the tenant transaction (PITFALLS: no transaction across slow calls).
      return createCheckoutSession(stripe, { id: ctx.tenant.id, slug: ctx.tenant.slug, ownerEmail: ctx.user.email, ...state }, input, billingPageUrl(ctx, ctx.tenant.slug));
    }),
  portal: tenantProcedure("owner", { whileReadOnly: true, recentSignIn: true })
    .output(redirectSchema)
    .mutation(async ({ ctx }) => {
      const stripe = requireStripe(ctx);
      const state = await ctx.withTenant((tx) => getBillingState(tx, ctx.tenant.id));
      return createPortalSession(stripe, state, billingPageUrl(ctx, ctx.tenant.slug));
    }),
});
