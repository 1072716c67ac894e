import { describe, expect, it } from "vitest";
import type { ModelMetrics } from "@/drizzle/schema";
import type { Forecaster, Panel } from "@/models/data";
import { activeSeriesAt, makeSyntheticPanel, panelFromRows } from "@/models/data";
import { defaultBaselines, seasonalNaive } from "@/models/baselines";
import { foldOrigins, MetricAccumulator, naiveScale, pinballLoss, runBacktest } from "./index";

const date = (d: number) => new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);

/** 40 days alternating 10/14; day 36 is a stockout (5 units, censored), day 39 sold 11. */
function smallPanel(): Panel {
  const units = (d: number) => (d === 36 ? 5 : d === 39 ? 11 : d % 2 === 0 ? 10 : 14);
  return panelFromRows({ sales: Array.from({ length: 40 }, (_, d) => ({ date: date(d), storeId: "S", itemId: "A", units: units(d), censored: d === 36 })) });
}

/** Constant P10/P50/P90 = 8/10/12; records what it could see. */
function constant(seen: { origin: number; afterOrigin: number }[] = []): Forecaster {
  return {
    name: "constant",
    forecast(panel, origin, horizon) {
      seen.push({ origin, afterOrigin: panel.series[0]!.units[origin + 1] ?? Number.NaN });
      return activeSeriesAt(panel, origin).map((series) => ({
        series,
        p10: new Float32Array(horizon).fill(8),
        p50: new Float32Array(horizon).fill(10),
        p90: new Float32Array(horizon).fill(12),
      }));
    },
  };
}

describe("backtest", () => {
  it("places fold origins at the end of history, spaced by the horizon", () => {
    expect(foldOrigins(100, 7, 3)).toEqual([78, 85, 92]);
    expect(() => foldOrigins(50, 28, 3)).toThrow(/too few/);
  });

  it("computes metrics as by hand, without scoring the censored day", async () => {
    const seen: { origin: number; afterOrigin: number }[] = [];
    const result = await runBacktest(smallPanel(), [constant(seen)], { horizon: 2, folds: 2, perSeries: true });
    expect(result.folds.map((f) => [f.origin, f.date, f.points])).toEqual([
      [35, date(35), 1],
      [37, date(37), 2],
    ]);
    expect(result.rows).toBe(3);
    expect(result.series).toBe(1);
    // The forecaster never saw the day after its origin.
    expect(seen.map((s) => s.origin)).toEqual([35, 37]);
    expect(seen.every((s) => Number.isNaN(s.afterOrigin))).toBe(true);

    // Actuals 14, 10, 11 against 10: errors (forecast − actual) −4, 0, −1.
    const m = result.metrics.constant!;
    expect(m.mae).toBeCloseTo(5 / 3, 10);
    expect(m.rmse).toBeCloseTo(Math.sqrt(17 / 3), 10);
    expect(m.wape).toBeCloseTo(5 / 35, 10);
    expect(m.bias).toBeCloseTo(-5 / 35, 10);
    expect(m.coverage80).toBeCloseTo(2 / 3, 10);
    expect(m.pinball).toBeCloseTo((1.1 + 2.5 + 2.1) / 9, 10);
    expect(result.pinballByQuantile.constant).toEqual({ p10: expect.closeTo(1.1 / 3, 10), p50: expect.closeTo(2.5 / 3, 10), p90: expect.closeTo(2.1 / 3, 10) });
    // Naive scale 16 in both folds; fold 1: sqrt(16/16) = 1, fold 2: sqrt(((0² + 1²)/2)/16).
    expect(m.rmsse).toBeCloseTo((1 + Math.sqrt(0.5 / 16)) / 2, 10);
    expect(result.byFold.constant).toHaveLength(2);
    expect(result.perSeries?.constant?.[0]).toMatchObject({ storeId: "S", itemId: "A", points: 3 });
    const stored: ModelMetrics = result.metrics;
    expect(Object.keys(stored)).toEqual(["constant"]);
  });

  it("does not score days after a series stops", async () => {
    const stopped = panelFromRows({
      sales: [
        ...Array.from({ length: 40 }, (_, d) => ({ date: date(d), storeId: "S", itemId: "A", units: 10 })),
        ...Array.from({ length: 38 }, (_, d) => ({ date: date(d), storeId: "S", itemId: "B", units: 10 })),
      ],
    });
    const result = await runBacktest(stopped, [constant()], { horizon: 2, folds: 2 });
    // Fold 1 (origin 35): A and B on days 36, 37; fold 2 (origin 37): only A on 38, 39.
    expect(result.folds.map((f) => f.points)).toEqual([4, 2]);
    expect(result.metrics.constant!.mae).toBe(0);
  });

  it("computes the RMSSE scale over clean consecutive pairs only", () => {
    const units = Float32Array.from([1, 3, 2, Number.NaN, 5, 9, 9]);
    const censored = Uint8Array.from([0, 0, 0, 0, 0, 1, 0]);
    // Pairs: (1,3) → 4, (3,2) → 1; (5,9) and (9,9) touch a censored day; NaN breaks (2,·) and (·,5).
    expect(naiveScale(units, censored, 0, 6)).toBeCloseTo(2.5, 10);
    expect(naiveScale(units, censored, 2, 2)).toBeNaN();
  });

  it("counts coverage and pinball per point", () => {
    const acc = new MetricAccumulator();
    acc.add(5, 4, 5, 6); // inside
    acc.add(4, 4, 5, 6); // on the lower bound: inside
    acc.add(7, 4, 5, 6); // above
    expect(acc.metrics().coverage80).toBeCloseTo(2 / 3, 10);
    expect(pinballLoss(0.9, 7, 6)).toBeCloseTo(0.9, 10);
    expect(pinballLoss(0.9, 5, 6)).toBeCloseTo(0.1, 10);
    expect(new MetricAccumulator().metrics().mae).toBeNaN();
  });

  it("refuses a forecaster that skips an active series", async () => {
    const lazy: Forecaster = { name: "lazy", forecast: () => [] };
    await expect(runBacktest(smallPanel(), [lazy], { horizon: 2, folds: 2 })).rejects.toThrow(/lazy gave no forecast for store S, item A/);
    await expect(runBacktest(smallPanel(), [constant(), constant()], { horizon: 2 })).rejects.toThrow(/unique/);
  });

  it("ranks the baselines sensibly on a seasonal panel", async () => {
    const panel = makeSyntheticPanel({ stores: 3, items: 20, days: 500, seed: 5 });
    const result = await runBacktest(panel, defaultBaselines(), { horizon: 14, folds: 3 });
    expect(Object.keys(result.metrics)).toEqual(["seasonal_naive", "moving_average_28", "holt_winters", "croston", "tsb"]);
    for (const m of Object.values(result.metrics)) {
      expect(m.coverage80).toBeGreaterThan(0.5);
      expect(m.coverage80).toBeLessThan(0.97);
      expect(m.rmsse).toBeGreaterThan(0);
    }
    // Weekly seasonality: Holt-Winters beats the flat moving average.
    expect(result.metrics.holt_winters!.rmsse).toBeLessThan(result.metrics.moving_average_28!.rmsse);
    const single = await runBacktest(panel, [seasonalNaive()], { horizon: 14, folds: 3 });
    expect(single.metrics.seasonal_naive).toEqual(result.metrics.seasonal_naive);
  });
});
