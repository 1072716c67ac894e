import "server-only";
import { RISK_HORIZON_DAYS } from "./inventory-plan";
import type { InventoryPlan, PlanLine } from "./inventory-plan";
import { byMarginAtRisk, lineStock, recommendationRow, recommendationTotals } from "./recommendations";

/** Lines listed per risk: what the executive summary prints. */
export const STOCK_RISK_LINES = 10;

const r1 = (x: number) => Math.round(x * 10) / 10;
const r2 = (x: number) => Math.round(x * 100) / 100;

/**
 * Stock beyond what the line needs for the next 28 days: what is on hand and on order, less the
 * expected demand over those days, less the policy's order-up-to level (the most it would ever
 * hold). What is left would still sit above that level four weeks on; it ties up its unit cost
 * and costs its holding rate (a yearly rate on cost) while it waits.
 */
function overstockOf(line: PlanLine) {
  const demand = line.days.slice(0, RISK_HORIZON_DAYS).reduce((s, d) => s + d.mean, 0);
  const position = line.stock.onHand + line.stock.onOrder;
  const units = Math.max(0, position - demand - line.recommendation.orderUpTo);
  return {
    ...lineStock(line),
    orderUpTo: line.recommendation.orderUpTo,
    demand28d: r1(demand),
    daysOfCover: line.recommendation.daysOfCover === null ? null : r1(line.recommendation.daysOfCover),
    excessUnits: r1(units),
    excessValue: r2(units * line.unitCost),
    holdingCost28d: r2((units * line.unitCost * line.stock.holdingCostRate * RISK_HORIZON_DAYS) / 365),
  };
}
export type OverstockLine = ReturnType<typeof overstockOf>;

/**
 * Stock risks of an inventory plan: stockouts (the money at risk over the next 28 days, the same
 * totals and ranking as `listRecommendations`) and overstock (stock the next 28 days will not use,
 * valued at cost), each with the `limit` lines most at risk.
 */
export function stockRiskOf(plan: InventoryPlan, limit: number) {
  const lines = [...plan.lines].sort(byMarginAtRisk);
  const excess = lines
    .map(overstockOf)
    .filter((o) => o.excessUnits > 0)
    .sort((a, b) => b.excessValue - a.excessValue || a.storeId.localeCompare(b.storeId) || a.itemId.localeCompare(b.itemId));
  return {
    asOf: plan.asOf,
    model: plan.model,
    horizonDays: RISK_HORIZON_DAYS,
    stockouts: { totals: recommendationTotals(plan, lines), top: lines.slice(0, limit).map(recommendationRow).filter((r) => r.marginAtRisk28d > 0) },
    overstock: {
      lines: excess.length,
      units: r1(excess.reduce((s, o) => s + o.excessUnits, 0)),
      value: r2(excess.reduce((s, o) => s + o.excessValue, 0)),
      holdingCost28d: r2(excess.reduce((s, o) => s + o.holdingCost28d, 0)),
      top: excess.slice(0, limit),
    },
  };
}
export type StockRisk = ReturnType<typeof stockRiskOf>;
