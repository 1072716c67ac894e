import type { SeriesHistory } from "./series-history";
import { FEATURE_NAMES } from "./names";

/**
 * Intermittent-demand features (Croston's decomposition of the recent past into how often an item
 * sells and how much when it does, and Syntetos–Boylan's demand class), appended after the base
 * features when a model is trained with `featureSet: "intermittent"`. Windows: a quarter and a
 * year of clean (observed, uncensored) days up to the origin; `_rel` sizes are divided by the
 * row's scale like every other level.
 */
export const INTERMITTENT_FEATURE_NAMES = [
  "nonzero_size_91d_rel",
  "demand_interval_91d",
  "nonzero_cv2_91d",
  "nonzero_size_364d_rel",
  "demand_interval_364d",
  "nonzero_cv2_364d",
  "zero_run_vs_interval",
  "demand_class",
] as const;

export type FeatureSet = "base" | "intermittent";

export function featureNamesOf(set: FeatureSet): readonly string[] {
  return set === "base" ? FEATURE_NAMES : [...FEATURE_NAMES, ...INTERMITTENT_FEATURE_NAMES];
}

/** Syntetos–Boylan cut-offs: average inter-demand interval 1.32 days, squared CV of non-zero sizes 0.49. */
const ADI_CUT = 1.32;
const CV2_CUT = 0.49;

/** 0 smooth, 1 intermittent (sparse, steady sizes), 2 erratic (frequent, variable sizes), 3 lumpy (both); NaN without any sale. */
export type DemandClass = 0 | 1 | 2 | 3;
export const DEMAND_CLASS_NAMES = ["smooth", "intermittent", "erratic", "lumpy"] as const;

export interface Decomposition {
  /** Mean units on selling days. */
  size: number;
  /** Clean days per selling day (ADI); ≥ 1. */
  interval: number;
  /** Squared coefficient of variation of the sizes. */
  cv2: number;
}

/** Croston's decomposition of the clean days in [origin − days + 1, origin]; NaN fields without a sale. */
export function decompose(h: SeriesHistory, origin: number, days: number): Decomposition {
  const from = origin - days + 1;
  const n = h.sum(h.cleanN, from, origin);
  const selling = n - h.sum(h.zeroN, from, origin);
  if (!(selling > 0)) return { size: Number.NaN, interval: Number.NaN, cv2: Number.NaN };
  const sum = h.sum(h.cleanSum, from, origin);
  const size = sum / selling;
  const variance = Math.max(0, h.sum(h.cleanSq, from, origin) / selling - size * size);
  return { size, interval: n / selling, cv2: variance / (size * size) };
}

export function demandClass(d: Decomposition): DemandClass | null {
  if (Number.isNaN(d.interval)) return null;
  return ((d.interval > ADI_CUT ? 1 : 0) + (d.cv2 > CV2_CUT ? 2 : 0)) as DemandClass;
}

/** The year's decomposition decides the class (a quarter is too short for items selling once a month). */
export function demandClassAt(h: SeriesHistory, origin: number): DemandClass | null {
  return demandClass(decompose(h, origin, 364));
}

/** Writes the intermittent features of one (series, origin) at out[offset…]; they do not depend on the horizon. */
export function writeIntermittent(h: SeriesHistory, origin: number, scale: number, daysSinceSale: number, out: Float32Array, offset: number): void {
  const quarter = decompose(h, origin, 91);
  const year = decompose(h, origin, 364);
  out[offset] = quarter.size / scale;
  out[offset + 1] = quarter.interval;
  out[offset + 2] = quarter.cv2;
  out[offset + 3] = year.size / scale;
  out[offset + 4] = year.interval;
  out[offset + 5] = year.cv2;
  // A zero run much longer than the usual gap between sales looks like a stock-out or delisting, not demand.
  out[offset + 6] = daysSinceSale / (Number.isNaN(year.interval) ? 1 : year.interval);
  out[offset + 7] = demandClass(year) ?? Number.NaN;
}
