import { demandDistribution } from "./demand-distribution";

/** One day of an item × store's history as the lost-sales estimate reads it. */
export type HistoryDay = {
  /** Units sold in store and picked for web orders. */
  units: number;
  onlineUnits: number;
  /** Selling price: shelf price less any promotional discount. */
  price: number;
  /** On promotion that day. */
  promo: boolean;
  /** The shelf ran out that day, so its sales understate demand. */
  stockedOut: boolean;
  /** In-store demand a model forecast for the day before it happened (mean and standard deviation), if one did. */
  model: { mean: number; sd: number } | null;
};

export type LostSales = { stockoutDays: number; estimatedDays: number; units: number; revenue: number; margin: number };

/** Days before a stocked-out day whose unstocked-out sales make its expected demand when no model forecast it. */
export const BASELINE_DAYS = 28;
/** Clean days of the same promotion status a baseline needs before it is used instead of all clean days. */
const SAME_PROMO_DAYS = 3;

/**
 * Sales lost on the stocked-out days among `days[from…]` (earlier days serve as the baseline
 * only). The shelf ran out, so in-store demand exceeded what sold (u): the loss is E[D − u | D > u]
 * for D a count distribution with the model's forecast of the day (mean, band) where one exists,
 * else the mean and variance of the series' in-store sales on the days of the 28 before that did
 * not stock out — those on promotion for a promotion day, and off it for another, when there are
 * at least 3 such days. Both matter: a shelf runs out on the days demand ran high, promotions
 * above all, so expected demand of an ordinary day less sales would understate the loss. Web orders lost are the web-to-store ratio of
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
    const all = baseline(days, t, () => true);
    const alike = baseline(days, t, (d) => d.promo === day.promo);
    const clean = alike.n >= SAME_PROMO_DAYS ? alike : all;
    const expected = day.model ?? (clean.n > 0 ? { mean: clean.mean, sd: clean.sd } : null);
    if (expected === null) continue;
    const demand = demandDistribution(Math.max(0, expected.mean), expected.sd * expected.sd);
    const above = 1 - demand.cdf(day.units);
    // Past the distribution's tail (a forecast far below what sold) nothing is known to be lost.
    const storeLost = above > 1e-9 ? demand.expectedShortage(day.units) / above : 0;
    const webRatio = all.store > 0 ? all.online / all.store : 0;
    const lost = storeLost + Math.max(0, (day.units + storeLost) * webRatio - day.onlineUnits);
    out.estimatedDays++;
    out.units += lost;
    out.revenue += lost * day.price;
    out.margin += lost * (day.price - unitCost);
  }
  return out;
}

/** In-store sales of the clean (on sale, not stocked-out) days among the 28 before day t that pass `keep`. */
function baseline(days: readonly (HistoryDay | null)[], t: number, keep: (d: HistoryDay) => boolean) {
  let store = 0;
  let squares = 0;
  let online = 0;
  let n = 0;
  for (let b = Math.max(0, t - BASELINE_DAYS); b < t; b++) {
    const d = days[b];
    if (!d || d.stockedOut || !keep(d)) continue;
    store += d.units;
    squares += d.units * d.units;
    online += d.onlineUnits;
    n++;
  }
  const mean = n > 0 ? store / n : 0;
  const sd = Math.sqrt(n > 1 ? Math.max(0, squares - n * mean * mean) / (n - 1) : 0);
  return { n, store, online, mean, sd };
}
