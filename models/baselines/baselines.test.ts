import { describe, expect, it } from "vitest";
import { panelFromRows } from "@/models/data";
import type { Panel } from "@/models/data";
import { croston, crostonPath, defaultBaselines, fitHoltWinters, holtWinters, holtWintersModel, movingAverage, poissonQuantile, seasonalNaive, sortedQuantile, tsb, tsbPath } from "./index";

function panelOf(values: number[], censoredDays: number[] = []): Panel {
  return panelFromRows({
    sales: values.map((units, d) => ({
      date: new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10),
      storeId: "S",
      itemId: "A",
      units,
      censored: censoredDays.includes(d),
    })),
    missingRows: "unknown",
  });
}

/** Deterministic noise in [-1, 1]. */
const noise = (d: number) => Math.sin(d * 12.9898) * 0.999;

describe("baselines", () => {
  const weekly = [5, 3, 4, 6, 9, 14, 8];

  it("seasonal naive repeats a pure weekly pattern exactly, with zero-width intervals", async () => {
    const panel = panelOf(Array.from({ length: 70 }, (_, d) => weekly[d % 7]!));
    const [f] = await seasonalNaive().forecast(panel, 69, 14);
    const expected = Array.from({ length: 14 }, (_, j) => weekly[(70 + j) % 7]!);
    expect(Array.from(f!.p50)).toEqual(expected);
    expect(Array.from(f!.p10)).toEqual(expected);
    expect(Array.from(f!.p90)).toEqual(expected);
  });

  it("seasonal naive skips a censored same weekday", async () => {
    const values = Array.from({ length: 70 }, (_, d) => weekly[d % 7]! + Math.floor(d / 7));
    const panel = panelOf(values, [63]);
    const [f] = await seasonalNaive().forecast(panel, 69, 1);
    expect(f!.p50[0]).toBe(values[56]); // day 70's weekday: 63 is censored, so 56
  });

  it("Holt-Winters fits a clean seasonal series with trend and noise", async () => {
    const signal = (d: number) => 20 + 0.05 * d + weekly[d % 7]! * 2;
    const series = (d: number) => signal(d) + noise(d);
    const panel = panelOf(Array.from({ length: 210 }, (_, d) => series(d)));
    const [f] = await holtWinters().forecast(panel, 209, 14);
    let absError = 0;
    for (let h = 1; h <= 14; h++) absError += Math.abs(f!.p50[h - 1]! - series(209 + h));
    expect(absError / 14).toBeLessThan(1.2);
    // Intervals from its own errors: about ±1.3 × the noise scale.
    for (let h = 1; h <= 14; h++) {
      expect(f!.p10[h - 1]).toBeLessThan(f!.p50[h - 1]!);
      expect(f!.p90[h - 1]! - f!.p10[h - 1]!).toBeLessThan(6);
    }
    const y = Float64Array.from({ length: 210 }, (_, d) => series(d));
    const params = fitHoltWinters(y);
    // A one-step forecast mid-history tracks the signal, not the noise.
    expect(Math.abs(holtWintersModel(y, params).at(100, 1) - signal(101))).toBeLessThan(1);
  });

  it("Croston and TSB forecast the demand rate of an intermittent series", async () => {
    const values = Array.from({ length: 120 }, (_, d) => (d % 4 === 3 ? 8 : 0));
    const y = Float64Array.from(values);
    const path = crostonPath(y, 0.1).path;
    expect(path[119]).toBeCloseTo(2, 6); // size 8 every 4 days
    expect(tsbPath(y, 0.1, 0.1).path[119]).toBeGreaterThan(1.5);
    const panel = panelOf(values);
    for (const forecaster of [croston(), tsb()]) {
      const [f] = await forecaster.forecast(panel, 119, 7);
      expect(f!.p50[6]).toBeGreaterThan(1.5);
      expect(f!.p50[6]).toBeLessThan(2.5);
      expect(f!.p10[0]).toBe(0);
      expect(f!.p90[0]).toBeGreaterThanOrEqual(f!.p50[0]!);
    }
  });

  it("TSB decays after demand stops while Croston keeps the last rate", () => {
    const y = Float64Array.from({ length: 150 }, (_, d) => (d < 100 && d % 4 === 3 ? 8 : 0));
    expect(crostonPath(y, 0.1).path[149]).toBeCloseTo(crostonPath(y, 0.1).path[100]!, 6);
    expect(tsbPath(y, 0.1, 0.1).path[149]).toBeLessThan(0.05);
  });

  it("falls back to Poisson intervals for a new series", async () => {
    const panel = panelOf([4, 6, 5, 5, 4, 6, 5, 5]);
    const [f] = await movingAverage(28).forecast(panel, 7, 3);
    expect(f!.p50[0]).toBe(5);
    expect(f!.p10[0]).toBe(poissonQuantile(5, 0.1));
    expect(f!.p90[0]).toBe(poissonQuantile(5, 0.9));
  });

  it("only forecasts active series and always returns valid intervals", async () => {
    const panel = panelFromRows({
      sales: [
        ...Array.from({ length: 60 }, (_, d) => ({ date: new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10), storeId: "S", itemId: "A", units: d % 3 })),
        { date: "2024-02-25", storeId: "S", itemId: "LATE", units: 3 },
      ],
    });
    for (const forecaster of defaultBaselines()) {
      const forecasts = await forecaster.forecast(panel, 40, 28);
      expect(forecasts.map((f) => f.series)).toEqual([0]);
      const f = forecasts[0]!;
      for (let j = 0; j < 28; j++) {
        expect(f.p10[j]).toBeGreaterThanOrEqual(0);
        expect(f.p10[j]).toBeLessThanOrEqual(f.p50[j]!);
        expect(f.p50[j]).toBeLessThanOrEqual(f.p90[j]!);
      }
    }
  });

  it("computes quantiles", () => {
    expect(sortedQuantile([1, 2, 3, 4, 5], 0.1)).toBeCloseTo(1.4);
    expect(poissonQuantile(0, 0.9)).toBe(0);
    expect(poissonQuantile(2, 0.5)).toBe(2);
    expect(poissonQuantile(2, 0.9)).toBe(4);
    expect(poissonQuantile(400, 0.9)).toBe(426);
  });
});
