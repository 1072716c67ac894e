import { getDatabase } from "@/server/db";
import { env } from "@/server/env";
import { stripeWebhookHandler } from "@/server/rest/stripe-webhook";
import { stripeFromEnv } from "@/server/services/billing/stripe-client";

export const runtime = "nodejs";

export const POST = stripeWebhookHandler({ getDatabase, stripe: stripeFromEnv(), secret: env.STRIPE_WEBHOOK_SECRET });
