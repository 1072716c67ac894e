import { mulberry32 } from "../models/util";

/** Friedman-style nonlinear regression data with interactions, noise and missing values, reproducible from a seed. */
export interface SyntheticRegression {
  x: Float32Array;
  y: Float32Array;
  nRows: number;
  nFeatures: number;
}

/** Share of cells set to NaN in every fifth feature, so missing-value handling is on the timed path too. */
const MISSING_RATE = 0.05;

export function syntheticRegression(nRows: number, nFeatures: number, seed: number): SyntheticRegression {
  if (nFeatures < 10) throw new Error("syntheticRegression needs at least 10 features");
  const random = mulberry32(seed);
  const x = new Float32Array(nRows * nFeatures);
  const y = new Float32Array(nRows);
  for (let r = 0; r < nRows; r++) {
    const row = x.subarray(r * nFeatures, (r + 1) * nFeatures);
    for (let f = 0; f < nFeatures; f++) row[f] = f % 5 === 4 && random() < MISSING_RATE ? Number.NaN : random();
    // Missing inputs act as 0.5 in the ground truth, so the trees must learn where NaN belongs.
    const v = (f: number) => (Number.isNaN(row[f]!) ? 0.5 : row[f]!);
    const signal =
      10 * Math.sin(Math.PI * v(0) * v(1)) +
      20 * (v(2) - 0.5) ** 2 +
      10 * v(3) +
      5 * v(4) +
      8 * (v(5) > 0.4 ? v(6) : -v(7)) +
      6 * Math.exp(-4 * (v(8) - v(9)) ** 2);
    y[r] = signal + gaussian(random);
  }
  return { x, y, nRows, nFeatures };
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}
