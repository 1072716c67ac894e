import type { Forecaster } from "@/models/data";
import { holtWinters } from "./holt-winters";
import { croston, tsb } from "./intermittent";
import { movingAverage } from "./moving-average";
import { seasonalNaive } from "./seasonal-naive";

/** Every baseline, in the order reports list them. */
export function defaultBaselines(): Forecaster[] {
  return [seasonalNaive(), movingAverage(28), holtWinters(), croston(), tsb()];
}
