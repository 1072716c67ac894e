import { describe, expect, it } from "vitest";
import type { Panel } from "@/models/data";
import { makeSyntheticPanel, panelFromRows } from "@/models/data";
import { buildInferenceRows, buildTrainingRows, F, FEATURE_NAMES, N_FEATURES, trainingOrigins } from "./index";

const panel = makeSyntheticPanel({ stores: 2, items: 6, days: 420, seed: 11 });
const origin = 400;
const horizon = 14;

/** A copy where everything a forecaster must not know at `origin` is scrambled. */
function scrambleAfter(p: Panel, o: number): Panel {
  return {
    ...p,
    series: p.series.map((s) => {
      const units = s.units.slice();
      const censored = s.censored.slice();
      const onlineUnits = s.onlineUnits!.slice();
      for (let d = o + 1; d < p.nDays; d++) {
        if (!Number.isNaN(units[d]!)) units[d] = units[d]! * 3 + 5;
        onlineUnits[d] = onlineUnits[d]! + 7;
        censored[d] = 1 - censored[d]!;
      }
      return { ...s, units, censored, onlineUnits };
    }),
  };
}

const row = (X: Float32Array, r: number) => Array.from(X.subarray(r * N_FEATURES, (r + 1) * N_FEATURES));

describe("feature pipeline", () => {
  it("has a stable list of 30–45 uniquely named features", () => {
    expect(new Set(FEATURE_NAMES).size).toBe(FEATURE_NAMES.length);
    expect(N_FEATURES).toBeGreaterThanOrEqual(30);
    expect(N_FEATURES).toBeLessThanOrEqual(45);
  });

  it("uses no data after the origin", () => {
    const before = buildInferenceRows(panel, origin, horizon);
    const after = buildInferenceRows(scrambleAfter(panel, origin), origin, horizon);
    expect(after.nRows).toBe(before.nRows);
    expect(before.nRows).toBeGreaterThan(0);
    expect(Array.from(after.X)).toEqual(Array.from(before.X));
    expect(Array.from(after.scale)).toEqual(Array.from(before.scale));
    expect(before.X[F.online_share_28d]).not.toBeNaN();
    expect(panel.has.censored).toBe(true);
  });

  it("builds identical rows for training and inference", () => {
    const train = buildTrainingRows(panel, { origins: [origin], horizon, seed: 3 });
    const serve = buildInferenceRows(panel, origin, horizon);
    expect(train.nRows).toBeGreaterThan(50);
    for (let r = 0; r < train.nRows; r++) {
      const k = serve.seriesIndices.indexOf(train.series[r]!);
      const servedRow = k * horizon + train.h[r]! - 1;
      expect(row(train.X, r)).toEqual(row(serve.X, servedRow));
      expect(train.scale[r]).toBe(serve.scale[servedRow]);
      const s = panel.series[train.series[r]!]!;
      expect(train.yScaled[r]! * train.scale[r]!).toBeCloseTo(s.units[origin + train.h[r]!]!, 4);
    }
  });

  it("leaves out censored and unknown targets and targets after `until`", () => {
    const train = buildTrainingRows(panel, { origins: trainingOrigins(panel, { step: 7 }), horizon: 28, until: 380, seed: 1 });
    let bad = 0;
    for (let r = 0; r < train.nRows; r++) {
      const t = train.origin[r]! + train.h[r]!;
      const s = panel.series[train.series[r]!]!;
      if (t > 380 || s.censored[t] || Number.isNaN(s.units[t]!)) bad++;
    }
    expect(train.nRows).toBeGreaterThan(1000);
    expect(bad).toBe(0);
  });

  it("samples exactly maxRows, reproducibly", () => {
    const options = { origins: trainingOrigins(panel), horizon: 28, maxRows: 500, seed: 9 };
    const a = buildTrainingRows(panel, options);
    const b = buildTrainingRows(panel, options);
    expect(a.nRows).toBe(500);
    expect(Array.from(a.X)).toEqual(Array.from(b.X));
    expect(new Set(a.series).size).toBe(panel.series.length);
  });

  it("computes lags, windows and calendar features at the right days", () => {
    const sales = Array.from({ length: 60 }, (_, d) => ({
      date: new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10),
      storeId: "S",
      itemId: "A",
      units: d % 7 === 5 ? 10 : 2, // Saturdays sell 10 (2024-01-01 is a Monday)
      price: d >= 59 ? 8 : 10,
      censored: d === 58,
    }));
    const p = panelFromRows({ sales, calendar: [{ date: "2024-03-05", events: ["Fair"] }] });
    const o = 57; // 2024-02-27, a Tuesday
    const set = buildInferenceRows(p, o, 10);
    const at = (h: number, f: number) => set.X[(h - 1) * N_FEATURES + f]!;
    const scale = set.scale[0]!;
    expect(scale).toBeCloseTo((4 * 10 + 24 * 2) / 28, 5);
    expect(at(1, F.target_weekday)).toBe(2);
    expect(at(4, F.same_weekday_mean_4w_rel) * scale).toBeCloseTo(10, 5);
    expect(at(5, F.same_weekday_mean_4w_rel) * scale).toBeCloseTo(2, 5);
    expect(at(7, F.target_is_event)).toBe(1); // 2024-03-05
    expect(at(6, F.days_to_next_event)).toBe(1);
    expect(at(9, F.days_since_last_event)).toBe(2);
    // Planned price known in advance: 10 until day 58, 8 from day 59 (h = 2); past the history it stays 8.
    expect(at(1, F.target_price)).toBe(10);
    expect(at(2, F.target_price)).toBe(8);
    expect(at(2, F.target_price_rel)).toBeCloseTo(0.8, 6);
    expect(at(10, F.target_price)).toBe(8);
    expect(at(1, F.lag_364_rel)).toBeNaN();
    expect(at(1, F.history_days)).toBe(58);
  });

  it("applies planned prices, and leaves price features missing without prices", () => {
    const plan = { price: new Float32Array(horizon).fill(1.5), promo: new Float32Array(horizon).fill(1) };
    const planned = buildInferenceRows(panel, panel.nDays - 1, horizon, { plans: new Map([[0, plan]]) });
    expect(planned.X[F.target_price]).toBeCloseTo(1.5, 5);
    expect(planned.X[F.target_promo]).toBe(1);
    const bare = makeSyntheticPanel({ stores: 1, items: 3, days: 100, withoutPrices: true });
    const set = buildInferenceRows(bare, 90, 7);
    for (const f of [F.target_price, F.target_price_rel, F.target_discount, F.target_promo]) expect(set.X[f]).toBeNaN();
    expect(set.X[F.mean_28d_rel]).not.toBeNaN();
  });

  it("works on bare sales: no calendar, catalog, stores or prices", () => {
    const sales = Array.from({ length: 90 }, (_, d) => ({ date: new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10), storeId: "S", itemId: "A", units: d % 5 }));
    const p = panelFromRows({ sales });
    const train = buildTrainingRows(p, { origins: trainingOrigins(p), horizon: 7 });
    expect(train.nRows).toBeGreaterThan(50);
    const x = (f: number) => train.X[(train.nRows - 1) * N_FEATURES + f];
    for (const f of [F.category_code, F.store_size_sqm, F.target_is_event, F.target_price]) expect(x(f)).toBeNaN();
    expect(x(F.mean_28d_rel)).toBeCloseTo(1, 5);
  });

  it("leans on the category × store average for a new item", () => {
    const sales = [];
    for (let d = 0; d < 40; d++) {
      const date = new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10);
      sales.push({ date, storeId: "S", itemId: "OLD", units: 20 });
      if (d >= 38) sales.push({ date, storeId: "S", itemId: "NEW", units: 2 });
    }
    const items = [
      { id: "OLD", category: "c" },
      { id: "NEW", category: "c" },
    ];
    const p = panelFromRows({ sales, items });
    const set = buildInferenceRows(p, 39, 1);
    const k = set.seriesIndices.indexOf(p.series.findIndex((s) => s.itemId === "NEW"));
    // Two own days of 2, topped up to seven days with the other items' mean in the category and store.
    const prior = 20;
    expect(set.scale[k]).toBeCloseTo((2 * 2 + prior * 5) / 7, 4);
    expect(set.X[k * N_FEATURES + F.category_store_mean_28d]).toBeCloseTo(prior, 4);
  });

  it("rescales predictions to units and orders crossing quantiles", () => {
    const set = buildInferenceRows(panel, origin, 2);
    const ones = new Float32Array(set.nRows).fill(1);
    const forecasts = set.toForecasts({ p10: ones.map(() => 2), p50: ones, p90: ones.map(() => -1) });
    expect(forecasts).toHaveLength(set.seriesIndices.length);
    const f = forecasts[0]!;
    expect(f.p10[0]).toBe(0);
    expect(f.p50[0]).toBeCloseTo(set.scale[0]!, 5);
    expect(f.p90[0]).toBeCloseTo(2 * set.scale[0]!, 5);
    expect(() => set.toUnits(new Float32Array(3))).toThrow(/expected/);
  });
});
