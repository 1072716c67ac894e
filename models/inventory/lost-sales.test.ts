import { describe, expect, it } from "vitest";
import { negativeBinomial } from "./demand-distribution";
import { lostSalesIncurred } from "./lost-sales";
import type { HistoryDay } from "./lost-sales";

const day = (units: number, onlineUnits: number, price: number, stockedOut = false, model: HistoryDay["model"] = null, promo = false): HistoryDay => ({ units, onlineUnits, price, promo, stockedOut, model });

/** E[N − u | N > u] for N ~ Poisson(mean), summed by hand. */
function poissonExcess(mean: number, u: number): number {
  let p = Math.exp(-mean);
  let atOrBelow = 0;
  let below = 0;
  for (let k = 0; k <= u; k++) {
    atOrBelow += p;
    below += (u - k) * p;
    p *= mean / (k + 1);
  }
  return (mean - u + below) / (1 - atOrBelow);
}

describe("lost sales already incurred", () => {
  it("estimates each stocked-out day of the window as demand beyond what sold, given that it ran out", () => {
    const days = [
      day(10, 2, 2), // baseline
      day(6, 1, 2, true), // stocked out before the window: no baseline, not counted
      day(14, 2, 2), // baseline
      // Window from here. No forecast: baseline mean 12, sample variance 8 ≤ 12, so Poisson(12).
      day(4, 0, 2.5, true),
      day(9, 1, 2),
      // The model forecast 18 (no band: Poisson); 20 sold, so demand was above 20.
      day(20, 3, 2, true, { mean: 18, sd: 0 }),
      null, // not on sale
    ];
    const first = poissonExcess(12, 4);
    const firstWeb = (4 + first) * (4 / 24); // web-to-store 4 : 24 on the clean days before, none sold
    const second = poissonExcess(18, 20);
    const secondWeb = Math.max(0, (20 + second) * (5 / 33) - 3);
    expect(first).toBeGreaterThan(12 - 4); // more than mean less sold: the day ran high
    expect(secondWeb).toBeGreaterThan(0);
    const lost = lostSalesIncurred(days, 3, 1);
    expect(lost).toMatchObject({ stockoutDays: 2, estimatedDays: 2 });
    expect(lost.units).toBeCloseTo(first + firstWeb + second + secondWeb, 9);
    expect(lost.revenue).toBeCloseTo((first + firstWeb) * 2.5 + (second + secondWeb) * 2, 9);
    expect(lost.margin).toBeCloseTo((first + firstWeb) * 1.5 + (second + secondWeb) * 1, 9);
  });

  it("takes the model's forecast over the baseline when it has one", () => {
    const lost = lostSalesIncurred([day(10, 0, 3), day(2, 0, 3, true, { mean: 7, sd: 0 })], 1, 2);
    expect(lost.units).toBeCloseTo(poissonExcess(7, 2), 9);
    expect(lost.revenue).toBeCloseTo(poissonExcess(7, 2) * 3, 9);
    expect(lost.margin).toBeCloseTo(poissonExcess(7, 2), 9);
  });

  it("counts a stocked-out day with neither a forecast nor a clean day before it, without estimating it", () => {
    expect(lostSalesIncurred([day(0, 0, 3, true)], 0, 1)).toEqual({ stockoutDays: 1, estimatedDays: 0, units: 0, revenue: 0, margin: 0 });
    expect(lostSalesIncurred([null, day(3, 0, 3)], 0, 1)).toEqual({ stockoutDays: 0, estimatedDays: 0, units: 0, revenue: 0, margin: 0 });
  });

  it("holds a promotion day to the clean promotion days before it when there are at least three", () => {
    const plain = Array.from({ length: 10 }, () => day(5, 0, 2));
    const promos = [day(20, 0, 1.5, false, null, true), day(20, 0, 1.5, false, null, true)];
    const out = day(3, 0, 1.5, true, null, true);
    // Two promotion days are too few: all twelve clean days, mean 7.5, sample variance 27.27.
    const mean = (5 * 10 + 40) / 12;
    const variance = (10 * 25 + 2 * 400 - 12 * mean * mean) / 11;
    const few = lostSalesIncurred([...plain, ...promos, out], 12, 1).units;
    const nb = negativeBinomial(mean, variance);
    expect(few).toBeCloseTo(nb.expectedShortage(3) / (1 - nb.cdf(3)), 9);
    // A third makes them the baseline: mean 20, no spread (Poisson(20)).
    const many = lostSalesIncurred([...plain, ...promos, day(20, 0, 1.5, false, null, true), out], 13, 1).units;
    expect(many).toBeCloseTo(poissonExcess(20, 3), 9);
  });

  it("uses only the 28 days before a stocked-out day as its baseline", () => {
    const days = [day(100, 0, 1), ...Array.from({ length: 28 }, () => day(5, 0, 1)), day(1, 0, 1, true)];
    expect(lostSalesIncurred(days, 29, 0).units).toBeCloseTo(poissonExcess(5, 1), 9);
  });
});
