import "server-only";
import Stripe from "stripe";
import { env } from "@/server/env";

/**
 * The process's Stripe client when `STRIPE_SECRET_KEY` is set; null means local billing mode.
 * Tests build their own client pointed at a local stand-in (host/port/protocol options).
 */
let client: Stripe | null | undefined;
export function stripeFromEnv(): Stripe | null {
  if (client === undefined) client = env.STRIPE_SECRET_KEY ? new Stripe(env.STRIPE_SECRET_KEY, { maxNetworkRetries: 2, telemetry: false }) : null;
  return client;
}
