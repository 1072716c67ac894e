import { describe, expect, it } from "vitest";
import { lostSalesIncurred } from "./lost-sales";
import type { HistoryDay } from "./lost-sales";

const day = (units: number, onlineUnits: number, price: number, stockedOut = false, modelMean: number | null = null): HistoryDay => ({ units, onlineUnits, price, stockedOut, modelMean });

describe("lost sales already incurred", () => {
  it("estimates each stocked-out day of the window from the clean days before it, or from the model's forecast of the day", () => {
    const days = [
      day(10, 2, 2), // baseline
      day(6, 1, 2, true), // stocked out before the window: no baseline, not counted
      day(14, 2, 2), // baseline
      // Window from here. No forecast: expected in store (10 + 14) / 2 = 12, web 12 × 4/24 = 2.
      // Lost (12 − 4) + (2 − 0) = 10 units, at 2.50: revenue 25, margin 10 × (2.50 − 1) = 15.
      day(4, 0, 2.5, true),
      day(9, 1, 2),
      // The model forecast 18 in store; 20 sold, so nothing lost there; web 18 × 5/33 ≈ 2.73 < 3 sold.
      day(20, 3, 2, true, 18),
      null, // not on sale
    ];
    expect(lostSalesIncurred(days, 3, 1)).toEqual({ stockoutDays: 2, estimatedDays: 2, units: 10, revenue: 25, margin: 15 });
  });

  it("takes the model's forecast over the baseline when it has one", () => {
    const days = [day(10, 0, 3), day(2, 0, 3, true, 7)];
    // 7 − 2 = 5 lost in store, none on the web (no web sales in the baseline).
    expect(lostSalesIncurred(days, 1, 2)).toEqual({ stockoutDays: 1, estimatedDays: 1, units: 5, revenue: 15, margin: 5 });
  });

  it("counts a stocked-out day with neither a forecast nor a clean day before it, without estimating it", () => {
    expect(lostSalesIncurred([day(0, 0, 3, true)], 0, 1)).toEqual({ stockoutDays: 1, estimatedDays: 0, units: 0, revenue: 0, margin: 0 });
    expect(lostSalesIncurred([null, day(3, 0, 3)], 0, 1)).toEqual({ stockoutDays: 0, estimatedDays: 0, units: 0, revenue: 0, margin: 0 });
  });

  it("uses only the 28 days before a stocked-out day as its baseline", () => {
    const days = [day(100, 0, 1), ...Array.from({ length: 28 }, () => day(5, 0, 1)), day(1, 0, 1, true)];
    expect(lostSalesIncurred(days, 29, 0).units).toBe(4);
  });
});
