/**
 * Stretch factors for the distances P50−P10 and P90−P50. Separately fitted quantile models can be
 * too wide or too narrow (pinball loss with early stopping does not guarantee coverage), so the
 * band is rescaled until it covers 80% of held-out validation rows: what users read off it.
 */
export type IntervalCalibration = { lower: number; upper: number };

export const NO_CALIBRATION: IntervalCalibration = { lower: 1, upper: 1 };

const GRID_MIN = 0.25;
const GRID_MAX = 3;
const GRID_STEP = 0.01;

function missRate(distance: Float64Array, excess: Float64Array, k: number): number {
  let misses = 0;
  for (let i = 0; i < distance.length; i++) if (excess[i]! > k * distance[i]!) misses++;
  return misses / distance.length;
}

/** The factor k whose tail misses at the rate closest to `target` (misses only fall as k grows). */
function fitTail(distance: Float64Array, excess: Float64Array, target: number): number {
  let best = 1;
  let bestGap = Infinity;
  for (let k = GRID_MIN; k <= GRID_MAX + 1e-9; k += GRID_STEP) {
    const gap = Math.abs(missRate(distance, excess, k) - target);
    if (gap < bestGap - 1e-12) {
      bestGap = gap;
      best = Math.round(k * 100) / 100;
    }
  }
  return best;
}

/**
 * Fits the factors on rows the models were not trained on: `y` and the three predictions, all in
 * the same units. The lower tail aims at 10% misses; the upper tail takes the rest of the 20%. With
 * many zero-sales days a P10 of 0 cannot miss (sales are never below 0), and a band whose tails
 * each aimed at 10% would cover far more than 80%.
 */
export function fitIntervalCalibration(y: ArrayLike<number>, p10: ArrayLike<number>, p50: ArrayLike<number>, p90: ArrayLike<number>): IntervalCalibration {
  const n = y.length;
  if (n < 50) return NO_CALIBRATION;
  const lowDistance = new Float64Array(n);
  const lowExcess = new Float64Array(n);
  const highDistance = new Float64Array(n);
  const highExcess = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [lo, mid, hi] = [p10[i]!, p50[i]!, p90[i]!].sort((a, b) => a - b) as [number, number, number];
    lowDistance[i] = mid - lo;
    lowExcess[i] = mid - y[i]!;
    highDistance[i] = hi - mid;
    highExcess[i] = y[i]! - mid;
  }
  const lower = fitTail(lowDistance, lowExcess, 0.1);
  const upperTarget = Math.min(0.2, Math.max(0.05, 0.2 - missRate(lowDistance, lowExcess, lower)));
  return { lower, upper: fitTail(highDistance, highExcess, upperTarget) };
}

/** Applies the factors to one row's quantiles (already sorted P10 ≤ P50 ≤ P90); never below zero. */
export function calibrateInterval(p10: number, p50: number, p90: number, c: IntervalCalibration): [number, number] {
  return [Math.max(0, p50 - c.lower * (p50 - p10)), p50 + c.upper * (p90 - p50)];
}
