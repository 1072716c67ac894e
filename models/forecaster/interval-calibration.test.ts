import { describe, expect, it } from "vitest";
import { calibrateInterval, fitIntervalCalibration, NO_CALIBRATION } from "./interval-calibration";

/** Normal draws by Box-Muller from a seeded LCG, so the test is repeatable. */
function normals(n: number, seed: number): Float64Array {
  let s = seed;
  const uniform = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) + 1) / (2 ** 31 + 1);
  return Float64Array.from({ length: n }, () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform()));
}

const Z90 = 1.2816;

function coverage(y: Float64Array, mu: number, lowHalf: number, highHalf: number, c = NO_CALIBRATION): number {
  let inside = 0;
  for (const v of y) {
    const [lo, hi] = calibrateInterval(mu - lowHalf, mu, mu + highHalf, c);
    if (v >= lo && v <= hi) inside++;
  }
  return inside / y.length;
}

describe("interval calibration", () => {
  const mu = 50;
  const sigma = 8;
  const fit = normals(4000, 1).map((z) => mu + sigma * z);
  const holdout = normals(4000, 2).map((z) => mu + sigma * z);
  const constant = (v: number) => new Float64Array(fit.length).fill(v);

  it("widens a band that is too narrow until it covers 80% of new data", () => {
    const half = 0.5 * Z90 * sigma;
    expect(coverage(holdout, mu, half, half)).toBeLessThan(0.55);
    const c = fitIntervalCalibration(fit, constant(mu - half), constant(mu), constant(mu + half));
    expect(c.lower).toBeCloseTo(2, 0);
    expect(c.upper).toBeCloseTo(2, 0);
    expect(coverage(holdout, mu, half, half, c)).toBeGreaterThan(0.77);
    expect(coverage(holdout, mu, half, half, c)).toBeLessThan(0.83);
  });

  it("narrows a band that is too wide, each tail on its own", () => {
    const c = fitIntervalCalibration(fit, constant(mu - 2 * Z90 * sigma), constant(mu), constant(mu + Z90 * sigma));
    expect(c.lower).toBeCloseTo(0.5, 1);
    expect(c.upper).toBeCloseTo(1, 1);
    const covered = coverage(holdout, mu, 2 * Z90 * sigma, Z90 * sigma, c);
    expect(covered).toBeGreaterThan(0.77);
    expect(covered).toBeLessThan(0.83);
  });

  it("narrows the upper tail when a P10 of zero cannot miss, so the band still covers 80%", () => {
    // 40% zero days, otherwise about 10 units; quantiles as a correct model would give them.
    const draw = (seed: number) => normals(4000, seed).map((z, i) => (i % 5 < 2 ? 0 : Math.max(1, Math.round(10 + 3 * z))));
    const [train, test] = [draw(3), draw(4)];
    const ones = (v: number) => new Float64Array(train.length).fill(v);
    const [p10, p50, p90] = [0, 8, 13];
    const c = fitIntervalCalibration(train, ones(p10), ones(p50), ones(p90));
    const covered = (ys: Float64Array, cal = NO_CALIBRATION) => {
      const [lo, hi] = calibrateInterval(p10, p50, p90, cal);
      return ys.filter((v) => v >= lo && v <= hi).length / ys.length;
    };
    expect(covered(test)).toBeGreaterThan(0.9);
    expect(c.lower).toBe(1);
    expect(covered(test, c)).toBeGreaterThan(0.75);
    expect(covered(test, c)).toBeLessThan(0.85);
  });

  it("leaves the band alone with too few rows to judge, and never goes below zero", () => {
    expect(fitIntervalCalibration([1, 2, 3], [0, 1, 2], [1, 2, 3], [2, 3, 4])).toEqual(NO_CALIBRATION);
    expect(calibrateInterval(1, 2, 3, { lower: 5, upper: 1 })).toEqual([0, 3]);
  });
});
