import { demandDistribution } from "./demand-distribution";

/** One day of an item × store's history as the lost-sales estimate reads it. */
export type HistoryDay = {
  /** Units sold in store and picked for web orders. */
  units: number;
  onlineUnits: number;
  /** Selling price: shelf price less any promotional discount. */
  price: number;
  /** The shelf ran out that day, so its sales understate demand. */
  stockedOut: boolean;
  /** In-store demand a model forecast for the day before it happened (mean and standard deviation), if one did. */
  model: { mean: number; sd: number } | null;
};

export type LostSales = { stockoutDays: number; estimatedDays: number; units: number; revenue: number; margin: number };

/** Days before a stocked-out day whose unstocked-out sales make its expected demand when no model forecast it. */
export const BASELINE_DAYS = 28;

/**
 * Sales lost on the stocked-out days among `days[from…]` (earlier days serve as the baseline
 * only). The shelf ran out, so in-store demand exceeded what sold (u): the loss is E[D − u | D > u]
 * for D a count distribution with the model's forecast of the day (mean, band) where one exists,
 * else the mean and variance of the series' in-store sales on the days of the 28 before that did
 * not stock out. Conditioning matters: a shelf runs out on the days demand ran high, so expected
 * demand less sales would understate the loss. Web orders lost are the web-to-store ratio of
 * those clean days times the day's estimated in-store demand, less what the web sold. A stocked-out day with neither
 * forecast nor clean day is counted but not estimated; null marks a day without a sales row (not
 * on sale), which is no baseline. Revenue at the day's selling price, margin at that price less
 * unit cost.
 */
export function lostSalesIncurred(days: readonly (HistoryDay | null)[], from: number, unitCost: number): LostSales {
  const out: LostSales = { stockoutDays: 0, estimatedDays: 0, units: 0, revenue: 0, margin: 0 };
  for (let t = Math.max(0, from); t < days.length; t++) {
    const day = days[t];
    if (!day?.stockedOut) continue;
    out.stockoutDays++;
    let store = 0;
    let squares = 0;
    let online = 0;
    let clean = 0;
    for (let b = Math.max(0, t - BASELINE_DAYS); b < t; b++) {
      const d = days[b];
      if (!d || d.stockedOut) continue;
      store += d.units;
      squares += d.units * d.units;
      online += d.onlineUnits;
      clean++;
    }
    const baselineMean = clean > 0 ? store / clean : 0;
    const expected = day.model ?? (clean > 0 ? { mean: baselineMean, sd: Math.sqrt(clean > 1 ? Math.max(0, squares - clean * baselineMean * baselineMean) / (clean - 1) : 0) } : null);
    if (expected === null) continue;
    const demand = demandDistribution(Math.max(0, expected.mean), expected.sd * expected.sd);
    const above = 1 - demand.cdf(day.units);
    // Past the distribution's tail (a forecast far below what sold) nothing is known to be lost.
    const storeLost = above > 1e-9 ? demand.expectedShortage(day.units) / above : 0;
    const webRatio = store > 0 ? online / store : 0;
    const lost = storeLost + Math.max(0, (day.units + storeLost) * webRatio - day.onlineUnits);
    out.estimatedDays++;
    out.units += lost;
    out.revenue += lost * day.price;
    out.margin += lost * (day.price - unitCost);
  }
  return out;
}
