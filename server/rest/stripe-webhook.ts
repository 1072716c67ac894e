import type Stripe from "stripe";
import type { Database } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import { JSON_BODY_LIMIT_BYTES, readLimitedText } from "@/server/http/body-limit";
import { PRIVATE_NO_STORE, jsonError } from "@/server/http/json-error";
import { applyStripeEvent, verifyStripeEvent } from "@/server/services/billing/stripe-webhook";

/**
 * The Stripe webhook endpoint: the signature is checked on the raw body (400 when it does not
 * match), then the event is applied once. Failures other than the caller's are 500, so Stripe
 * retries; the log names the event, never its payload (it carries customers' personal data).
 */
export function stripeWebhookHandler(options: { getDatabase: () => Promise<Database>; stripe: Stripe | null; secret: string | undefined; now?: () => Date }) {
  return async (request: Request): Promise<Response> => {
    if (!options.stripe || !options.secret) {
      return jsonError({ status: 503, code: "unavailable:stripe", message: "Stripe billing is not configured (STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET)." });
    }
    let eventId: string | undefined;
    try {
      const raw = await readLimitedText(request, JSON_BODY_LIMIT_BYTES, "Stripe events");
      const event = verifyStripeEvent(options.stripe, raw, request.headers.get("stripe-signature"), options.secret);
      eventId = event.id;
      const outcome = await applyStripeEvent(await options.getDatabase(), options.stripe, event, options.now?.());
      return Response.json({ received: true, outcome }, { headers: PRIVATE_NO_STORE });
    } catch (error) {
      if (error instanceof AppError) return jsonError(error);
      console.error(`Stripe webhook ${eventId ?? "(unverified)"} failed: ${(error as Error).message}`);
      return jsonError({ status: 500, code: "internal", message: "Something went wrong on our side." });
    }
  };
}
