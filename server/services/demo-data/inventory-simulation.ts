import "server-only";
import type { GeneratorParams } from "@/server/tenants/tenant-config";
import { sampleNegativeBinomial, samplePoisson } from "./distributions";
import type { Rng } from "./prng";

export type SeriesInput = {
  /** First and last day index (inclusive) the item is on sale in the store. */
  firstDay: number;
  lastDay: number;
  /** Expected in-store demand per day in a reference-size store (demand.ts). */
  demandCurve: Float64Array;
  /** What the planner expects per day, same scale. */
  plannedCurve: Float64Array;
  sizeFactor: number;
  /** Online demand as a multiple of in-store demand: share / (1 − share). */
  onlineRatio: number;
  leadTimeDays: number;
  /** Calendar weekdays (0 = Monday): stock is counted every Sunday night. */
  weekday: Uint8Array;
  params: Pick<GeneratorParams, "demandDispersion" | "inventory">;
  rng: Rng;
};

/** One store-item's days, indexed from `firstDay`. */
export type SeriesOutcome = {
  latentMean: Float64Array;
  demand: Int32Array;
  available: Int32Array;
  units: Int32Array;
  onlineMean: Float64Array;
  onlineDemand: Int32Array;
  onlineUnits: Int32Array;
  /** End-of-Sunday stock counts, and the count at the end of the last day. */
  snapshots: { day: number; onHand: number; onOrder: number }[];
};

/**
 * Runs a store's periodic-review, order-up-to replenishment for one item and sells from the stock
 * it has: units = min(demand, on hand). Store customers are served before click-and-collect orders
 * picked from the same shelf. Missed deliveries and unplanned peaks cause the stockouts.
 */
export function simulateSeries(input: SeriesInput): SeriesOutcome {
  const { firstDay, lastDay, sizeFactor, onlineRatio, leadTimeDays, rng } = input;
  const { demandDispersion, inventory } = input.params;
  const length = lastDay - firstDay + 1;
  const out: SeriesOutcome = {
    latentMean: new Float64Array(length),
    demand: new Int32Array(length),
    available: new Int32Array(length),
    units: new Int32Array(length),
    onlineMean: new Float64Array(length),
    onlineDemand: new Int32Array(length),
    onlineUnits: new Int32Array(length),
    snapshots: [],
  };
  const cover = leadTimeDays + inventory.reviewPeriodDays;
  // Order-up-to level: expected demand over lead time plus review period, plus safety stock for
  // negative-binomial noise on that total.
  const orderUpTo = (day: number) => {
    const daily = (input.plannedCurve[day] ?? 0) * sizeFactor * (1 + onlineRatio);
    const expected = daily * cover;
    const sd = Math.sqrt(cover * (daily + (daily * daily) / demandDispersion));
    return Math.max(1, Math.ceil(expected + inventory.safetyFactor * sd));
  };
  const arrivals = new Int32Array(length + leadTimeDays + 1);
  let onHand = orderUpTo(firstDay);
  let onOrder = 0;
  for (let t = 0; t < length; t++) {
    const day = firstDay + t;
    const due = arrivals[t] ?? 0;
    if (due > 0) {
      onOrder -= due;
      if (rng.next() >= inventory.missedDeliveryProbability) onHand += due;
    }
    const mean = (input.demandCurve[day] ?? 0) * sizeFactor;
    const demand = sampleNegativeBinomial(rng, mean, demandDispersion);
    const units = Math.min(demand, onHand);
    out.latentMean[t] = mean;
    out.demand[t] = demand;
    out.available[t] = onHand;
    out.units[t] = units;
    onHand -= units;

    const onlineMean = mean * onlineRatio;
    const onlineDemand = samplePoisson(rng, onlineMean);
    const onlineUnits = Math.min(onlineDemand, onHand);
    out.onlineMean[t] = onlineMean;
    out.onlineDemand[t] = onlineDemand;
    out.onlineUnits[t] = onlineUnits;
    onHand -= onlineUnits;

    if (t % inventory.reviewPeriodDays === 0 && day < lastDay) {
      const shortfall = orderUpTo(day) - (onHand + onOrder);
      if (shortfall > 0) {
        arrivals[t + leadTimeDays] = (arrivals[t + leadTimeDays] ?? 0) + shortfall;
        onOrder += shortfall;
      }
    }
    // Weekly counts, and one at the end of the history: the stock a decision made today starts from.
    if (input.weekday[day] === 6 || day === lastDay) out.snapshots.push({ day, onHand, onOrder });
  }
  return out;
}
