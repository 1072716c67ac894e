import { MISSING_BIN } from "./binning";
import type { BinCuts } from "./binning";

export interface SplitOptions {
  lambda: number;
  minChildWeight: number;
  minSplitGain: number;
  /**
   * Per feature: −1 (output must not rise with the feature), +1 (must not fall) or 0 (free).
   * Empty means no constraints.
   */
  monotone: readonly number[];
}

/** Best split of a node: rows with bin <= `bin` (and missing ones when `defaultLeft`) go left. */
export interface Split {
  feature: number;
  bin: number;
  defaultLeft: boolean;
  gain: number;
  leftGrad: number;
  leftHess: number;
}

/**
 * Scans every candidate cut of every selected feature, trying missing values on each side
 * (XGBoost's sparsity-aware search), and keeps the first best gain (deterministic tie-break).
 * On a monotone feature, a cut whose child weights −G/(H+λ) break the required order is skipped;
 * `enforceMonotone` then makes the finished tree monotone whatever the leaf values.
 */
export function findBestSplit(
  hist: Float64Array,
  nodeGrad: number,
  nodeHess: number,
  features: Int32Array,
  cuts: BinCuts,
  options: SplitOptions,
): Split | undefined {
  const { lambda, minChildWeight, monotone } = options;
  // Whether a cut's children are in the wrong order for the feature's direction.
  const misordered = (direction: number, gl: number, hl: number, gr: number, hr: number) => direction * (-gr / (hr + lambda) + gl / (hl + lambda)) < 0;
  const parentScore = (nodeGrad * nodeGrad) / (nodeHess + lambda);
  let best: Split | undefined;
  let bestGain = options.minSplitGain;
  for (let k = 0; k < features.length; k++) {
    const f = features[k]!;
    const direction = monotone[f] ?? 0;
    const nCuts = cuts[f]!.length;
    const offset = f << 9;
    const missingGrad = hist[offset + (MISSING_BIN << 1)]!;
    const missingHess = hist[offset + (MISSING_BIN << 1) + 1]!;
    const hasMissing = missingHess > 0;
    let gl = 0;
    let hl = 0;
    for (let b = 0; b < nCuts; b++) {
      gl += hist[offset + (b << 1)]!;
      hl += hist[offset + (b << 1) + 1]!;
      // Missing rows go right in this candidate.
      const hr = nodeHess - hl;
      if (hl >= minChildWeight && hr >= minChildWeight) {
        const gr = nodeGrad - gl;
        const gain = (gl * gl) / (hl + lambda) + (gr * gr) / (hr + lambda) - parentScore;
        if (gain > bestGain && !(direction !== 0 && misordered(direction, gl, hl, gr, hr))) {
          bestGain = gain;
          // Without missing values in training, unseen NaNs follow the bigger child.
          best = { feature: f, bin: b, defaultLeft: !hasMissing && hl > hr, gain, leftGrad: gl, leftHess: hl };
        }
      }
      if (!hasMissing) continue;
      // Missing rows go left in this candidate.
      const glm = gl + missingGrad;
      const hlm = hl + missingHess;
      const hrm = nodeHess - hlm;
      if (hlm >= minChildWeight && hrm >= minChildWeight) {
        const grm = nodeGrad - glm;
        const gain = (glm * glm) / (hlm + lambda) + (grm * grm) / (hrm + lambda) - parentScore;
        if (gain > bestGain && !(direction !== 0 && misordered(direction, glm, hlm, grm, hrm))) {
          bestGain = gain;
          best = { feature: f, bin: b, defaultLeft: true, gain, leftGrad: glm, leftHess: hlm };
        }
      }
    }
  }
  return best;
}
