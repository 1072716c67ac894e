import "server-only";
import { z } from "zod";

/**
 * Every plan and its limits, in this one place: quota checks, the rate limiter, the billing page,
 * the CLI and the Stripe mapping all read from here; the billing page gets them through tRPC.
 */
export const PLAN_IDS = ["free", "pro", "enterprise"] as const;
export type PlanId = (typeof PLAN_IDS)[number];
export const planIdSchema = z.enum(PLAN_IDS, { error: `Plan must be one of ${PLAN_IDS.join(", ")}` });

/** What is counted per month (usage records) or at a point in time (the tenant's rows). */
export const MONTHLY_METRICS = ["assistant_messages", "assistant_tokens", "reports", "retrains", "prediction_batches", "api_requests"] as const;
export type MonthlyMetric = (typeof MONTHLY_METRICS)[number];
export const COUNTED_LIMITS = ["seats", "stores", "items", "forecast_series"] as const;
export type CountedLimit = (typeof COUNTED_LIMITS)[number];

/** Monthly metrics with a cap; prediction batches and API requests are metered only (the latter is capped per minute). */
export type CappedMetric = Exclude<MonthlyMetric, "api_requests" | "prediction_batches">;

export type PlanLimits = Record<CountedLimit, number> &
  Record<CappedMetric, number> & {
    /** REST API requests a tenant may make per minute (all its keys together). */
    api_requests_per_minute: number;
  };

export type Plan = {
  id: PlanId;
  name: string;
  /** Monthly price in US cents, before tax; what the invoice estimate shows. */
  monthlyPriceCents: number;
  /** Stripe Price lookup key of the plan's subscription price; null for Free (no subscription). */
  stripeLookupKey: string | null;
  limits: PlanLimits;
};

export const PLANS: Record<PlanId, Plan> = {
  free: {
    id: "free",
    name: "Free",
    monthlyPriceCents: 0,
    stripeLookupKey: null,
    limits: {
      seats: 3,
      stores: 5,
      items: 500,
      forecast_series: 2_500,
      assistant_messages: 100,
      assistant_tokens: 200_000,
      reports: 10,
      retrains: 4,
      api_requests_per_minute: 60,
    },
  },
  pro: {
    id: "pro",
    name: "Pro",
    monthlyPriceCents: 49_900,
    stripeLookupKey: "foresight_pro_monthly",
    limits: {
      seats: 25,
      stores: 100,
      items: 20_000,
      forecast_series: 500_000,
      assistant_messages: 5_000,
      assistant_tokens: 10_000_000,
      reports: 500,
      retrains: 60,
      api_requests_per_minute: 600,
    },
  },
  enterprise: {
    id: "enterprise",
    name: "Enterprise",
    monthlyPriceCents: 249_900,
    stripeLookupKey: "foresight_enterprise_monthly",
    limits: {
      seats: 500,
      stores: 5_000,
      items: 500_000,
      forecast_series: 10_000_000,
      assistant_messages: 100_000,
      assistant_tokens: 200_000_000,
      reports: 10_000,
      retrains: 1_000,
      api_requests_per_minute: 6_000,
    },
  },
};

/** Human names of the limits and metrics, for error messages and the billing page. */
export const LIMIT_LABELS: Record<keyof PlanLimits | MonthlyMetric, string> = {
  prediction_batches: "prediction batches per month",
  api_requests: "API requests per month",
  seats: "members (seats)",
  stores: "stores",
  items: "items",
  forecast_series: "forecast series (store × item)",
  assistant_messages: "assistant messages per month",
  assistant_tokens: "assistant tokens per month",
  reports: "reports per month",
  retrains: "model retrains per month",
  api_requests_per_minute: "API requests per minute",
};

/** The limit that caps a monthly metric, or null when it is metered but not capped. */
export function monthlyLimit(plan: PlanId, metric: MonthlyMetric): number | null {
  if (metric === "api_requests" || metric === "prediction_batches") return null;
  return PLANS[plan].limits[metric];
}

/** The plan a Stripe price belongs to, by its lookup key. */
export function planForLookupKey(lookupKey: string | null | undefined): PlanId | null {
  return PLAN_IDS.find((id) => lookupKey && PLANS[id].stripeLookupKey === lookupKey) ?? null;
}

/** The next plan up, named in quota errors ("upgrade to Pro"), or null on the top plan. */
export function nextPlan(plan: PlanId): Plan | null {
  const next = PLAN_IDS[PLAN_IDS.indexOf(plan) + 1];
  return next ? PLANS[next] : null;
}
