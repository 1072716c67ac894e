export { runBacktest } from "./run";
export type { BacktestOptions, BacktestResult, FoldSummary, SeriesMetrics } from "./run";
export { foldOrigins, MIN_HISTORY_DAYS } from "./folds";
export { MetricAccumulator, naiveScale, pinballLoss } from "./metrics";
export type { Metrics, QuantileLoss } from "./metrics";
export { driftVerdict, rollingRmsse } from "./drift";
export type { DriftVerdict, SeriesErrors } from "./drift";
