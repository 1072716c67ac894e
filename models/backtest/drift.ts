/** Squared errors of one series' stored point forecasts over the days whose sales have arrived, and its M5 scale. */
export type SeriesErrors = { squaredErrorSum: number; days: number; scale: number };

export type DriftVerdict = {
  /** Mean over series of RMSSE (the backtest's metric), over series with a positive scale. */
  rmsse: number;
  series: number;
  backtestRmsse: number;
  /** The backtest RMSSE raised by the margin: above it is drift. */
  threshold: number;
  drifted: boolean;
};

/** Mean RMSSE over series, as the backtest computes it (series without a positive, finite scale are skipped); NaN with none. */
export function rollingRmsse(series: readonly SeriesErrors[]): { rmsse: number; series: number } {
  let sum = 0;
  let n = 0;
  for (const s of series) {
    if (!(s.scale > 0) || !Number.isFinite(s.scale) || s.days <= 0) continue;
    sum += Math.sqrt(s.squaredErrorSum / s.days / s.scale);
    n++;
  }
  return { rmsse: n > 0 ? sum / n : Number.NaN, series: n };
}

/**
 * Whether live accuracy has drifted: the rolling RMSSE is worse than the backtest's by more than
 * `marginPct` percent. No comparable series, or no finite backtest score, is never drift.
 */
export function driftVerdict(series: readonly SeriesErrors[], backtestRmsse: number, marginPct: number): DriftVerdict {
  const rolling = rollingRmsse(series);
  const threshold = backtestRmsse * (1 + marginPct / 100);
  const drifted = rolling.series > 0 && Number.isFinite(backtestRmsse) && rolling.rmsse > threshold;
  return { rmsse: rolling.rmsse, series: rolling.series, backtestRmsse, threshold, drifted };
}
