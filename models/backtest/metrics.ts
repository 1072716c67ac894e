/**
 * Backtest metrics of one forecaster; the shape the model registry stores per forecaster name.
 * MAE, RMSE, WAPE, bias and RMSSE score the point forecast (the mean when the forecaster has one,
 * else P50); pinball scores P10/P50/P90 and coverage the P10–P90 band.
 */
export interface Metrics {
  mae: number;
  rmse: number;
  /** Σ|error| / Σactual. */
  wape: number;
  /** Mean error / mean actual, error = forecast − actual: positive means over-forecasting. */
  bias: number;
  /** Mean over (series, fold) of M5's root mean squared scaled error. */
  rmsse: number;
  /** Share of actuals within [P10, P90]; 0.8 when the intervals are calibrated. */
  coverage80: number;
  /** Mean pinball loss over the 0.1, 0.5 and 0.9 quantiles. */
  pinball: number;
}

export interface QuantileLoss {
  p10: number;
  p50: number;
  p90: number;
}

/** Pinball (quantile) loss of predicting `forecast` for quantile q when `actual` happened. */
export function pinballLoss(q: number, actual: number, forecast: number): number {
  const diff = actual - forecast;
  return diff >= 0 ? q * diff : (q - 1) * diff;
}

/**
 * M5 scale: the in-sample mean squared one-step naive difference, over consecutive clean
 * (observed, uncensored) days in [from, to]. NaN when there is no such pair.
 */
export function naiveScale(units: Float32Array, censored: Uint8Array, from: number, to: number): number {
  let sum = 0;
  let n = 0;
  for (let t = Math.max(1, from + 1); t <= to; t++) {
    const a = units[t - 1]!;
    const b = units[t]!;
    if (Number.isNaN(a) || Number.isNaN(b) || censored[t - 1] || censored[t]) continue;
    sum += (b - a) * (b - a);
    n++;
  }
  return n > 0 ? sum / n : Number.NaN;
}

/** Running sums of one forecaster's errors over any set of scored points. */
export class MetricAccumulator {
  n = 0;
  private absSum = 0;
  private sqSum = 0;
  private errorSum = 0;
  private actualSum = 0;
  private covered = 0;
  private pin = { p10: 0, p50: 0, p90: 0 };
  private rmsseSum = 0;
  private rmsseCount = 0;

  /** `point` is the forecaster's point forecast (its mean when it has one, else P50); P50 still scores as the 0.5 quantile. */
  add(actual: number, p10: number, p50: number, p90: number, point = p50): void {
    const error = point - actual;
    this.n++;
    this.absSum += Math.abs(error);
    this.sqSum += error * error;
    this.errorSum += error;
    this.actualSum += actual;
    if (actual >= p10 && actual <= p90) this.covered++;
    this.pin.p10 += pinballLoss(0.1, actual, p10);
    this.pin.p50 += pinballLoss(0.5, actual, p50);
    this.pin.p90 += pinballLoss(0.9, actual, p90);
  }

  /** One (series, fold) window's RMSSE; callers skip windows without actuals or with a zero scale. */
  addRmsse(value: number): void {
    this.rmsseSum += value;
    this.rmsseCount++;
  }

  quantileLoss(): QuantileLoss {
    const n = this.n || Number.NaN;
    return { p10: this.pin.p10 / n, p50: this.pin.p50 / n, p90: this.pin.p90 / n };
  }

  /** NaN marks a metric with nothing to average (no points, or zero total actuals for WAPE and bias). */
  metrics(): Metrics {
    const n = this.n || Number.NaN;
    const actual = this.actualSum || Number.NaN;
    return {
      mae: this.absSum / n,
      rmse: Math.sqrt(this.sqSum / n),
      wape: this.absSum / actual,
      bias: this.errorSum / actual,
      rmsse: this.rmsseCount > 0 ? this.rmsseSum / this.rmsseCount : Number.NaN,
      coverage80: this.covered / n,
      pinball: (this.pin.p10 + this.pin.p50 + this.pin.p90) / (3 * n),
    };
  }
}
