import { describe, expect, it } from "vitest";
import type { Series } from "@/models/data";
import { arcElasticity, MIN_MOVED_DAYS, priceHistory } from "./price-response";

function series(prices: number[] | null, discount?: number[]): Series {
  const n = prices?.length ?? 100;
  return {
    storeId: "S1",
    itemId: "I1",
    firstDay: 0,
    lastDay: n - 1,
    units: new Float32Array(n).fill(3),
    price: prices ? Float32Array.from(prices) : undefined,
    discount: discount ? Float32Array.from(discount) : undefined,
    censored: new Uint8Array(n),
  };
}

describe("priceHistory", () => {
  it("refuses to learn a response without prices, and says what history is needed", () => {
    const h = priceHistory([series(null)], 0, 99);
    expect(h.enough).toBe(false);
    expect(h.observed).toBeNull();
    expect(h.reason).toMatch(/no prices/);
  });

  it("refuses a price that never moved, naming the days it needs", () => {
    const h = priceHistory([series(Array(100).fill(2.49))], 0, 99);
    expect(h).toMatchObject({ enough: false, levels: 1, daysAwayFromMedian: 0 });
    expect(h.observed!.max).toBeCloseTo(2.49, 5);
    expect(h.reason).toContain(`${MIN_MOVED_DAYS} or more`);
  });

  it("counts promotions' net prices as variation and reports the observed range", () => {
    const discount = Array.from({ length: 100 }, (_, d) => (d % 5 === 0 ? 0.2 : 0));
    const h = priceHistory([series(Array(100).fill(2.5), discount)], 0, 99);
    expect(h.enough).toBe(true);
    expect(h.daysAwayFromMedian).toBe(20);
    expect(h.observed!.min).toBeCloseTo(2, 5);
    expect(h.observed!.max).toBeCloseTo(2.5, 5);
  });
});

describe("arcElasticity", () => {
  it("recovers a constant elasticity to within the midpoint formula's error", () => {
    const q = (p: number) => 100 * p ** -2;
    expect(arcElasticity(0.91, q(0.91), 1.09, q(1.09))).toBeCloseTo(-2, 1);
    expect(arcElasticity(1, 10, 1.1, 10)).toBe(0);
  });
});
