import { z } from "zod";

const band = z.object({ p10: z.number(), p50: z.number(), p90: z.number() });
const outcome = z.object({ price: z.number(), units: band, profit: band, extrapolated: z.boolean() });

/** `GET /api/v1/pricing/curve` and `pricing.curve`. */
export const priceCurveSchema = z.object({
  store: z.object({ id: z.string(), name: z.string() }),
  item: z.object({ id: z.string(), name: z.string(), category: z.string(), unitCost: z.number().nullable() }),
  model: z.object({ id: z.string(), version: z.number(), trainedTo: z.string() }),
  horizonDays: z.number(),
  currentPrice: z.number(),
  observed: z.object({ min: z.number(), max: z.number() }).nullable(),
  /** Null (with `insufficient`) when the history has too little price variation to learn a response. */
  elasticity: z.number().nullable(),
  insufficient: z.string().nullable(),
  points: z.array(z.object({ price: z.number(), units: band, revenue: z.number(), profit: band.nullable(), extrapolated: z.boolean() })),
});
export type PriceCurve = z.infer<typeof priceCurveSchema>;

/** `GET /api/v1/pricing/recommendation` and `pricing.recommendation`. */
export const recommendationSchema = priceCurveSchema.pick({ store: true, item: true, model: true, horizonDays: true, currentPrice: true, observed: true, elasticity: true, insufficient: true }).extend({
  guardrails: z.object({ maxStep: z.number(), minMargin: z.number(), endings: z.array(z.number()), floor: z.number().nullable(), ceiling: z.number().nullable(), widen: z.boolean() }),
  allowed: z.object({ min: z.number(), max: z.number() }).nullable(),
  bindings: z.array(z.string()),
  current: outcome.nullable(),
  recommended: outcome.nullable(),
  reason: z.string().nullable(),
});
export type PriceRecommendation = z.infer<typeof recommendationSchema>;

const markdownOutcome = z.object({ units: z.number(), revenue: z.number(), leftover: z.number(), salvage: z.number(), margin: z.number(), grossMargin: z.number() });
const markdownWeek = z.object({
  week: z.number(),
  weekStart: z.string(),
  weeksLeft: z.number(),
  discount: z.number(),
  price: z.number(),
  /** Expected units on hand at the start of the week and expected sales in it. */
  stock: z.number(),
  units: z.number(),
  /** The price is below anything the item sold at: the model's response there is an extrapolation. */
  extrapolated: z.boolean(),
});

/** `GET /api/v1/pricing/markdown` and `pricing.markdown`. */
export const markdownPlanSchema = z.object({
  store: z.object({ id: z.string(), name: z.string() }),
  item: z.object({ id: z.string(), name: z.string(), category: z.string(), unitCost: z.number().nullable() }),
  model: z.object({ id: z.string(), version: z.number(), trainedTo: z.string() }),
  /** First day of week 0 (the day after the model's last training day). */
  start: z.string(),
  sellBy: z.string(),
  weeks: z.number(),
  stock: z.number(),
  stockSource: z.enum(["request", "inventory"]),
  currentPrice: z.number(),
  observed: z.object({ min: z.number(), max: z.number() }).nullable(),
  settings: z.object({ ladder: z.array(z.number()), minWeeksPerStep: z.number(), salvageRate: z.number(), salvagePerUnit: z.number().nullable() }),
  /** Weekly demand is negative binomial around the model's P50, its size fitted to the day-level P10–P90 (null size: Poisson). */
  distribution: z.object({ kind: z.literal("negativeBinomial"), size: z.number().nullable() }).nullable(),
  ladder: z.array(markdownWeek),
  /** Expected outcome of the plan, re-decided each week from the stock left. */
  plan: markdownOutcome.nullable(),
  /** Expected outcome of the fixed schedule (−30% from 6 weeks left, −50% from 3) under the same demand. */
  fixed: markdownOutcome.extend({ ladder: z.array(markdownWeek) }).nullable(),
  notes: z.array(z.string()),
  /** Why there is no plan (too little price variation, no unit cost), else null. */
  reason: z.string().nullable(),
});
export type MarkdownPlanResult = z.infer<typeof markdownPlanSchema>;

/** `pricing.settings`: the tenant's pricing guardrails. */
export const pricingSettingsOutputSchema = z.object({
  maxStep: z.number(),
  minMargin: z.number(),
  priceEndings: z.array(z.number()),
  salvageRate: z.number(),
  markdownLadder: z.array(z.number()),
  minWeeksPerStep: z.number(),
});
