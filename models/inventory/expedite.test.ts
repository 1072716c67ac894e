import { describe, expect, it } from "vitest";
import { planExpedite } from "./expedite";

/** E[(N − x)+] for N ~ Poisson(mean), summed by hand: mean − x + Σ_{k<x} (x − k)·p(k). */
function poissonShortage(mean: number, x: number): number {
  let p = Math.exp(-mean);
  let below = 0;
  for (let k = 0; k < x; k++) {
    below += (x - k) * p;
    p *= mean / (k + 1);
  }
  return mean - x + below;
}

// Five a day, Poisson (sd = √5), days independent: the demand of n days is Poisson(5n).
const days = Array.from({ length: 28 }, () => ({ mean: 5, sd: Math.sqrt(5) }));
const base = { days, correlation: 0, onHand: 10, onOrder: 40, arrivesInDays: 6, expediteLeadTimeDays: 1, costPerUnit: 0.1, unitMargin: 2 };

describe("expediting an open order", () => {
  it("pays when the shelf runs out before the order arrives: margin saved less the rush cost", () => {
    const rush = planExpedite(base)!;
    // 10 on hand at 5 a day: expected empty at the end of day 1, the order comes on day 6.
    expect(rush).toMatchObject({ stockoutDay: 1, arrivesInDays: 6, expeditedInDays: 1 });
    const saved = poissonShortage(30, 10) - poissonShortage(5, 10) - poissonShortage(30, 50);
    expect(rush.unitsSaved).toBeCloseTo(saved, 8);
    expect(rush.unitsSaved).toBeCloseTo(19.98, 2);
    expect(rush.cost).toBeCloseTo(4, 10);
    expect(rush.value).toBeCloseTo(saved * 2 - 4, 8);
  });

  it("is not proposed when it costs more than it saves, cannot arrive sooner, or the stock lasts until the order", () => {
    expect(planExpedite({ ...base, costPerUnit: 1 })).toBeNull(); // 40 > 2 × 19.98
    expect(planExpedite({ ...base, expediteLeadTimeDays: 6 })).toBeNull();
    expect(planExpedite({ ...base, onHand: 40 })).toBeNull(); // 40 − 6 × 5 > 0 when it arrives
    expect(planExpedite({ ...base, onOrder: 0 })).toBeNull();
  });

  it("saves more the sooner the rushed order comes", () => {
    const sameDay = planExpedite({ ...base, expediteLeadTimeDays: 0 })!;
    const inThree = planExpedite({ ...base, expediteLeadTimeDays: 3 })!;
    expect(sameDay.unitsSaved).toBeGreaterThan(planExpedite(base)!.unitsSaved);
    expect(planExpedite(base)!.unitsSaved).toBeGreaterThan(inThree.unitsSaved);
  });
});
