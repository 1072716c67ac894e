import { describe, expect, it } from "vitest";
import { negativeBinomial, poisson } from "./demand-distribution";
import { economicOrderQuantity } from "./eoq";
import { dailyMoments, sumOfParts } from "./lead-time-demand";
import { normalNewsvendor } from "./newsvendor";
import { normalCdf, normalLoss, normalQuantile } from "./normal";
import { roundOrder } from "./order-quantity";
import { fillRate, orderUpToLevel, reorderPoint } from "./service-target";

describe("published reference values", () => {
  it("EOQ with K = 8, h = 0.225, λ = 1300 is Q = 304.05 at a cost of 68.41", () => {
    const { quantity, annualCost } = economicOrderQuantity(8, 1300, 0.225);
    expect(quantity).toBeCloseTo(304.05, 2);
    expect(annualCost).toBeCloseTo(68.41, 2);
  });

  it("normal newsvendor with h = 2, p = 18, μ = 120, σ = 10 stocks S = 132.8155", () => {
    expect(normalNewsvendor(120, 10, 2, 18)).toBeCloseTo(132.8155, 4);
  });

  it("standard normal tables: Φ(1.645) = 0.95, Φ⁻¹(0.975) = 1.95996, G(0) = 0.39894, G(1) = 0.08332", () => {
    expect(normalCdf(1.645)).toBeCloseTo(0.95002, 5);
    expect(normalQuantile(0.975)).toBeCloseTo(1.959964, 6);
    expect(normalQuantile(0.025)).toBeCloseTo(-1.959964, 6);
    expect(normalLoss(0)).toBeCloseTo(0.398942, 6);
    expect(normalLoss(1)).toBeCloseTo(0.083316, 5);
  });
});

describe("count distributions, by hand", () => {
  it("Poisson(2): P(D ≤ 1) = 3e⁻², the 0.9-quantile is 4, E[(D − 2)+] = 4e⁻²", () => {
    const d = poisson(2);
    expect(d.cdf(1)).toBeCloseTo(3 * Math.exp(-2), 10);
    // P(D ≤ 3) = 0.857, P(D ≤ 4) = 0.947
    expect(d.quantile(0.9)).toBe(4);
    // E[(D − 2)+] = μ − 2 + Σ_{k<2} (2 − k)·p(k) = 2·e⁻² + 2e⁻²
    expect(d.expectedShortage(2)).toBeCloseTo(4 * Math.exp(-2), 10);
    expect(d.expectedShortage(0)).toBeCloseTo(2, 10);
  });

  it("negative binomial with mean 4 and variance 12 (r = 2, p = 1/3): P(D = 0) = 1/9, P(D = 1) = 4/27", () => {
    const d = negativeBinomial(4, 12);
    expect(d.kind).toBe("negative_binomial");
    expect(d.cdf(0)).toBeCloseTo(1 / 9, 12);
    expect(d.cdf(1)).toBeCloseTo(1 / 9 + 4 / 27, 12);
    expect(d.expectedShortage(1)).toBeCloseTo(4 - 1 + 1 / 9, 12);
  });

  it("a fast mover is normal: mean 1000, sd 50 has its 95th percentile at ⌈1000 + 1.645·50⌉", () => {
    const d = negativeBinomial(1000, 2500);
    expect(d.kind).toBe("normal");
    expect(d.quantile(0.95)).toBe(Math.ceil(1000 + normalQuantile(0.95) * 50));
    expect(d.expectedShortage(1000)).toBeCloseTo(50 * normalLoss(0), 6);
  });
});

describe("lead-time demand", () => {
  const days = Array.from({ length: 5 }, () => ({ mean: 10, sd: 4 }));
  it("independent days add variances; fully correlated days add standard deviations", () => {
    expect(sumOfParts(days, 0).variance).toBeCloseTo(5 * 16, 10);
    expect(sumOfParts(days, 1).variance).toBeCloseTo(20 * 20, 10);
    expect(sumOfParts(days, 0).mean).toBe(50);
  });
  it("its 90% quantile is below the sum of daily 90% quantiles when days are independent (quantiles do not add)", () => {
    const daily = negativeBinomial(10, 16).quantile(0.9);
    expect(sumOfParts(days, 0).quantile(0.9)).toBeLessThan(5 * daily);
  });
  it("a day's mean is the mean model's forecast when there is one, Swanson's rule on the quantiles otherwise", () => {
    const calibration = { varianceScale: 1, meanScale: 1.1 };
    expect(dailyMoments({ p10: 0, p50: 1, p90: 6, mean: 2.5 }, calibration).mean).toBeCloseTo(1.1 * 2.5, 12);
    expect(dailyMoments({ p10: 0, p50: 1, p90: 6, mean: null }, calibration).mean).toBeCloseTo(1.1 * (0.4 + 1.8), 12);
    expect(dailyMoments({ p10: 0, p50: 1, p90: 6 }, calibration).sd).toBe(dailyMoments({ p10: 0, p50: 1, p90: 6, mean: 2.5 }, calibration).sd);
  });
});

describe("service targets", () => {
  const lead = poisson(20);
  const protection = poisson(30);
  it("cycle service level is the quantile of protection-period demand", () => {
    const S = orderUpToLevel({ measure: "cycle_service_level", level: 0.95, unmet: "lost_sales" }, protection, lead, 10);
    expect(protection.cdf(S)).toBeGreaterThanOrEqual(0.95);
    expect(protection.cdf(S - 1)).toBeLessThan(0.95);
  });
  it("fill rate: the smallest S whose backorder shortage per cycle is within (1 − β)·E[D_R]", () => {
    const target = { measure: "fill_rate", level: 0.98, unmet: "backorders" } as const;
    const S = orderUpToLevel(target, protection, lead, 10);
    const shortage = (s: number) => protection.expectedShortage(s) - lead.expectedShortage(s);
    expect(shortage(S)).toBeLessThanOrEqual(0.02 * 10 + 1e-12);
    expect(shortage(S - 1)).toBeGreaterThan(0.02 * 10);
  });
  it("lost sales need less stock than backorders for the same fill rate", () => {
    const lost = orderUpToLevel({ measure: "fill_rate", level: 0.98, unmet: "lost_sales" }, protection, lead, 10);
    const back = orderUpToLevel({ measure: "fill_rate", level: 0.98, unmet: "backorders" }, protection, lead, 10);
    expect(lost).toBeLessThanOrEqual(back);
    expect(fillRate(1, 10, "lost_sales")).toBeCloseTo(10 / 11, 12);
    expect(fillRate(1, 10, "backorders")).toBeCloseTo(0.9, 12);
  });
  it("(s, Q) fill rate: E[(D_L − s)+] ≤ (1 − β)·Q with backorders", () => {
    const s = reorderPoint({ measure: "fill_rate", level: 0.99, unmet: "backorders" }, lead, 50);
    expect(lead.expectedShortage(s)).toBeLessThanOrEqual(0.5 + 1e-12);
    expect(lead.expectedShortage(s - 1)).toBeGreaterThan(0.5);
  });
  it("orders come in whole packs and at least the minimum; nothing wanted is nothing ordered", () => {
    expect(roundOrder(13, { packSize: 6, minimumOrder: 0 })).toBe(18);
    expect(roundOrder(3, { packSize: 1, minimumOrder: 10 })).toBe(10);
    expect(roundOrder(3, { packSize: 4, minimumOrder: 10 })).toBe(12);
    expect(roundOrder(0, { packSize: 6, minimumOrder: 10 })).toBe(0);
  });
});
