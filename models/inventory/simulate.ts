/** What a replenishment rule sees each morning before the day's demand. */
export type StockState = { day: number; onHand: number; onOrder: number };

export type SimulationInput = {
  days: number;
  leadTimeDays: number;
  initialOnHand: number;
  /** Units ordered this morning (0 for none); arrives the morning `leadTimeDays` later. */
  decide: (state: StockState) => number;
  /** The day's demand, drawn fresh from the true process. */
  demand: (day: number) => number;
  unmet: "lost_sales" | "backorders";
  /** Days between reviews: cycle service level is counted per cycle between arrivals. */
  reviewPeriodDays: number;
};

export type SimulationResult = {
  demand: number;
  served: number;
  fillRate: number;
  cycles: number;
  /** Share of review cycles (order arrival to the next) without a day of unmet demand. */
  cycleServiceLevel: number;
  averageOnHand: number;
  orders: number;
};

/**
 * Follows a rule day by day: morning arrivals, the rule's order, then demand served from stock;
 * the rest is lost or backordered. Cycle k runs from the arrival of the order placed at review k
 * to the next arrival, so its stockouts are those that order should have prevented.
 */
export function simulatePolicy(input: SimulationInput): SimulationResult {
  const { days, leadTimeDays: L, reviewPeriodDays: R } = input;
  const arrivals = new Float64Array(days + L + 1);
  let onHand = input.initialOnHand;
  let onOrder = 0;
  let demanded = 0;
  let served = 0;
  let held = 0;
  let orders = 0;
  const short = new Uint8Array(days);
  for (let t = 0; t < days; t++) {
    const arriving = arrivals[t]!;
    onHand += arriving;
    onOrder -= arriving;
    const quantity = Math.max(0, Math.round(input.decide({ day: t, onHand, onOrder })));
    if (quantity > 0) {
      orders++;
      if (L === 0) onHand += quantity;
      else {
        arrivals[t + L] = arrivals[t + L]! + quantity;
        onOrder += quantity;
      }
    }
    const d = input.demand(t);
    const available = Math.max(0, onHand);
    const sold = Math.min(d, available);
    demanded += d;
    served += sold;
    if (d > available) short[t] = 1;
    onHand = input.unmet === "lost_sales" ? onHand - sold : onHand - d;
    held += Math.max(0, onHand);
  }
  let cycles = 0;
  let clean = 0;
  for (let start = L; start + R <= days; start += R) {
    cycles++;
    if (!short.subarray(start, start + R).some((x) => x === 1)) clean++;
  }
  return { demand: demanded, served, fillRate: demanded > 0 ? served / demanded : 1, cycles, cycleServiceLevel: cycles ? clean / cycles : 1, averageOnHand: held / days, orders };
}
