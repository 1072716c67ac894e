import { describe, expect, it } from "vitest";
import { binMatrix, computeBinCuts, MISSING_BIN } from "./binning";
import { mulberry32 } from "../util";

function matrix(columns: number[][]) {
  const nRows = columns[0]!.length;
  const data = new Float32Array(nRows * columns.length);
  columns.forEach((column, f) => column.forEach((v, r) => (data[r * columns.length + f] = v)));
  return { data, nRows, nFeatures: columns.length };
}

describe("quantile binning", () => {
  const random = mulberry32(5);
  const n = 8_000;
  const x = matrix([
    Array.from({ length: n }, () => (random() - 0.5) * 1e4),
    Array.from({ length: n }, () => Math.floor(random() * 7) - 3),
    Array.from({ length: n }, (_, i) => (i % 10 === 0 ? Number.NaN : i % 13 === 0 ? -Infinity : i % 17 === 0 ? Infinity : random() ** 3)),
  ]);
  const cuts = computeBinCuts(x, 64, 1);
  const binned = binMatrix(x, cuts);

  it("places strictly increasing finite float32 cuts, one per gap when values are few", () => {
    for (const featureCuts of cuts) {
      featureCuts.forEach((c, i) => {
        expect(Number.isFinite(c) && Math.fround(c) === c).toBe(true);
        if (i > 0) expect(c).toBeGreaterThan(featureCuts[i - 1]!);
      });
    }
    expect([...cuts[1]!]).toEqual([-2.5, -1.5, -0.5, 0.5, 1.5, 2.5]);
    expect(cuts[0]!.length).toBe(63);
  });

  it("gives every value the bin that the threshold comparisons give, and NaN the missing bin", () => {
    for (let r = 0; r < n; r++) {
      for (let f = 0; f < 3; f++) {
        const v = x.data[r * 3 + f]!;
        const expected = Number.isNaN(v) ? MISSING_BIN : cuts[f]!.filter((c) => c < v).length;
        expect(binned.binColumns[f * n + r]).toBe(expected);
        expect(new Uint8Array(binned.binWords.buffer)[r * binned.wordsPerRow * 4 + f]).toBe(expected);
      }
    }
  });

  it("splits the data into bins of similar size", () => {
    const sizes = new Int32Array(64);
    for (let r = 0; r < n; r++) sizes[binned.binColumns[r]!]!++;
    expect(Math.max(...sizes)).toBeLessThan((2 * n) / 64);
  });
});
