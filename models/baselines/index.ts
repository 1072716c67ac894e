export type { Forecaster, SeriesForecast } from "@/models/data";
export { cleanHistory, pointForecaster, quantileForecast } from "./point-forecaster";
export type { PointMethod, PointModel } from "./point-forecaster";
export { seasonalNaive, seasonalNaiveMethod } from "./seasonal-naive";
export { movingAverage, movingAverageMethod } from "./moving-average";
export { fitHoltWinters, holtWinters, holtWintersMethod, holtWintersModel } from "./holt-winters";
export type { HoltWintersParams } from "./holt-winters";
export { croston, crostonMethod, crostonPath, tsb, tsbMethod, tsbPath } from "./intermittent";
export { normalQuantile, poissonQuantile, sortedQuantile } from "./quantiles";

export { defaultBaselines } from "./defaults";
