import { describe, expect, it } from "vitest";
import { aggregateDays } from "./aggregate-demand";
import { dailyMoments } from "./lead-time-demand";

const day = (mean: number, p10: number, p50: number, p90: number) => ({ mean, p10, p50, p90 });

describe("aggregateDays: store and category totals that add up", () => {
  const series = [
    [day(2.4, 0, 2, 5), day(3.1, 1, 3, 6)],
    [day(0.3, 0, 0, 1), day(0.2, 0, 0, 1)],
    [day(40.2, 30, 40, 52), day(35.5, 27, 35, 45)],
  ];

  it("the total's mean is the sum of the series' means, day by day", () => {
    const totals = aggregateDays(series, 0.1);
    expect(totals).toHaveLength(2);
    expect(totals[0]!.mean).toBeCloseTo(2.4 + 0.3 + 40.2, 10);
    expect(totals[1]!.mean).toBeCloseTo(3.1 + 0.2 + 35.5, 10);
  });

  it("the band is the total's, not the sum of P10s and P90s, and widens with the between-series correlation", () => {
    const independent = aggregateDays(series, 0)[0]!;
    const correlated = aggregateDays(series, 0.8)[0]!;
    expect(independent.p10).toBeGreaterThan(0 + 0 + 30);
    expect(independent.p90).toBeLessThan(5 + 1 + 52);
    expect(correlated.p90 - correlated.p10).toBeGreaterThan(independent.p90 - independent.p10);
    expect(independent.p10).toBeLessThanOrEqual(independent.mean);
    expect(independent.p90).toBeGreaterThanOrEqual(independent.mean);
  });

  it("uses the same daily moments as lead-time demand: one series summed alone is that series' distribution", () => {
    const [only] = aggregateDays([[series[2]![0]!]], 0.3);
    const m = dailyMoments(series[2]![0]!, { varianceScale: 1, meanScale: 1 });
    expect(only!.mean).toBeCloseTo(m.mean, 10);
    expect(only!.p90).toBeGreaterThan(m.mean);
  });

  it("series without a mean add their Swanson mean, and series shorter than the others stop counting", () => {
    const totals = aggregateDays([[{ p10: 1, p50: 2, p90: 4 }], [day(1, 0, 1, 2), day(5, 3, 5, 7)]], 0);
    expect(totals[0]!.mean).toBeCloseTo(0.3 * 1 + 0.4 * 2 + 0.3 * 4 + 1, 10);
    expect(totals[1]!.mean).toBeCloseTo(5, 10);
    expect(aggregateDays([[day(0, 0, 0, 0)]], 0.2)).toEqual([{ mean: 0, p10: 0, p90: 0 }]);
  });
});
