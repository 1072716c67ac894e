import { describe, expect, it } from "vitest";
import { exportToOnnx, OnnxForecaster } from "../onnx";
import { mulberry32 } from "../util";
import { trainGbdt } from "./train";
import type { FeatureMatrix, Loss } from "./types";

const PRICE = 1;
const N_FEATURES = 4;

/** Demand falls with price overall, with a wiggle (`wiggle` > 0) and noise that an unconstrained model follows upwards in places. */
function priceData(nRows: number, seed: number, wiggle = 0.8): { x: FeatureMatrix; y: Float32Array } {
  const random = mulberry32(seed);
  const data = new Float32Array(nRows * N_FEATURES);
  const y = new Float32Array(nRows);
  for (let r = 0; r < nRows; r++) {
    const row = data.subarray(r * N_FEATURES, (r + 1) * N_FEATURES);
    for (let f = 0; f < N_FEATURES; f++) row[f] = random() * 2;
    row[3] = Math.floor(random() * 4) * 10;
    const price = row[PRICE]!;
    y[r] = Math.max(0, 6 - 1.5 * price + wiggle * Math.sin(9 * price) * row[0]! + row[2]! + row[3]! / 20 + 1.5 * (random() - 0.5));
  }
  return { x: { data, nRows, nFeatures: N_FEATURES }, y };
}

/** Largest rise of the ONNX prediction between neighbouring prices on a 41-point grid, over random rows. */
async function largestRise(bytes: Uint8Array, seed: number): Promise<number> {
  const forecaster = await OnnxForecaster.load(bytes);
  const random = mulberry32(seed);
  const grid = 41;
  const rows = 300;
  const data = new Float32Array(rows * grid * N_FEATURES);
  for (let r = 0; r < rows; r++) {
    const base = [random() * 2, 0, random() * 2, Math.floor(random() * 4) * 10];
    for (let g = 0; g < grid; g++) {
      // Beyond both ends of the training range too.
      base[PRICE] = -0.5 + (3 * g) / (grid - 1);
      data.set(base, (r * grid + g) * N_FEATURES);
    }
  }
  const out = await forecaster.predict(data, rows * grid);
  let rise = 0;
  for (let r = 0; r < rows; r++) for (let g = 1; g < grid; g++) rise = Math.max(rise, out[r * grid + g]! - out[r * grid + g - 1]!);
  return rise;
}

describe("monotone constraints", () => {
  const train = priceData(6000, 5);
  const cases: Array<[string, Loss]> = [
    ["L2", { kind: "l2" }],
    ["quantile 0.1", { kind: "quantile", alpha: 0.1 }],
    ["quantile 0.9", { kind: "quantile", alpha: 0.9 }],
    ["tweedie 1.5", { kind: "tweedie", power: 1.5 }],
  ];

  it.each(cases)("keep ONNX predictions non-increasing in price for random rows (%s)", async (_, loss) => {
    const options = { loss, nTrees: 60, maxDepth: 6, minChildWeight: 5, rowSubsample: 0.8, categoricalFeatures: [3], seed: 3 };
    const free = trainGbdt(train.x, train.y, options).model;
    const constrained = trainGbdt(train.x, train.y, { ...options, monotone: [0, -1] }).model;
    // The data does make a free model rise somewhere, so the check below can fail.
    expect(await largestRise(exportToOnnx(free), 11)).toBeGreaterThan(1e-3);
    expect(await largestRise(exportToOnnx(constrained), 11)).toBeLessThanOrEqual(1e-6);
  });

  it("costs little accuracy when the truth is monotone", () => {
    const [fit, test] = [priceData(6000, 7, 0), priceData(3000, 8, 0)];
    const rmse = (monotone: number[]) => trainGbdt(fit.x, fit.y, { nTrees: 80, categoricalFeatures: [3], monotone, validation: { x: test.x, y: test.y } }).validationLoss.at(-1)!;
    expect(rmse([0, -1])).toBeLessThan(1.03 * rmse([]));
  });

  it("rejects constraints on categorical or missing columns and bad directions", () => {
    expect(() => trainGbdt(train.x, train.y, { categoricalFeatures: [3], monotone: [0, 0, 0, 1] })).toThrow(/categorical/);
    expect(() => trainGbdt(train.x, train.y, { monotone: [0, 0, 0, 0, 1] })).toThrow(/monotone lists 5/);
    expect(() => trainGbdt(train.x, train.y, { monotone: [2] })).toThrow(/monotone\[0\]/);
  });
});
