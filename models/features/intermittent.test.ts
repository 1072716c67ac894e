import { describe, expect, it } from "vitest";
import { panelFromRows } from "@/models/data";
import type { SalesRow } from "@/models/data";
import { buildInferenceRows } from "./inference";
import { INTERMITTENT_FEATURE_NAMES, decompose, demandClass } from "./intermittent";
import { N_FEATURES } from "./names";
import { SeriesHistory } from "./series-history";

/** One series over 400 days: `units(d)` a day. */
function panelOf(units: (d: number) => number) {
  const sales: SalesRow[] = Array.from({ length: 400 }, (_, d) => ({ date: new Date(Date.UTC(2024, 0, 1 + d)).toISOString().slice(0, 10), storeId: "S1", itemId: "I1", units: units(d) }));
  return panelFromRows({ sales, missingRows: "unknown" });
}

describe("intermittent-demand features", () => {
  it("decomposes sales into size, interval and CV² (Croston) and classes them (Syntetos–Boylan)", () => {
    const sparse = panelOf((d) => (d % 3 === 0 ? 2 : 0));
    const h = new SeriesHistory(sparse.nDays);
    h.load(sparse.series[0]!, 0);
    const d = decompose(h, 399, 91);
    expect(d.size).toBe(2);
    expect(d.interval).toBeCloseTo(91 / 31, 6);
    expect(d.cv2).toBe(0);
    expect(demandClass(d)).toBe(1);
    const lumpy = panelOf((day) => (day % 8 === 0 ? 20 : day % 4 === 0 ? 1 : 0));
    h.load(lumpy.series[0]!, 0);
    expect(demandClass(decompose(h, 399, 364))).toBe(3);
    const smooth = panelOf((day) => 5 + (day % 2));
    h.load(smooth.series[0]!, 0);
    expect(demandClass(decompose(h, 399, 364))).toBe(0);
    const dead = panelOf((day) => (day < 10 ? 1 : 0));
    h.load(dead.series[0]!, 0);
    expect(demandClass(decompose(h, 399, 91))).toBeNull();
  });

  it("appends the block after the base features only when asked, from data up to the origin", () => {
    const panel = panelOf((d) => (d % 3 === 0 ? 2 : 0));
    const base = buildInferenceRows(panel, 300, 7);
    const extended = buildInferenceRows(panel, 300, 7, { featureSet: "intermittent" });
    expect(base.nFeatures).toBe(N_FEATURES);
    expect(extended.nFeatures).toBe(N_FEATURES + INTERMITTENT_FEATURE_NAMES.length);
    expect(extended.featureNames.slice(N_FEATURES)).toEqual([...INTERMITTENT_FEATURE_NAMES]);
    // The base part is identical; the new block reads the history as the decomposition does.
    expect(Array.from(extended.X.subarray(0, N_FEATURES))).toEqual(Array.from(base.X.subarray(0, N_FEATURES)));
    const interval = extended.X[N_FEATURES + INTERMITTENT_FEATURE_NAMES.indexOf("demand_interval_91d")]!;
    expect(interval).toBeCloseTo(91 / 31, 5);
    // Changing sales after the origin changes nothing.
    const changed = panelOf((d) => (d > 300 ? 50 : d % 3 === 0 ? 2 : 0));
    expect(buildInferenceRows(changed, 300, 7, { featureSet: "intermittent" }).X).toEqual(extended.X);
  });
});
