/** One day of an item × store's history as the lost-sales estimate reads it. */
export type HistoryDay = {
  /** Units sold in store and picked for web orders. */
  units: number;
  onlineUnits: number;
  /** Selling price: shelf price less any promotional discount. */
  price: number;
  /** The shelf ran out that day, so its sales understate demand. */
  stockedOut: boolean;
  /** In-store units a model forecast for the day before it happened, if one did; else null. */
  modelMean: number | null;
};

export type LostSales = { stockoutDays: number; estimatedDays: number; units: number; revenue: number; margin: number };

/** Days before a stocked-out day whose unstocked-out sales make its expected demand when no model forecast it. */
export const BASELINE_DAYS = 28;

/**
 * Sales lost on the stocked-out days among `days[from…]` (earlier days serve as the baseline
 * only): expected demand less what sold, never below zero, per channel. Expected in-store demand
 * is the model's forecast of the day where one exists, else the mean in-store sales of the
 * series' days in the 28 before it that did not stock out; web demand is in-store demand times
 * the web-to-store ratio of those days. A stocked-out day with neither is counted but not
 * estimated; null marks a day without a sales row (not on sale), which is no baseline. Revenue at
 * the day's selling price, margin at that price less unit cost.
 */
export function lostSalesIncurred(days: readonly (HistoryDay | null)[], from: number, unitCost: number): LostSales {
  const out: LostSales = { stockoutDays: 0, estimatedDays: 0, units: 0, revenue: 0, margin: 0 };
  for (let t = Math.max(0, from); t < days.length; t++) {
    const day = days[t];
    if (!day?.stockedOut) continue;
    out.stockoutDays++;
    let store = 0;
    let online = 0;
    let clean = 0;
    for (let b = Math.max(0, t - BASELINE_DAYS); b < t; b++) {
      const d = days[b];
      if (!d || d.stockedOut) continue;
      store += d.units;
      online += d.onlineUnits;
      clean++;
    }
    const expectedStore = day.modelMean ?? (clean > 0 ? store / clean : null);
    if (expectedStore === null) continue;
    const webRatio = store > 0 ? online / store : 0;
    const lost = Math.max(0, expectedStore - day.units) + Math.max(0, expectedStore * webRatio - day.onlineUnits);
    out.estimatedDays++;
    out.units += lost;
    out.revenue += lost * day.price;
    out.margin += lost * (day.price - unitCost);
  }
  return out;
}
