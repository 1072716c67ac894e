import type { Panel, SeriesForecast } from "@/models/data";
import { isActiveAt } from "@/models/data";
import { buildPanelContext } from "./context";
import { featureNamesOf, writeIntermittent } from "./intermittent";
import type { FeatureSet } from "./intermittent";
import { CATEGORICAL_FEATURES, N_FEATURES } from "./names";
import type { PlannedCovariates } from "./row";
import { writeRow } from "./row";
import { SeriesHistory, originStats } from "./series-history";
import { checkHorizon } from "./training";

/** Model outputs in scaled units, one value per inference row, per quantile. */
export interface ScaledQuantiles {
  p10: Float32Array;
  p50: Float32Array;
  p90: Float32Array;
  /** Scaled mean from a mean (Tweedie) model, when there is one. */
  mean?: Float32Array;
}

/**
 * Feature rows for every series active at `origin`, h = 1 … horizon, series-major
 * (row = k * horizon + h - 1 for the k-th forecast series). A model trained on a TrainingSet
 * predicts scaled units; `toForecasts` is the way back to units.
 */
export interface InferenceSet {
  X: Float32Array;
  nRows: number;
  nFeatures: number;
  featureNames: readonly string[];
  categorical: readonly number[];
  origin: number;
  horizon: number;
  /** Panel indices of the forecast series. */
  seriesIndices: Int32Array;
  /** Scale of each row (constant within a series). */
  scale: Float32Array;
  /** Rescales one quantile's scaled predictions to units (≥ 0). */
  toUnits(scaled: Float32Array): Float32Array;
  /** Rescales the three quantiles (and the mean, when given) to units, sorted so P10 ≤ P50 ≤ P90, one forecast per series. */
  toForecasts(scaled: ScaledQuantiles): SeriesForecast[];
}

export interface InferenceOptions {
  /** Planned prices and promotions per panel series index (what-ifs, or plans past the history). */
  plans?: ReadonlyMap<number, PlannedCovariates>;
  /** Must be the feature set the model was trained with (default "base"). */
  featureSet?: FeatureSet;
}

// One reusable history buffer per panel: single forecasts and what-ifs then allocate no per-day
// arrays, which kept garbage collection out of their tail latency. Building rows is synchronous,
// so no two calls share the buffer at the same time.
const histories = new WeakMap<Panel, SeriesHistory>();
function historyFor(panel: Panel): SeriesHistory {
  let hist = histories.get(panel);
  if (!hist) histories.set(panel, (hist = new SeriesHistory(panel.nDays)));
  return hist;
}

export function buildInferenceRows(panel: Panel, origin: number, horizon: number, options: InferenceOptions = {}): InferenceSet {
  checkHorizon(horizon);
  if (!Number.isInteger(origin) || origin < 0 || origin >= panel.nDays) throw new Error(`origin ${origin} is outside the panel (0…${panel.nDays - 1})`);
  const seriesIndices = Int32Array.from(panel.series.flatMap((s, i) => (isActiveAt(s, origin) ? [i] : [])));
  const nRows = seriesIndices.length * horizon;
  const featureNames = featureNamesOf(options.featureSet ?? "base");
  const width = featureNames.length;
  const X = new Float32Array(nRows * width);
  const scale = new Float32Array(nRows);
  const ctx = buildPanelContext(panel);
  const hist = historyFor(panel);
  seriesIndices.forEach((i, k) => {
    hist.load(panel.series[i]!, i);
    const stats = originStats(ctx, hist, origin);
    const plan = options.plans?.get(i);
    for (let h = 1; h <= horizon; h++) {
      const row = k * horizon + h - 1;
      writeRow(ctx, hist, stats, h, plan, X, row * width);
      if (width > N_FEATURES) writeIntermittent(hist, origin, stats.scale, stats.daysSinceSale, X, row * width + N_FEATURES);
      scale[row] = stats.scale;
    }
  });

  const toUnits = (scaled: Float32Array) => {
    if (scaled.length !== nRows) throw new Error(`expected ${nRows} predictions, got ${scaled.length}`);
    return scaled.map((v, r) => Math.max(0, v * scale[r]!));
  };
  return {
    X,
    nRows,
    nFeatures: width,
    featureNames,
    categorical: CATEGORICAL_FEATURES,
    origin,
    horizon,
    seriesIndices,
    scale,
    toUnits,
    toForecasts(scaled) {
      const [p10, p50, p90] = [toUnits(scaled.p10), toUnits(scaled.p50), toUnits(scaled.p90)];
      const mean = scaled.mean && toUnits(scaled.mean);
      return Array.from(seriesIndices, (series, k) => {
        const f: SeriesForecast = { series, p10: new Float32Array(horizon), p50: new Float32Array(horizon), p90: new Float32Array(horizon) };
        for (let j = 0; j < horizon; j++) {
          // Separate quantile models can cross; sorting restores a valid interval.
          const row = k * horizon + j;
          const [lo, mid, hi] = [p10[row]!, p50[row]!, p90[row]!].sort((a, b) => a - b);
          f.p10[j] = lo!;
          f.p50[j] = mid!;
          f.p90[j] = hi!;
        }
        if (mean) f.mean = mean.slice(k * horizon, (k + 1) * horizon);
        return f;
      });
    },
  };
}
