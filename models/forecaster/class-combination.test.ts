import { describe, expect, it } from "vitest";
import { hideAfter, makeSyntheticPanel } from "@/models/data";
import type { SeriesForecast } from "@/models/data";
import { cleanHistory, tsbMethod } from "@/models/baselines";
import { applyDemandClassChoices, chooseByDemandClass } from "./class-combination";
import type { HeldOut } from "./class-combination";

const panel = makeSyntheticPanel({ stores: 2, items: 6, days: 420, seed: 5, newItemShare: 0, stockoutRate: 0 });
const until = 400;
const view = hideAfter(panel, until);

/** Held-out rows at weekly origins before `until`, with the model's "mean" made by `meanOf(actual)`. */
function heldOut(meanOf: (actual: number, r: number) => number): HeldOut {
  const rows: { series: number; origin: number; h: number; actual: number }[] = [];
  panel.series.forEach((s, series) => {
    for (let origin = until - 56; origin + 1 <= until; origin += 7) {
      for (let h = 1; h <= 28 && origin + h <= until; h++) rows.push({ series, origin, h, actual: s.units[origin + h]! });
    }
  });
  return {
    series: Int32Array.from(rows, (r) => r.series),
    origin: Int32Array.from(rows, (r) => r.origin),
    h: Int32Array.from(rows, (r) => r.h),
    actual: Float32Array.from(rows, (r) => r.actual),
    mean: Float32Array.from(rows, (r, i) => meanOf(r.actual, i)),
  };
}

describe("per demand class combination", () => {
  it("keeps the model where its held-out mean is best and replaces it where it is not", () => {
    const perfect = chooseByDemandClass(view, heldOut((a) => a), until);
    expect(Object.keys(perfect.byClass).length).toBeGreaterThan(0);
    for (const choice of Object.values(perfect.byClass)) expect(choice).toEqual({ kind: "model" });
    const wild = chooseByDemandClass(view, heldOut((a, i) => a + (i % 2 ? 50 : -50)), until);
    for (const choice of Object.values(wild.byClass)) expect(choice.kind).toBe("method");
  });

  it("serves the chosen method's point forecast as the mean, names it, and leaves the band alone", () => {
    const choices = { byClass: { 0: { kind: "method", method: "tsb" }, 1: { kind: "method", method: "tsb" }, 2: { kind: "method", method: "tsb" }, 3: { kind: "method", method: "tsb" } }, validationRows: {} } as const;
    const forecasts: SeriesForecast[] = view.series.map((_, series) => ({ series, p10: new Float32Array(7).fill(1), p50: new Float32Array(7).fill(2), p90: new Float32Array(7).fill(3), mean: new Float32Array(7).fill(99) }));
    applyDemandClassChoices(view, until, forecasts, choices);
    const y = cleanHistory(view, 0, until);
    const tsb = tsbMethod(y);
    expect(forecasts[0]!.servedBy).toBe("tsb");
    expect(forecasts[0]!.mean![2]).toBeCloseTo(Math.max(0, tsb.at(y.length - 1, 3)), 5);
    expect(forecasts[0]!.p90[0]).toBe(3);
  });
});
