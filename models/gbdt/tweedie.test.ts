import { describe, expect, it } from "vitest";
import { computeGradients, tweedieLoss } from "./losses";
import { predict } from "./predict";
import { trainGbdt } from "./train";
import { mulberry32 } from "../util";
import type { FeatureMatrix } from "./types";

/** Rows with a known Poisson mean λ(x) = exp(−1.2 + 1.5·x0 − x1²) (0.05 … 1.3 a day: mostly zero days) and y ~ Poisson(λ). */
function poissonRows(nRows: number, seed: number): { x: FeatureMatrix; y: Float32Array; lambda: Float64Array } {
  const random = mulberry32(seed);
  const nFeatures = 4;
  const data = new Float32Array(nRows * nFeatures);
  const y = new Float32Array(nRows);
  const lambda = new Float64Array(nRows);
  for (let r = 0; r < nRows; r++) {
    for (let f = 0; f < nFeatures; f++) data[r * nFeatures + f] = random() * 2 - 1;
    lambda[r] = Math.exp(-1.2 + 1.5 * data[r * nFeatures]! - data[r * nFeatures + 1]! ** 2);
    let k = 0;
    for (let p = random(); p > Math.exp(-lambda[r]!); p *= random()) k++;
    y[r] = k;
  }
  return { x: { data, nRows, nFeatures }, y, lambda };
}

function sum(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i]!;
  return total;
}

describe("Tweedie objective (log link)", () => {
  it.each([1, 1.3, 1.7])("gradient and hessian match numeric derivatives of the loss (power %s)", (power) => {
    const ys = [0, 0.5, 1, 3, 12];
    const fs = [-3, -0.7, 0, 0.4, 2.1];
    const y = new Float32Array(ys.length * fs.length);
    const pred = new Float64Array(y.length);
    ys.forEach((v, i) => fs.forEach((f, j) => ((y[i * fs.length + j] = v), (pred[i * fs.length + j] = f))));
    const grad = new Float32Array(y.length);
    const hess = new Float32Array(y.length);
    computeGradients({ kind: "tweedie", power }, y, pred, grad, hess);
    const eps = 1e-4;
    for (let i = 0; i < y.length; i++) {
      const loss = (f: number) => tweedieLoss(power, y[i]!, f);
      const numericGrad = (loss(pred[i]! + eps) - loss(pred[i]! - eps)) / (2 * eps);
      const numericHess = (loss(pred[i]! + eps) - 2 * loss(pred[i]!) + loss(pred[i]! - eps)) / eps ** 2;
      expect(grad[i]).toBeCloseTo(numericGrad, 3);
      expect(hess[i]! / numericHess).toBeCloseTo(1, 2);
      expect(hess[i]).toBeGreaterThan(0);
    }
  });

  it("predicts an unbiased mean of Poisson counts where the median is biased low", () => {
    const train = poissonRows(20_000, 5);
    const test = poissonRows(10_000, 6);
    const options = { nTrees: 150, learningRate: 0.1, maxDepth: 4, minChildWeight: 20 };
    const mean = trainGbdt(train.x, train.y, { ...options, loss: { kind: "tweedie", power: 1 } }).model;
    const median = trainGbdt(train.x, train.y, { ...options, loss: { kind: "quantile", alpha: 0.5 } }).model;
    // Against the expected total Σλ (not the draws, whose own noise is ±2% here).
    const expected = sum(test.lambda);
    const meanBias = sum(predict(mean, test.x)) / expected - 1;
    const medianBias = sum(predict(median, test.x)) / expected - 1;
    expect(Math.abs(meanBias)).toBeLessThan(0.03);
    expect(medianBias).toBeLessThan(-0.3);
    // It recovers λ(x) itself, not only its total: mean squared error to λ is small against λ's variance.
    const predicted = predict(mean, test.x);
    let err = 0;
    let spread = 0;
    const lambdaMean = sum(test.lambda) / test.lambda.length;
    for (let r = 0; r < test.lambda.length; r++) {
      err += (predicted[r]! - test.lambda[r]!) ** 2;
      spread += (test.lambda[r]! - lambdaMean) ** 2;
    }
    expect(err / spread).toBeLessThan(0.1);
    // Predictions are exp of a raw score: always positive.
    expect(Math.min(...predicted)).toBeGreaterThan(0);
  });

  it("refuses negative targets and powers outside [1, 2)", () => {
    const { x, y } = poissonRows(200, 7);
    expect(() => trainGbdt(x, y, { loss: { kind: "tweedie", power: 2 } })).toThrow(/power/);
    y[3] = -1;
    expect(() => trainGbdt(x, y, { loss: { kind: "tweedie", power: 1.5 } })).toThrow(/negative/);
  });
});
