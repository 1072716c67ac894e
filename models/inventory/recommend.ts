import { economicOrderQuantity } from "./eoq";
import { sumOfParts } from "./lead-time-demand";
import type { DailyMoments } from "./lead-time-demand";
import { roundOrder } from "./order-quantity";
import type { OrderTerms } from "./order-quantity";
import { orderUpToLevel, reorderPoint } from "./service-target";
import type { ServiceTarget } from "./service-target";

export type PolicyKind = "periodic_review" | "continuous_review";

/** Everything one item × store's decision depends on. Day 0 is the first day the decision covers. */
export type RecommendationInput = {
  /** Daily demand moments from day 0 on (from forecast quantiles, see `dailyMoments`). */
  days: readonly DailyMoments[];
  /** Between-day error correlation of the forecasts (lead-time-demand.ts). */
  correlation: number;
  onHand: number;
  onOrder: number;
  leadTimeDays: number;
  reviewPeriodDays: number;
  policy: PolicyKind;
  target: ServiceTarget;
  unitCost: number;
  unitPrice: number;
  orderCost: number;
  /** Holding cost per unit-year as a fraction of unit cost. */
  holdingCostRate: number;
  terms: OrderTerms;
};

export type Recommendation = {
  policy: PolicyKind;
  /** Mean demand per day over the days given. */
  dailyDemand: number;
  protectionDays: number;
  protectionMean: number;
  protectionSd: number;
  /** (R, S): the order-up-to level. */
  orderUpTo: number;
  /** (s, Q): reorder point and order quantity (EOQ, in whole packs, at least the minimum). */
  reorderPoint: number;
  economicQuantity: number;
  safetyStock: number;
  inventoryPosition: number;
  /** Units to order now under the chosen policy (0: none). */
  orderQuantity: number;
  /** Day (0 = today) the next order is due; null if not within the days given. */
  orderDay: number | null;
  /** On hand over mean daily demand; null without demand. */
  daysOfCover: number | null;
  /** P(demand before an order placed today can arrive exceeds what is on hand and on order). */
  stockoutProbability: number;
  /** Expected units short over the protection period with and without the recommended order. */
  expectedShortWithout: number;
  expectedShortWith: number;
};

const range = (days: readonly DailyMoments[], from: number, length: number) => {
  const out: DailyMoments[] = [];
  for (let j = from; j < from + length; j++) {
    const d = days[j] ?? days[days.length - 1];
    if (d) out.push(d);
  }
  return out;
};

/**
 * The replenishment decision for one item × store: both policies' parameters, and the order the
 * chosen one places today. Zero demand gives no order; pack size and minimum order round it up.
 */
export function recommend(input: RecommendationInput): Recommendation {
  const L = Math.max(0, Math.round(input.leadTimeDays));
  const R = Math.max(1, Math.round(input.reviewPeriodDays));
  const { correlation, target } = input;
  const position = input.onHand + input.onOrder;
  const dailyDemand = input.days.length ? input.days.reduce((s, d) => s + d.mean, 0) / input.days.length : 0;

  const protection = sumOfParts(range(input.days, 0, L + R), correlation);
  const leadTime = sumOfParts(range(input.days, 0, L), correlation);
  const cycleDemand = sumOfParts(range(input.days, L, R), correlation).mean;
  const orderUpTo = orderUpToLevel(target, protection, leadTime, cycleDemand);

  const holding = input.holdingCostRate * input.unitCost;
  const eoq = holding > 0 && dailyDemand > 0 ? economicOrderQuantity(input.orderCost, dailyDemand * 365, holding).quantity : dailyDemand * R;
  const economicQuantity = dailyDemand > 0 ? roundOrder(Math.max(1, eoq), input.terms) : 0;
  const rop = reorderPoint(target, leadTime, economicQuantity);

  let orderQuantity = 0;
  let orderDay: number | null = null;
  if (input.policy === "periodic_review") {
    orderQuantity = position < orderUpTo ? roundOrder(orderUpTo - position, input.terms) : 0;
    orderDay = orderQuantity > 0 ? 0 : dayPositionFalls(input.days, position, orderUpTo, R);
  } else if (economicQuantity > 0) {
    const packs = position <= rop ? Math.floor((rop - position) / economicQuantity) + 1 : 0;
    orderQuantity = packs * economicQuantity;
    orderDay = orderQuantity > 0 ? 0 : dayPositionFalls(input.days, position, rop + 1, 1);
  }
  const safetyStock = (input.policy === "periodic_review" ? orderUpTo - protection.mean : rop - leadTime.mean);
  return {
    policy: input.policy,
    dailyDemand,
    protectionDays: L + R,
    protectionMean: protection.mean,
    protectionSd: Math.sqrt(protection.variance),
    orderUpTo,
    reorderPoint: rop,
    economicQuantity,
    safetyStock,
    inventoryPosition: position,
    orderQuantity,
    orderDay,
    daysOfCover: dailyDemand > 0 ? input.onHand / dailyDemand : null,
    stockoutProbability: leadTime.mean > 0 ? 1 - leadTime.cdf(position) : 0,
    expectedShortWithout: protection.expectedShortage(position),
    expectedShortWith: protection.expectedShortage(position + orderQuantity),
  };
}

/** First review day (a multiple of `every`) on which expected position falls below `level`. */
function dayPositionFalls(days: readonly DailyMoments[], position: number, level: number, every: number): number | null {
  let expected = position;
  for (let t = 0; t < days.length; t++) {
    if (t % every === 0 && expected < level) return t;
    expected -= days[t]!.mean;
  }
  return null;
}
