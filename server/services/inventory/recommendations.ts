import "server-only";
import { z } from "zod";
import { text } from "@/server/validation/text";
import type { Tx } from "@/server/db/database";
import { getItem } from "@/server/services/catalog/list-items";
import { getStore } from "@/server/services/catalog/list-stores";
import { computeInventoryPlan } from "./inventory-plan";
import type { InventoryPlan, PlanLine } from "./inventory-plan";

export const recommendationsQuerySchema = z.strictObject({
  store: text({ min: 1, max: 64 }).optional().describe("Only this store id"),
  item: text({ min: 1, max: 64 }).optional().describe("Only this item id"),
  category: text({ min: 1, max: 100 }).optional().describe("Only items of this category"),
  orderOnly: z.enum(["true", "false"]).optional().describe("Only lines with an order due today"),
  limit: z.coerce.number().int().min(1).max(20_000).default(200).describe("Lines to return, most margin at risk first"),
  offset: z.coerce.number().int().min(0).default(0),
});
export type RecommendationsQuery = z.input<typeof recommendationsQuerySchema>;

const r1 = (x: number) => Math.round(x * 10) / 10;

/** Most margin at risk first; store then item id break ties, so pages are stable. */
export const byMarginAtRisk = (a: PlanLine, b: PlanLine) => b.atRisk.margin - a.atRisk.margin || a.storeId.localeCompare(b.storeId) || a.itemId.localeCompare(b.itemId);
const r2 = (x: number) => Math.round(x * 100) / 100;

/** Which line it is, and its stock, as every listing of plan lines names them. */
export function lineStock(line: PlanLine) {
  return { storeId: line.storeId, storeName: line.storeName, itemId: line.itemId, itemName: line.itemName, category: line.category, onHand: line.stock.onHand, onOrder: line.stock.onOrder };
}

/** A plan line as the page, the CSV export and the REST API show it. */
export function recommendationRow(line: PlanLine) {
  const r = line.recommendation;
  return {
    ...lineStock(line),
    countedOn: line.stock.countedOn,
    leadTimeDays: line.stock.leadTimeDays,
    reviewPeriodDays: r.protectionDays - line.stock.leadTimeDays,
    policy: r.policy,
    serviceMeasure: line.target.measure,
    serviceLevel: line.target.level,
    unmetDemand: line.target.unmet,
    dailyDemand: r2(r.dailyDemand),
    protectionDays: r.protectionDays,
    protectionMean: r1(r.protectionMean),
    protectionP10: line.protection.p10,
    protectionP90: line.protection.p90,
    daysOfCover: r.daysOfCover === null ? null : r1(r.daysOfCover),
    stockoutProbability: r2(r.stockoutProbability),
    orderUpTo: r.orderUpTo,
    reorderPoint: r.reorderPoint,
    economicOrderQuantity: r.economicQuantity,
    safetyStock: r1(r.safetyStock),
    orderQuantity: r.orderQuantity,
    orderDate: line.orderDate,
    unitCost: line.unitCost,
    unitPrice: line.unitPrice,
    lostUnits28d: r1(line.atRisk.units),
    revenueAtRisk28d: r2(line.atRisk.revenue),
    marginAtRisk28d: r2(line.atRisk.margin),
    stockoutDaysPast28d: line.lostIncurred.stockoutDays,
    lostUnitsIncurred28d: r1(line.lostIncurred.units),
    lostRevenueIncurred28d: r2(line.lostIncurred.revenue),
    lostMarginIncurred28d: r2(line.lostIncurred.margin),
    overridden: line.overridden,
  };
}
export type RecommendationRow = ReturnType<typeof recommendationRow>;

/** Tenant totals of money at risk and orders due, over the lines asked for. */
export function recommendationTotals(plan: InventoryPlan, lines: readonly PlanLine[]) {
  return {
    lines: lines.length,
    ordersDue: lines.filter((l) => l.recommendation.orderQuantity > 0 && l.orderDate === plan.asOf).length,
    lostUnits28d: r1(lines.reduce((s, l) => s + l.atRisk.units, 0)),
    revenueAtRisk28d: r2(lines.reduce((s, l) => s + l.atRisk.revenue, 0)),
    marginAtRisk28d: r2(lines.reduce((s, l) => s + l.atRisk.margin, 0)),
    stockoutDaysPast28d: lines.reduce((s, l) => s + l.lostIncurred.stockoutDays, 0),
    lostUnitsIncurred28d: r1(lines.reduce((s, l) => s + l.lostIncurred.units, 0)),
    lostRevenueIncurred28d: r2(lines.reduce((s, l) => s + l.lostIncurred.revenue, 0)),
    lostMarginIncurred28d: r2(lines.reduce((s, l) => s + l.lostIncurred.margin, 0)),
  };
}

/**
 * Recommendations per item × store, most margin at risk first. Unknown (or other tenants')
 * store and item ids are NOT_FOUND; before a model is in production `model` is null and there
 * are no lines.
 */
export async function listRecommendations(tx: Tx, input: RecommendationsQuery = {}) {
  const query = recommendationsQuerySchema.parse(input);
  if (query.store) await getStore(tx, query.store);
  if (query.item) await getItem(tx, query.item);
  const plan = await computeInventoryPlan(tx, { storeId: query.store, itemId: query.item });
  if (!plan) return { asOf: null, model: null, totals: null, lostSalesWindow: null, total: 0, recommendations: [] };
  const lines = plan.lines
    .filter((l) => (!query.category || l.category === query.category) && (query.orderOnly !== "true" || (l.recommendation.orderQuantity > 0 && l.orderDate === plan.asOf)))
    .sort(byMarginAtRisk);
  return {
    asOf: plan.asOf,
    model: plan.model,
    totals: recommendationTotals(plan, lines),
    lostSalesWindow: plan.lostSalesWindow,
    total: lines.length,
    recommendations: lines.slice(query.offset, query.offset + query.limit).map(recommendationRow),
  };
}
