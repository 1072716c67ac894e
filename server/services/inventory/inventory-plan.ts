import "server-only";
import { sql } from "drizzle-orm";
import { addDaysIso } from "@/models/data";
import { dailyMoments, recommend, sumOfParts } from "@/models/inventory";
import type { DailyMoments, DailyQuantiles, DemandDistribution, LostSales, Recommendation, ServiceTarget } from "@/models/inventory";
import type { Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { loadDemandForecasts, seriesKey } from "./demand-forecasts";
import { loadLostSales } from "./lost-sales";
import { getInventorySettings, targetFor } from "./settings";
import type { ResolvedSettings } from "./settings";
import { loadStockPositions } from "./stock-positions";
import type { StockPosition } from "./stock-positions";

/** Days of projected demand the money-at-risk figures cover. */
export const RISK_HORIZON_DAYS = 28;

export type PlanLine = {
  storeId: string;
  storeName: string;
  itemId: string;
  itemName: string;
  category: string;
  unitCost: number;
  unitPrice: number;
  stock: StockPosition;
  target: ServiceTarget;
  recommendation: Recommendation;
  /** Due date of the next order (today when one is due now). */
  orderDate: string | null;
  /** Demand over lead time plus review period: the P10–P90 the decision protects against. */
  protection: { p10: number; p90: number };
  /** Expected units, revenue and margin lost to stockouts over the next 28 days at current stock and open orders. */
  atRisk: { units: number; revenue: number; margin: number };
  /** Sales already lost on the recorded stockout days of the last 28 days with sales (none recorded → zeros). */
  lostIncurred: LostSales;
  overridden: boolean;
  /** Shelf demand per day (forecast × (1 + the store's web orders per in-store unit)), day 0 = `asOf`. */
  days: DailyMoments[];
  /** The same as quantiles: the stored forecast, overrides applied, on the same shelf scale. */
  band: DailyQuantiles[];
  leadTime: DemandDistribution;
};

export type InventoryPlan = {
  /** First forecast day: the day decisions are for. */
  asOf: string;
  model: { id: string; version: number };
  settings: ResolvedSettings;
  /** Model, stock count and overrides the decisions rest on: a decision on one basis is not offered again on it. */
  basis: string;
  /** The days `lostIncurred` covers (null without sales). */
  lostSalesWindow: { from: string | null; to: string | null };
  lines: PlanLine[];
};

const NO_LOST_SALES: LostSales = { stockoutDays: 0, estimatedDays: 0, units: 0, revenue: 0, margin: 0 };

type CatalogRow = { id: string; name: string; category: string; unit_cost: number; base_price: number };

/**
 * Every item × store decision from the production model's forecasts and the latest stock counts.
 * Null until a model is in production (no forecast, no decision). Items without a stock count
 * are left out: nothing says what they hold.
 */
export async function computeInventoryPlan(tx: Tx, filter: { storeId?: string; itemId?: string } = {}): Promise<InventoryPlan | null> {
  const settings = await getInventorySettings(tx);
  const item = filter.itemId ? sql`where id = ${filter.itemId}` : sql``;
  const [catalog, storeRows] = await Promise.all([
    executeRows<CatalogRow>(tx, sql`select id, name, category, unit_cost::float8 as unit_cost, base_price::float8 as base_price from items ${item}`),
    executeRows<{ id: string; name: string }>(tx, sql`select id, name from stores`),
  ]);
  const items = new Map(catalog.map((i) => [i.id, i]));
  const storeNames = new Map(storeRows.map((s) => [s.id, s.name]));
  const forecasts = await loadDemandForecasts(tx, filter, (id) => items.get(id)?.category);
  if (!forecasts) return null;
  const [positions, lost] = await Promise.all([loadStockPositions(tx, filter), loadLostSales(tx, filter)]);
  const lines: PlanLine[] = [];
  let latestCount = "";
  for (const stock of positions) {
    const demand = forecasts.series.get(seriesKey(stock.storeId, stock.itemId));
    const catalogItem = items.get(stock.itemId);
    if (!demand || !catalogItem) continue;
    if (stock.countedOn > latestCount) latestCount = stock.countedOn;
    const line = planLine(settings, forecasts.firstDate, stock, catalogItem, storeNames.get(stock.storeId) ?? stock.storeId, demand.days, demand.overridden);
    lines.push({ ...line, lostIncurred: lost.series.get(seriesKey(stock.storeId, stock.itemId)) ?? NO_LOST_SALES });
  }
  return {
    asOf: forecasts.firstDate,
    model: { id: forecasts.model.id, version: forecasts.model.version },
    settings,
    basis: `${forecasts.model.id}|${latestCount}|${forecasts.overridesStamp}`,
    lostSalesWindow: { from: lost.from, to: lost.to },
    lines,
  };
}

function planLine(settings: ResolvedSettings, asOf: string, stock: StockPosition, item: CatalogRow, storeName: string, forecast: readonly DailyQuantiles[], overridden: boolean): Omit<PlanLine, "lostIncurred"> {
  const shelf = 1 + stock.onlineRatio;
  const days = forecast.map((d) => {
    const m = dailyMoments(d, settings.calibration);
    return { mean: m.mean * shelf, sd: m.sd * shelf };
  });
  const target = targetFor(settings, item.category);
  const unitCost = Number(item.unit_cost);
  const unitPrice = Number(item.base_price);
  const recommendation = recommend({
    days,
    correlation: settings.calibration.correlation,
    onHand: stock.onHand,
    onOrder: stock.onOrder,
    leadTimeDays: stock.leadTimeDays,
    reviewPeriodDays: settings.reviewPeriodDays,
    policy: settings.policy,
    target,
    unitCost,
    unitPrice,
    orderCost: stock.orderCost,
    holdingCostRate: stock.holdingCostRate,
    terms: { packSize: stock.packSize, minimumOrder: stock.minimumOrder },
  });
  const window = (from: number, length: number) => sumOfParts(days.slice(from, from + length), settings.calibration.correlation);
  const protection = window(0, recommendation.protectionDays);
  const horizon = window(0, RISK_HORIZON_DAYS);
  const lostUnits = horizon.expectedShortage(stock.onHand + stock.onOrder);
  return {
    storeId: stock.storeId,
    storeName,
    itemId: stock.itemId,
    itemName: item.name,
    category: item.category,
    unitCost,
    unitPrice,
    stock,
    target,
    recommendation,
    orderDate: recommendation.orderDay === null ? null : addDaysIso(asOf, recommendation.orderDay),
    protection: protection.mean > 0 ? { p10: protection.quantile(0.1), p90: protection.quantile(0.9) } : { p10: 0, p90: 0 },
    atRisk: { units: lostUnits, revenue: lostUnits * unitPrice, margin: lostUnits * (unitPrice - unitCost) },
    overridden,
    days,
    band: forecast.map((d) => ({ p10: d.p10 * shelf, p50: d.p50 * shelf, p90: d.p90 * shelf })),
    leadTime: window(0, Math.max(1, stock.leadTimeDays)),
  };
}
