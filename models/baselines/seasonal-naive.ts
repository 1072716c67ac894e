import { meanOf, pointForecaster } from "./point-forecaster";
import type { PointMethod } from "./point-forecaster";

/** How many weeks back to look when the same weekday last week was unknown or censored. */
const BACK_OFF_WEEKS = 4;

/** Tomorrow's forecast is the last same weekday; falls back to the 28-day mean, then 0. */
export const seasonalNaiveMethod: PointMethod = (y) => ({
  at(d, h) {
    let j = d + h - 7 * Math.ceil(h / 7);
    for (let k = 0; k < BACK_OFF_WEEKS && j >= 0; k++, j -= 7) if (!Number.isNaN(y[j]!)) return y[j]!;
    const mean = meanOf(y, d - 27, d);
    return Number.isNaN(mean) ? 0 : mean;
  },
});

export const seasonalNaive = () => pointForecaster("seasonal_naive", seasonalNaiveMethod);
