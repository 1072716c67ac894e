import { describe, expect, it } from "vitest";
import { mulberry32 } from "../util";
import { candidatePrices, recommendPrice, unitsAt } from "./optimise-price";
import type { CurvePoint, Guardrails } from "./optimise-price";

/** A constant-elasticity curve a·p^e with a ±30% band, sampled at 21 points over [lo, hi]. */
function curve(a: number, e: number, lo: number, hi: number): CurvePoint[] {
  return Array.from({ length: 21 }, (_, k) => {
    const price = lo + ((hi - lo) * k) / 20;
    const p50 = a * price ** e;
    return { price, units: { p10: 0.7 * p50, p50, p90: 1.3 * p50 } };
  });
}

describe("recommendPrice", () => {
  it("never breaks a guardrail, over 2,000 random settings", () => {
    const random = mulberry32(42);
    let recommended = 0;
    for (let trial = 0; trial < 2000; trial++) {
      const current = 0.5 + random() * 20;
      const cost = current * (0.3 + random() * 0.8);
      const lo = current * (0.5 + random() * 0.4);
      const hi = current * (1.1 + random() * 0.6);
      const c = curve(100 * (0.1 + random()), -0.3 - random() * 3, lo, hi);
      const endingSets: number[][] = [[], [0.99], [0.49, 0.99], [0.29, 0.59, 0.79, 0.95]];
      const g: Guardrails = {
        maxStep: 0.02 + random() * 0.3,
        minMargin: random() * 0.5,
        endings: endingSets[Math.floor(random() * endingSets.length)]!,
        floor: random() < 0.3 ? current * (0.8 + random() * 0.3) : null,
        ceiling: random() < 0.3 ? current * (0.9 + random() * 0.4) : null,
        observed: random() < 0.9 ? { min: lo * (1 + random() * 0.2), max: hi * (1 - random() * 0.2) } : null,
        allowExtrapolation: random() < 0.2,
      };
      const r = recommendPrice(c, current, cost, g);
      if (!r.recommended) continue;
      recommended++;
      const p = r.recommended.price;
      const eps = 1e-9;
      expect(Math.abs(p / current - 1)).toBeLessThanOrEqual(g.maxStep + eps);
      expect((p - cost) / p).toBeGreaterThanOrEqual(g.minMargin - eps);
      if (g.floor != null) expect(p).toBeGreaterThanOrEqual(g.floor - eps);
      if (g.ceiling != null) expect(p).toBeLessThanOrEqual(g.ceiling + eps);
      if (g.observed && !g.allowExtrapolation) {
        expect(p).toBeGreaterThanOrEqual(g.observed.min - eps);
        expect(p).toBeLessThanOrEqual(g.observed.max + eps);
      }
      expect(r.recommended.extrapolated).toBe(g.observed !== null && (p < g.observed.min - eps || p > g.observed.max + eps));
      if (g.endings.length > 0) expect(g.endings.map((e) => Math.round(e * 100))).toContain(Math.round(p * 100) % 100);
      // Within the allowed prices, nothing earns more.
      for (const q of candidatePrices(r.allowed!.min - 0.01, r.allowed!.max + 0.01, g.endings)) {
        const ok = Math.abs(q / current - 1) <= g.maxStep && (q - cost) / q >= g.minMargin && (g.floor == null || q >= g.floor) && (g.ceiling == null || q <= g.ceiling) && (!g.observed || g.allowExtrapolation || (q >= g.observed.min && q <= g.observed.max));
        if (ok) expect((q - cost) * unitsAt(c, q).p50).toBeLessThanOrEqual(r.recommended.profit.p50 + 1e-6);
      }
    }
    // Most settings leave some price: the check above is not vacuous.
    expect(recommended).toBeGreaterThan(1000);
  });

  it("finds the constant-elasticity optimum cost·e/(1+e) when the guardrails leave room", () => {
    const c = curve(1000, -2, 1, 6);
    const r = recommendPrice(c, 3, 1.5, { maxStep: 1, minMargin: 0, endings: [], observed: { min: 1, max: 6 }, allowExtrapolation: false });
    expect(r.recommended!.price).toBeCloseTo(3, 1);
    expect(r.recommended!.profit.p10).toBeLessThan(r.recommended!.profit.p50);
    expect(r.recommended!.profit.p90).toBeGreaterThan(r.recommended!.profit.p50);
  });

  it("says no price fits when the guardrails contradict each other", () => {
    const r = recommendPrice(curve(100, -1.5, 1, 4), 2, 1.9, { maxStep: 0.05, minMargin: 0.3, endings: [0.99], observed: { min: 1, max: 4 }, allowExtrapolation: false });
    expect(r.recommended).toBeNull();
    expect(r.allowed).toBeNull();
    expect(r.bindings).toContain("min margin");
  });
});
