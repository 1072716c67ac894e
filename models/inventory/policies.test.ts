import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/models/util";
import { negativeBinomial } from "./demand-distribution";
import { recommend } from "./recommend";
import type { RecommendationInput } from "./recommend";
import { simulatePolicy } from "./simulate";

const flat = (mean: number, sd: number, n = 28) => Array.from({ length: n }, () => ({ mean, sd }));

const base: RecommendationInput = {
  days: flat(8, 4),
  correlation: 0,
  onHand: 20,
  onOrder: 0,
  leadTimeDays: 4,
  reviewPeriodDays: 7,
  policy: "periodic_review",
  target: { measure: "cycle_service_level", level: 0.95, unmet: "lost_sales" },
  unitCost: 2,
  unitPrice: 3.5,
  orderCost: 20,
  holdingCostRate: 0.25,
  terms: { packSize: 1, minimumOrder: 0 },
};

describe("recommendation properties", () => {
  it("a higher service level holds more safety stock, for both policies", () => {
    for (const policy of ["periodic_review", "continuous_review"] as const) {
      const levels = [0.8, 0.9, 0.95, 0.99].map((level) => recommend({ ...base, policy, target: { ...base.target, level } }).safetyStock);
      for (let i = 1; i < levels.length; i++) expect(levels[i]).toBeGreaterThan(levels[i - 1]!);
    }
  });

  it("a longer lead time raises the reorder point and the order-up-to level", () => {
    const at = (leadTimeDays: number) => recommend({ ...base, leadTimeDays });
    for (let L = 1; L < 14; L++) {
      expect(at(L + 1).reorderPoint).toBeGreaterThan(at(L).reorderPoint);
      expect(at(L + 1).orderUpTo).toBeGreaterThan(at(L).orderUpTo);
    }
  });

  it("zero demand orders nothing, has no stockout risk and no due date", () => {
    for (const policy of ["periodic_review", "continuous_review"] as const) {
      const r = recommend({ ...base, policy, onHand: 0, days: flat(0, 0) });
      expect(r.orderQuantity).toBe(0);
      expect(r.orderDay).toBeNull();
      expect(r.stockoutProbability).toBe(0);
      expect(r.daysOfCover).toBeNull();
    }
  });

  it("(R, S) orders up to S in whole packs; (s, Q) orders EOQ packs only at or below s", () => {
    const periodic = recommend({ ...base, terms: { packSize: 6, minimumOrder: 0 } });
    expect(periodic.orderQuantity % 6).toBe(0);
    expect(periodic.inventoryPosition + periodic.orderQuantity).toBeGreaterThanOrEqual(periodic.orderUpTo);
    expect(periodic.inventoryPosition + periodic.orderQuantity - periodic.orderUpTo).toBeLessThan(6);

    const continuous = recommend({ ...base, policy: "continuous_review", onHand: 200 });
    expect(continuous.orderQuantity).toBe(0);
    expect(continuous.orderDay).toBeGreaterThan(0);
    // EOQ: √(2 · 20 · 8·365 / (0.25 · 2)) = 483.3 → 484 units
    expect(continuous.economicQuantity).toBe(484);
  });

  it("days of cover and the chance of a stockout before delivery follow the stock", () => {
    const r = recommend({ ...base, onHand: 16 });
    expect(r.daysOfCover).toBeCloseTo(2, 10);
    // lead-time demand has mean 32: with 16 in hand a stockout is near certain
    expect(r.stockoutProbability).toBeGreaterThan(0.95);
    expect(recommend({ ...base, onHand: 80 }).stockoutProbability).toBeLessThan(0.01);
  });
});

/** Inverse-CDF draw from the policy's own count distribution: the "true process" of this test. */
const draw = (random: () => number, mean: number, variance: number) => negativeBinomial(mean, variance).quantile(Math.min(1 - 1e-12, Math.max(1e-12, random())));

describe("simulation against a known demand process", () => {
  const cases = [
    { name: "slow mover, CSL 95%", mean: 0.6, variance: 1.2, level: 0.95, measure: "cycle_service_level" },
    { name: "medium mover, CSL 90%", mean: 8, variance: 24, level: 0.9, measure: "cycle_service_level" },
    { name: "medium mover, fill rate 98%", mean: 8, variance: 24, level: 0.98, measure: "fill_rate" },
  ] as const;
  for (const c of cases) {
    for (const unmet of ["backorders", "lost_sales"] as const) {
      it(`${c.name}, ${unmet}: the achieved level is within 2 points of the target`, () => {
        const random = mulberry32(42);
        const days = flat(c.mean, Math.sqrt(c.variance), 60);
        const target = { measure: c.measure, level: c.level, unmet };
        const L = 3;
        const R = 7;
        const result = simulatePolicy({
          days: 7 * 4000,
          leadTimeDays: L,
          reviewPeriodDays: R,
          initialOnHand: 0,
          unmet,
          demand: () => draw(random, c.mean, c.variance),
          decide: ({ day, onHand, onOrder }) => (day % R === 0 ? recommend({ ...base, days, leadTimeDays: L, reviewPeriodDays: R, target, onHand, onOrder }).orderQuantity : 0),
        });
        const achieved = c.measure === "fill_rate" ? result.fillRate : result.cycleServiceLevel;
        expect(Math.abs(achieved - c.level), `achieved ${achieved.toFixed(4)}`).toBeLessThan(0.02);
      });
    }
  }
});
