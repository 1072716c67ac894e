import type { Forecaster, Panel, SeriesForecast } from "@/models/data";
import { activeSeriesAt, dateOfDay, hideAfter } from "@/models/data";
import { foldOrigins } from "./folds";
import type { Metrics, QuantileLoss } from "./metrics";
import { MetricAccumulator, naiveScale } from "./metrics";

export interface BacktestOptions {
  horizon: number;
  /** Rolling origins (default 3). */
  folds?: number;
  /** Also return metrics per series and forecaster. */
  perSeries?: boolean;
}

export interface FoldSummary {
  origin: number;
  /** ISO date of the origin: the last day the forecasters could see. */
  date: string;
  /** Series active at the origin. */
  series: number;
  /** Scored (series, day) points. */
  points: number;
}

export interface SeriesMetrics extends Metrics {
  series: number;
  storeId: string;
  itemId: string;
  points: number;
}

export interface BacktestResult {
  horizon: number;
  folds: FoldSummary[];
  /** Scored (series, day) points, the same for every forecaster. */
  rows: number;
  /** Distinct series with at least one scored point. */
  series: number;
  metrics: Record<string, Metrics>;
  /** Mean pinball loss per quantile (the `pinball` metric is their mean). */
  pinballByQuantile: Record<string, QuantileLoss>;
  byFold: Record<string, Metrics[]>;
  /** For forecasters that combine others: how many scored (series, fold) windows each one served. */
  servedBy: Record<string, Record<string, number>>;
  perSeries?: Record<string, SeriesMetrics[]>;
}

/** A day is scored when its actual is observed and not stockout-censored (censored units understate demand). */
const scorable = (panel: Panel, series: number, day: number) => {
  const s = panel.series[series]!;
  return !Number.isNaN(s.units[day]!) && s.censored[day] === 0;
};

function checkForecast(name: string, f: SeriesForecast, horizon: number): void {
  for (const q of [f.p10, f.p50, f.p90, ...(f.mean ? [f.mean] : [])]) {
    if (q.length < horizon) throw new Error(`${name} returned ${q.length} values for series ${f.series}, expected ${horizon}`);
    for (let j = 0; j < horizon; j++) if (!Number.isFinite(q[j]!)) throw new Error(`${name} returned a non-finite forecast for series ${f.series}, day ${j + 1}`);
  }
}

/**
 * Rolling-origin backtest. At each fold origin every forecaster sees the panel as it was then
 * (`hideAfter`: no units, stockouts or online sales after the origin; planned prices stay) and
 * forecasts every active series; all forecasters are scored on the same points. RMSSE is computed
 * per (series, fold) with the naive scale up to that origin and averaged over those windows.
 */
export async function runBacktest(panel: Panel, forecasters: readonly Forecaster[], options: BacktestOptions): Promise<BacktestResult> {
  const { horizon, folds = 3, perSeries = false } = options;
  const names = forecasters.map((f) => f.name);
  if (new Set(names).size !== names.length) throw new Error(`forecaster names must be unique: ${names.join(", ")}`);
  const origins = foldOrigins(panel.nDays, horizon, folds);

  const total = new Map(names.map((n) => [n, new MetricAccumulator()]));
  const byFold = new Map(names.map((n) => [n, [] as Metrics[]]));
  const bySeries = new Map(names.map((n) => [n, new Map<number, MetricAccumulator>()]));
  const scoredSeries = new Set<number>();
  const servedBy: Record<string, Record<string, number>> = {};
  const foldSummaries: FoldSummary[] = [];
  let rows = 0;

  for (const origin of origins) {
    const view = hideAfter(panel, origin);
    const active = activeSeriesAt(panel, origin);
    const targets = active.map((i) => ({ series: i, days: Array.from({ length: horizon }, (_, j) => origin + 1 + j).filter((d) => d < panel.nDays && scorable(panel, i, d)) }));
    const scales = new Map(active.map((i) => [i, naiveScale(panel.series[i]!.units, panel.series[i]!.censored, panel.series[i]!.firstDay, origin)]));
    let points = 0;
    for (const t of targets) {
      points += t.days.length;
      if (t.days.length > 0) scoredSeries.add(t.series);
    }
    rows += points;
    foldSummaries.push({ origin, date: dateOfDay(panel, origin), series: active.length, points });

    for (const forecaster of forecasters) {
      const forecasts = new Map((await forecaster.forecast(view, origin, horizon)).map((f) => [f.series, f]));
      const fold = new MetricAccumulator();
      const accumulators = [fold, total.get(forecaster.name)!];
      for (const { series, days } of targets) {
        if (days.length === 0) continue;
        const f = forecasts.get(series);
        if (!f) {
          const s = panel.series[series]!;
          throw new Error(`${forecaster.name} gave no forecast for store ${s.storeId}, item ${s.itemId} at ${dateOfDay(panel, origin)}`);
        }
        checkForecast(forecaster.name, f, horizon);
        if (f.servedBy) {
          const shares = (servedBy[forecaster.name] ??= {});
          shares[f.servedBy] = (shares[f.servedBy] ?? 0) + 1;
        }
        let seriesAcc: MetricAccumulator | undefined;
        if (perSeries) {
          const map = bySeries.get(forecaster.name)!;
          seriesAcc = map.get(series) ?? new MetricAccumulator();
          map.set(series, seriesAcc);
        }
        // The mean is the point forecast where the forecaster has one (see SeriesForecast.mean).
        const point = f.mean ?? f.p50;
        let squared = 0;
        for (const d of days) {
          const j = d - origin - 1;
          const actual = panel.series[series]!.units[d]!;
          for (const acc of accumulators) acc.add(actual, f.p10[j]!, f.p50[j]!, f.p90[j]!, point[j]!);
          seriesAcc?.add(actual, f.p10[j]!, f.p50[j]!, f.p90[j]!, point[j]!);
          squared += (point[j]! - actual) ** 2;
        }
        const scale = scales.get(series)!;
        if (scale > 0) {
          const rmsse = Math.sqrt(squared / days.length / scale);
          for (const acc of accumulators) acc.addRmsse(rmsse);
          seriesAcc?.addRmsse(rmsse);
        }
      }
      byFold.get(forecaster.name)!.push(fold.metrics());
    }
  }

  const result: BacktestResult = {
    horizon,
    folds: foldSummaries,
    rows,
    series: scoredSeries.size,
    metrics: Object.fromEntries(names.map((n) => [n, total.get(n)!.metrics()])),
    pinballByQuantile: Object.fromEntries(names.map((n) => [n, total.get(n)!.quantileLoss()])),
    byFold: Object.fromEntries(byFold),
    servedBy,
  };
  if (perSeries) {
    result.perSeries = Object.fromEntries(
      names.map((n) => [
        n,
        [...bySeries.get(n)!.entries()]
          .sort(([a], [b]) => a - b)
          .map(([i, acc]) => ({ series: i, storeId: panel.series[i]!.storeId, itemId: panel.series[i]!.itemId, points: acc.n, ...acc.metrics() })),
      ]),
    );
  }
  return result;
}
