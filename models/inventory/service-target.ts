import type { DemandDistribution } from "./demand-distribution";

/**
 * What a policy must achieve. Cycle service level: the chance a replenishment cycle ends without a
 * stockout (a quantile of protection-period demand). Fill rate: the share of demand served from
 * stock, via the expected shortage per cycle (the loss function). Unmet demand is either lost
 * (retail shelves) or backordered (served later): the two give different levels for one policy.
 */
export type ServiceTarget = { measure: "cycle_service_level" | "fill_rate"; level: number; unmet: "lost_sales" | "backorders" };

/**
 * Fill rate of a cycle with expected demand `cycleDemand` and backorder-case expected shortage
 * `shortage`. Backorders: 1 − ESPRC/E[D]. Lost sales: shortages are not carried into the next cycle,
 * so fewer of them occur — the Hadley–Whitin correction E[D]/(E[D] + ESPRC).
 */
export function fillRate(shortage: number, cycleDemand: number, unmet: ServiceTarget["unmet"]): number {
  if (cycleDemand <= 0) return 1;
  return unmet === "backorders" ? Math.max(0, 1 - shortage / cycleDemand) : cycleDemand / (cycleDemand + shortage);
}

/** Smallest integer level in [0, upper] whose `achieved` reaches `level` (achieved grows with the level). */
export function smallestLevel(level: number, upper: number, achieved: (x: number) => number): number {
  let lo = 0;
  let hi = Math.max(0, Math.ceil(upper));
  while (achieved(hi) < level) hi = hi * 2 + 1;
  while (lo < hi) {
    const mid = Math.floor((lo + hi) / 2);
    if (achieved(mid) >= level) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Order-up-to level S of a periodic review (R, S) policy with lead time L. Cycle service level: S
 * is the quantile of demand over L + R. Fill rate: the shortage of one cycle is
 * E[(D_{L+R} − S)+] − E[(D_L − S)+] (what the order placed now cannot cover, less what was already
 * short before it arrived).
 */
export function orderUpToLevel(target: ServiceTarget, protection: DemandDistribution, leadTime: DemandDistribution, cycleDemand: number): number {
  if (protection.mean === 0) return 0;
  if (target.measure === "cycle_service_level") return protection.quantile(target.level);
  return smallestLevel(target.level, protection.quantile(0.5), (s) =>
    fillRate(Math.max(0, protection.expectedShortage(s) - leadTime.expectedShortage(s)), cycleDemand, target.unmet),
  );
}

/**
 * Reorder point s of a continuous review (s, Q) policy: the quantile of lead-time demand for a
 * cycle service level; for a fill rate, the smallest s whose shortage per cycle E[(D_L − s)+]
 * leaves Q's cycle at the target.
 */
export function reorderPoint(target: ServiceTarget, leadTime: DemandDistribution, quantity: number): number {
  if (leadTime.mean === 0) return 0;
  if (target.measure === "cycle_service_level") return leadTime.quantile(target.level);
  return smallestLevel(target.level, leadTime.quantile(0.5), (s) => fillRate(leadTime.expectedShortage(s), quantity, target.unmet));
}
