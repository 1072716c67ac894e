import type { Panel } from "./types";

/** Quantile forecasts of one series for days origin+1 … origin+horizon (index h-1). */
export interface SeriesForecast {
  /** Index into `panel.series`. */
  series: number;
  p10: Float32Array;
  p50: Float32Array;
  p90: Float32Array;
  /**
   * Expected units (the mean), when the forecaster has one beside its quantiles. It is the point
   * forecast that squared-error metrics, sums and revenue use; without it P50 stands in. For
   * intermittent demand the median lies below the mean, so the two differ.
   */
  mean?: Float32Array;
  /** Which forecaster produced the mean, when a combination chose among several (reported by the backtest). */
  servedBy?: string;
}

/**
 * Anything that forecasts every series active at `origin` (see `isActiveAt`) from data up to and
 * including that day. Baselines and the GBDT model share it so a backtest compares them fairly;
 * it may be async (onnxruntime is).
 */
export interface Forecaster {
  readonly name: string;
  forecast(panel: Panel, origin: number, horizon: number): SeriesForecast[] | Promise<SeriesForecast[]>;
}
