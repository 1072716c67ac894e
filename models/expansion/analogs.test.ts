import { describe, expect, it } from "vitest";
import { analyseExpansion, fitSizeExponent } from "./analogs";
import type { ExistingStore } from "./analogs";

const store = (id: string, sizeSqm: number, region: string, format: string, city: string, scale: number): ExistingStore => ({
  id,
  sizeSqm,
  region,
  format,
  city,
  sales: { Coats: 1000 * scale, Knitwear: 400 * scale },
});

// Sales ∝ √size, as the demo generator makes them (storeSizeExponent 0.5).
const STORES = [
  store("N01", 1800, "Nordost", "Flagship", "Berlin", Math.sqrt(1.8)),
  store("N02", 1500, "Nord", "Flagship", "Hamburg", Math.sqrt(1.5)),
  store("N04", 900, "West", "High street", "Köln", Math.sqrt(0.9)),
  store("N05", 850, "West", "High street", "Frankfurt", Math.sqrt(0.85)),
  store("N07", 600, "Nordost", "Mall", "Leipzig", Math.sqrt(0.6)),
];

describe("analyseExpansion", () => {
  it("gives an existing store's twin that store the highest weight and its sales", () => {
    const r = analyseExpansion({ id: "new", sizeSqm: 900, region: "West", format: "High street", city: "Köln" }, STORES, { k: 3 });
    expect(r.analogs[0]!.id).toBe("N04");
    expect(r.analogs[0]!.distance).toBe(0);
    expect(r.analogs[0]!.weight).toBeGreaterThan(r.analogs[1]!.weight);
    expect(r.analogs.reduce((a, x) => a + x.weight, 0)).toBeCloseTo(1, 12);
    expect(r.sizeExponent).toBeCloseTo(0.5, 9);
    const coats = r.projection.find((p) => p.category === "Coats")!;
    // Every analog scaled to 900 m² with the fitted exponent sells what N04 sells.
    expect(coats.expected).toBeCloseTo(1000 * Math.sqrt(0.9), 6);
    expect(coats.p10).toBeLessThanOrEqual(coats.expected + 1e-9);
    expect(coats.p90).toBeGreaterThanOrEqual(coats.expected - 1e-9);
    expect(r.caveat).toBeNull();
  });

  it("widens the interval when analogs disagree, and weighs nearer stores more", () => {
    const noisy = STORES.map((s, i) => ({ ...s, sales: { Coats: s.sales.Coats! * (i % 2 ? 1.3 : 0.7) } }));
    const r = analyseExpansion({ id: "new", sizeSqm: 1000, region: "West", format: "High street", city: "Düsseldorf" }, noisy, { k: 4 });
    const coats = r.projection[0]!;
    expect(coats.p90 - coats.p10).toBeGreaterThan(0.2 * coats.expected);
    for (let i = 1; i < r.analogs.length; i++) {
      expect(r.analogs[i]!.distance).toBeGreaterThanOrEqual(r.analogs[i - 1]!.distance);
      expect(r.analogs[i]!.weight).toBeLessThanOrEqual(r.analogs[i - 1]!.weight + 1e-12);
    }
  });

  it("warns when analogs are few or unlike the candidate", () => {
    const few = analyseExpansion({ id: "new", sizeSqm: 900, region: "West", format: "High street", city: "Köln" }, STORES.slice(2, 4));
    expect(few.analogs).toHaveLength(2);
    expect(few.caveat).toMatch(/only 2 existing stores/);
    const unlike = analyseExpansion({ id: "new", sizeSqm: 8000, region: "Schweiz", format: "Outlet", city: "Zürich" }, STORES);
    expect(unlike.caveat).toMatch(/closest store .* differs a lot/);
  });

  it("rejects what it cannot compare", () => {
    expect(() => analyseExpansion({ id: "new", sizeSqm: null, region: "West", format: null, city: null }, STORES)).toThrow(/size in m²/);
    expect(() => analyseExpansion({ id: "new", sizeSqm: 900, region: null, format: null, city: null }, [])).toThrow(/no existing stores/);
    expect(() => analyseExpansion({ id: "new", sizeSqm: 900, region: null, format: null, city: null }, STORES, { weights: { size: 0, region: 0, format: 0, city: 0 } })).toThrow(/weights/);
  });

  it("fits the size exponent, proportional without two sizes", () => {
    expect(fitSizeExponent(STORES.slice(0, 1))).toBe(1);
    expect(fitSizeExponent(STORES.map((s) => ({ ...s, sales: { Coats: s.sizeSqm! } })))).toBeCloseTo(1, 9);
  });
});
