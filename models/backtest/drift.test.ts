import { describe, expect, it } from "vitest";
import { driftVerdict, rollingRmsse } from "./drift";

describe("rolling RMSSE and the drift verdict", () => {
  it("averages each series' RMSSE as the backtest does, skipping series without a positive scale", () => {
    // Series 1: MSE 4 over scale 1 → 2; series 2: MSE 1 over scale 4 → 0.5; series 3 has no scale.
    const r = rollingRmsse([
      { squaredErrorSum: 40, days: 10, scale: 1 },
      { squaredErrorSum: 10, days: 10, scale: 4 },
      { squaredErrorSum: 99, days: 10, scale: 0 },
      { squaredErrorSum: 99, days: 10, scale: Number.NaN },
    ]);
    expect(r).toEqual({ rmsse: 1.25, series: 2 });
  });

  it("is drift only beyond the margin over the backtest, and never without evidence or a backtest score", () => {
    const series = [{ squaredErrorSum: 13, days: 10, scale: 1 }]; // RMSSE √1.3 ≈ 1.14
    expect(driftVerdict(series, 1, 10).drifted).toBe(true);
    expect(driftVerdict(series, 1, 20)).toMatchObject({ drifted: false, threshold: 1.2 });
    expect(driftVerdict([], 1, 10).drifted).toBe(false);
    expect(driftVerdict(series, Number.NaN, 10).drifted).toBe(false);
  });
});
