import { pointForecaster } from "./point-forecaster";
import type { PointMethod } from "./point-forecaster";

/** Flat forecast: the mean of the clean days among the last `window`; the whole history when none, else 0. */
export function movingAverageMethod(window: number): PointMethod {
  return (y) => {
    const sum = new Float64Array(y.length + 1);
    const count = new Float64Array(y.length + 1);
    y.forEach((v, d) => {
      const known = !Number.isNaN(v);
      sum[d + 1] = sum[d]! + (known ? v : 0);
      count[d + 1] = count[d]! + (known ? 1 : 0);
    });
    return {
      at(d) {
        const from = Math.max(0, d - window + 1);
        const n = count[d + 1]! - count[from]!;
        if (n > 0) return (sum[d + 1]! - sum[from]!) / n;
        return count[d + 1]! > 0 ? sum[d + 1]! / count[d + 1]! : 0;
      },
    };
  };
}

export const movingAverage = (window = 28) => pointForecaster(`moving_average_${window}`, movingAverageMethod(window));
