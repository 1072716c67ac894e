import type { Panel } from "@/models/data";
import { isActiveAt } from "@/models/data";
import { mulberry32 } from "@/models/util";
import { MAX_HORIZON } from "./calendar";
import { buildPanelContext } from "./context";
import { featureNamesOf, writeIntermittent } from "./intermittent";
import type { FeatureSet } from "./intermittent";
import { CATEGORICAL_FEATURES, N_FEATURES } from "./names";
import { writeRow } from "./row";
import type { OriginStats } from "./series-history";
import { SeriesHistory, originStats } from "./series-history";

export interface TrainingOptions {
  /** Forecast origins (day indices); each contributes rows for h = 1 … horizon. */
  origins: readonly number[];
  horizon: number;
  /** Last day a target may fall on (default: the last day of the panel). A backtest fold passes its origin. */
  until?: number;
  /** Keep at most this many rows, drawn uniformly at random with `seed`. */
  maxRows?: number;
  seed?: number;
  /** "intermittent" appends INTERMITTENT_FEATURE_NAMES after the base features (default "base"). */
  featureSet?: FeatureSet;
}

/** Rows, features and a target in scaled units. Predictions of a model trained on it are scaled too. */
export interface TrainingSet {
  /** Row-major float32 features, NaN = missing: `X[r * nFeatures + f]`. */
  X: Float32Array;
  nRows: number;
  nFeatures: number;
  featureNames: readonly string[];
  categorical: readonly number[];
  /** Target = units / scale. Never compare it with units: multiply by `scale` (see `toUnits`). */
  yScaled: Float32Array;
  scale: Float32Array;
  series: Int32Array;
  origin: Int32Array;
  h: Int32Array;
}

export function checkHorizon(horizon: number): void {
  if (!Number.isInteger(horizon) || horizon < 1 || horizon > MAX_HORIZON) throw new Error(`horizon must be an integer in 1…${MAX_HORIZON}, got ${horizon}`);
}

/** Whether (series, target day) can be a training target: observed and not stockout-censored. */
function usableTarget(units: Float32Array, censored: Uint8Array, t: number): boolean {
  return !Number.isNaN(units[t]!) && censored[t] === 0;
}

/**
 * Training rows of a direct multi-horizon model: one row per (series, origin, h) whose target day
 * is observed and not censored. Censored targets are left out because their units are a lower
 * bound on demand; training on them would teach the model to under-forecast. The price paid: days
 * that sold out (often busy ones) are under-represented, which the censored-share feature partly offsets.
 */
export function buildTrainingRows(panel: Panel, options: TrainingOptions): TrainingSet {
  checkHorizon(options.horizon);
  const horizon = options.horizon;
  const until = Math.min(options.until ?? panel.nDays - 1, panel.nDays - 1);
  const origins = [...new Set(options.origins)].filter((o) => Number.isInteger(o) && o >= 0 && o < until).sort((a, b) => a - b);

  let candidates = 0;
  for (const s of panel.series) {
    for (const o of origins) {
      if (!isActiveAt(s, o)) continue;
      for (let h = 1; h <= horizon && o + h <= until; h++) if (usableTarget(s.units, s.censored, o + h)) candidates++;
    }
  }
  const nRows = options.maxRows !== undefined ? Math.min(candidates, Math.max(0, Math.floor(options.maxRows))) : candidates;
  const random = mulberry32(options.seed ?? 1);
  const featureNames = featureNamesOf(options.featureSet ?? "base");
  const width = featureNames.length;
  const set: TrainingSet = {
    X: new Float32Array(nRows * width),
    nRows,
    nFeatures: width,
    featureNames,
    categorical: CATEGORICAL_FEATURES,
    yScaled: new Float32Array(nRows),
    scale: new Float32Array(nRows),
    series: new Int32Array(nRows),
    origin: new Int32Array(nRows),
    h: new Int32Array(nRows),
  };
  if (nRows === 0) return set;

  const ctx = buildPanelContext(panel);
  const hist = new SeriesHistory(panel.nDays);
  let seen = 0;
  let row = 0;
  panel.series.forEach((s, i) => {
    let loaded = false;
    for (const o of origins) {
      if (!isActiveAt(s, o)) continue;
      let stats: OriginStats | null = null;
      for (let h = 1; h <= horizon && o + h <= until; h++) {
        const t = o + h;
        if (!usableTarget(s.units, s.censored, t)) continue;
        // Selection sampling keeps exactly nRows of the candidates, each equally likely, in order.
        const keep = (nRows - row) / (candidates - seen++);
        if (keep < 1 && random() >= keep) continue;
        if (!loaded) {
          hist.load(s, i);
          loaded = true;
        }
        stats ??= originStats(ctx, hist, o);
        writeRow(ctx, hist, stats, h, undefined, set.X, row * width);
        if (width > N_FEATURES) writeIntermittent(hist, o, stats.scale, stats.daysSinceSale, set.X, row * width + N_FEATURES);
        set.yScaled[row] = s.units[t]! / stats.scale;
        set.scale[row] = stats.scale;
        set.series[row] = i;
        set.origin[row] = o;
        set.h[row] = h;
        row++;
      }
    }
  });
  return set;
}

/**
 * Origins every `step` days ending at `until - 1`, leaving `minHistory` days before the first.
 * Weekly steps give every target day several horizons without near-duplicate rows.
 */
export function trainingOrigins(panel: Panel, options: { until?: number; step?: number; minHistory?: number } = {}): number[] {
  const until = Math.min(options.until ?? panel.nDays - 1, panel.nDays - 1);
  const step = options.step ?? 7;
  const first = options.minHistory ?? 28;
  const origins: number[] = [];
  for (let o = until - 1; o >= first; o -= step) origins.push(o);
  return origins.reverse();
}
