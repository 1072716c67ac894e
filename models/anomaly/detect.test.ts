import { describe, expect, it } from "vitest";
import { mulberry32 } from "@/models/util";
import { DEFAULT_RULES, detectAnomalies, robustZ } from "./index";
import type { DayObservation } from "./index";

/** Poisson draws by inversion, from a seeded stream. */
function poissonSeries(mean: number, days: number, seed: number): number[] {
  const rand = mulberry32(seed);
  return Array.from({ length: days }, () => {
    let k = 0;
    let p = Math.exp(-mean);
    let cdf = p;
    const u = rand();
    while (u > cdf) {
      k += 1;
      p *= mean / k;
      cdf += p;
    }
    return k;
  });
}

const day = (over: Partial<DayObservation>): DayObservation => ({
  units: 11,
  price: 3,
  band: { p10: 8, p50: 12, p90: 19 },
  history: poissonSeries(11, 56, 1),
  onHand: null,
  countedOn: null,
  usualPrice: 3,
  complete: true,
  ...over,
});

describe("robustZ", () => {
  it("is (x − median) / (1.4826·MAD), floored at √mean and 1.5 for zero-heavy series", () => {
    const r = robustZ(20, [10, 12, 8, 10, 11, 9, 10]);
    expect(r.median).toBe(10);
    expect(r.scale).toBeCloseTo(Math.max(1.4826 * 1, Math.sqrt(70 / 7)), 6);
    expect(robustZ(2, [0, 0, 0, 1, 0, 0, 0]).scale).toBe(1.5);
  });
});

describe("detectAnomalies", () => {
  it("an injected spike is a spike with the numbers in its reason", () => {
    const history = [11, 10, 12, 11, 9, 13, 11, 10, 12, 11, 8, 14, 11, 10];
    const [a, ...rest] = detectAnomalies(day({ units: 46, history }));
    expect(rest).toEqual([]);
    expect(a).toMatchObject({ kind: "spike", severity: "high", unitsOff: 34 });
    expect(a!.reason).toMatch(/^Sold 46 units against a forecast band of 8–19 and a typical day of 11 \(robust z-score \d+\.\d\)$/);
  });

  it("a moderate spike is low or medium, not high", () => {
    const [a] = detectAnomalies(day({ units: 25, history: Array.from({ length: 28 }, (_, i) => 10 + (i % 3)) }));
    expect(a?.kind).toBe("spike");
    expect(a?.severity).not.toBe("high");
  });

  it("normal days of a steady seller raise nothing", () => {
    const history = poissonSeries(11, 200, 7);
    let alarms = 0;
    for (let t = 56; t < history.length; t++) alarms += detectAnomalies(day({ units: history[t]!, history: history.slice(t - 56, t), band: { p10: 7, p50: 11, p90: 15 } })).length;
    expect(alarms).toBe(0);
  });

  it("an intermittent item's ordinary sales raise no alarm, though its MAD is 0", () => {
    const history = poissonSeries(0.3, 300, 11);
    expect(robustZ(3, history.slice(0, 56)).median).toBe(0);
    let alarms = 0;
    for (let t = 56; t < history.length; t++) alarms += detectAnomalies(day({ units: history[t]!, history: history.slice(t - 56, t), band: { p10: 0, p50: 0, p90: 1 } })).length;
    expect(alarms).toBe(0);
    // …while a real burst on the same item still alarms.
    expect(detectAnomalies(day({ units: 12, history: history.slice(0, 56), band: { p10: 0, p50: 0, p90: 1 } })).map((a) => a.kind)).toEqual(["spike"]);
  });

  it("a drop needs a complete day: a day still streaming in is not a drop", () => {
    const history = poissonSeries(20, 56, 3);
    const band = { p10: 14, p50: 20, p90: 27 };
    expect(detectAnomalies(day({ units: 0, history, band })).map((a) => a.kind)).toEqual(["drop"]);
    expect(detectAnomalies(day({ units: 0, history, band, complete: false }))).toEqual([]);
  });

  it("the z-score and the band must agree: a spike the forecast expected is no alert", () => {
    expect(detectAnomalies(day({ units: 40, history: Array(28).fill(10), band: { p10: 30, p50: 38, p90: 45 } }))).toEqual([]);
  });

  it("a new item without enough history is judged against the band alone", () => {
    const [a] = detectAnomalies(day({ units: 60, history: [9, 12], band: { p10: 8, p50: 12, p90: 19 } }));
    expect(a).toMatchObject({ kind: "spike" });
    expect(a!.reason).toBe("Sold 60 units against a forecast band of 8–19");
    expect(detectAnomalies(day({ units: 60, history: [9, 12], band: null }))).toEqual([]);
  });

  it("without a forecast the z-score alone must clear 1.5× the threshold", () => {
    const history = Array.from({ length: 56 }, (_, i) => (i % 14 === 0 ? 3 : 0));
    expect(detectAnomalies(day({ units: 5, history, band: null }))).toEqual([]);
    expect(detectAnomalies(day({ units: 9, history, band: null })).map((a) => a.kind)).toEqual(["spike"]);
  });

  it("says when no production forecast covers the day", () => {
    const [a] = detectAnomalies(day({ units: 46, history: Array.from({ length: 28 }, (_, i) => 10 + (i % 3)), band: null }));
    expect(a!.reason).toMatch(/typical day of 11 .*no production forecast covers this day$/);
  });

  it("sales with nothing on hand, or more than on hand, are stock discrepancies", () => {
    const zero = detectAnomalies(day({ onHand: 0, countedOn: "2026-03-01" }));
    expect(zero).toEqual([expect.objectContaining({ kind: "stock_discrepancy", severity: "high", reason: "Sold 11 units with 0 on hand (stock count of 2026-03-01)", unitsOff: 11 })]);
    expect(detectAnomalies(day({ units: 11, onHand: 5 }))[0]).toMatchObject({ kind: "stock_discrepancy", severity: "high", unitsOff: 6 });
    expect(detectAnomalies(day({ units: 11, onHand: 11 }))).toEqual([]);
  });

  it("negative, zero and far-off prices are price errors; a discount-sized change is not", () => {
    expect(detectAnomalies(day({ price: 0 }))[0]).toMatchObject({ kind: "price_error", severity: "high", reason: "Sold 11 units at a price of 0.00 against a usual price of 3.00" });
    expect(detectAnomalies(day({ price: -1 }))[0]).toMatchObject({ kind: "price_error", severity: "high" });
    expect(detectAnomalies(day({ price: 10 }))[0]).toMatchObject({ kind: "price_error", reason: "Sold 11 units at 10.00, 3.3× the usual price of 3.00" });
    expect(detectAnomalies(day({ price: 0.5 }))[0]).toMatchObject({ kind: "price_error", reason: "Sold 11 units at 0.50, 1/6.0 of the usual price of 3.00", severity: "high" });
    expect(detectAnomalies(day({ price: 2.1 }))).toEqual([]);
    expect(detectAnomalies(day({ price: 0, units: 0 })).map((a) => a.kind)).toEqual(["drop"]);
  });

  it("stricter rules raise fewer alerts", () => {
    const obs = day({ units: 30, history: Array.from({ length: 28 }, (_, i) => 10 + (i % 3)) });
    expect(detectAnomalies(obs, DEFAULT_RULES)).toHaveLength(1);
    expect(detectAnomalies(obs, { ...DEFAULT_RULES, zThreshold: 8 })).toEqual([]);
    expect(detectAnomalies(obs, { ...DEFAULT_RULES, bandMargin: 1 })).toEqual([]);
  });
});
