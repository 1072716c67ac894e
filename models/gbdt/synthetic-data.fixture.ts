import { mulberry32 } from "../util";
import type { FeatureMatrix } from "./types";

/**
 * Small regression data for tests: y = 3·sin(3·x0) + 2·x1² + step(x2) + effect(category in x3) + noise.
 * Feature 2 is missing for `missingRate` of the rows (its effect is then +1.5), other features are noise.
 */
export function syntheticData(nRows: number, options: { nFeatures?: number; seed?: number; missingRate?: number; noise?: number } = {}) {
  const { nFeatures = 6, seed = 1, missingRate = 0.1, noise = 0.3 } = options;
  const random = mulberry32(seed);
  const data = new Float32Array(nRows * nFeatures);
  const y = new Float32Array(nRows);
  const categoryEffect = [0, 2.5, -1, 1, -2, 0.5];
  for (let r = 0; r < nRows; r++) {
    const row = data.subarray(r * nFeatures, (r + 1) * nFeatures);
    for (let f = 0; f < nFeatures; f++) row[f] = random() * 2 - 1;
    row[3] = Math.floor(random() * categoryEffect.length) * 10;
    if (random() < missingRate) row[2] = Number.NaN;
    const step = Number.isNaN(row[2]!) ? 1.5 : row[2]! > 0.2 ? 1 : -1;
    y[r] = 3 * Math.sin(3 * row[0]!) + 2 * row[1]! ** 2 + step + categoryEffect[row[3]! / 10]! + noise * (random() - 0.5);
  }
  const x: FeatureMatrix = { data, nRows, nFeatures };
  return { x, y };
}

export function rmse(pred: ArrayLike<number>, y: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < y.length; i++) sum += (pred[i]! - y[i]!) ** 2;
  return Math.sqrt(sum / y.length);
}
