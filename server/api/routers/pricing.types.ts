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
