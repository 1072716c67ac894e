import type { Panel, SeriesForecast } from "@/models/data";
import { cleanHistory, crostonMethod, holtWintersMethod, movingAverageMethod, tsbMethod } from "@/models/baselines";
import type { PointMethod, PointModel } from "@/models/baselines";
import { naiveScale } from "@/models/backtest";
import { DEMAND_CLASS_NAMES, SeriesHistory, demandClassAt } from "@/models/features";
import type { DemandClass } from "@/models/features";

/** The mean model's forecasts of held-out validation rows (all in units), with where each row is. */
export interface HeldOut {
  series: Int32Array;
  origin: Int32Array;
  h: Int32Array;
  actual: Float32Array;
  mean: Float32Array;
}

/** Classical point forecasters a demand class may be served by instead of (or averaged with) the model. */
const METHODS: Record<string, PointMethod> = { tsb: tsbMethod, croston: crostonMethod, holt_winters: holtWintersMethod, moving_average_28: movingAverageMethod(28) };

/** What serves a class: the model's mean, a classical method's point forecast, or the average of the two. */
export type Choice = { kind: "model" } | { kind: "method"; method: string } | { kind: "average"; method: string };
export type ClassChoices = { byClass: Partial<Record<DemandClass, Choice>>; validationRows: Partial<Record<DemandClass, number>> };

/** Below this many held-out rows a class is not judged and the model serves it. */
const MIN_CLASS_ROWS = 300;

export const choiceName = (c: Choice) => (c.kind === "model" ? "model" : c.kind === "method" ? c.method : `model+${c.method}`);

/** Each method fitted once per series on history up to `until`: `at(d, h)` then forecasts any earlier origin from data up to d. */
function fitMethods(panel: Panel, series: number, until: number): { start: number; models: Record<string, PointModel> } {
  const y = cleanHistory(panel, series, until);
  const start = until - y.length + 1;
  return { start, models: Object.fromEntries(Object.entries(METHODS).map(([name, method]) => [name, method(y)])) };
}

/**
 * Chooses per demand class (Syntetos–Boylan, from the year before each validation origin) the
 * forecaster with the lowest scaled squared error on the held-out validation rows: every one of
 * them is on or before `until`, so the scored folds of a backtest never decide. Errors are divided
 * by the series' naive scale, as RMSSE does, so big sellers do not decide alone. The methods'
 * smoothing parameters are fitted on history up to `until` (their states at each origin use data
 * up to that origin only), which if anything favours them in the choice.
 */
export function chooseByDemandClass(panel: Panel, heldOut: HeldOut, until: number): ClassChoices {
  const candidates: Choice[] = [{ kind: "model" }, ...Object.keys(METHODS).flatMap((method): Choice[] => [{ kind: "method", method }, { kind: "average", method }])];
  const errors = new Map<DemandClass, Float64Array>();
  const counts = new Map<DemandClass, number>();
  const hist = new SeriesHistory(panel.nDays);
  const bySeries = new Map<number, number[]>();
  heldOut.series.forEach((s, r) => bySeries.set(s, [...(bySeries.get(s) ?? []), r]));
  for (const [series, rows] of bySeries) {
    const s = panel.series[series]!;
    hist.load(s, series);
    const { start, models } = fitMethods(panel, series, until);
    const classes = new Map<number, DemandClass | null>();
    for (const r of rows) {
      const origin = heldOut.origin[r]!;
      if (!classes.has(origin)) classes.set(origin, demandClassAt(hist, origin));
      const c = classes.get(origin);
      const scale = naiveScale(s.units, s.censored, s.firstDay, origin);
      if (c === null || c === undefined || !(scale > 0) || origin - start < 0) continue;
      const sums = errors.get(c) ?? new Float64Array(candidates.length);
      errors.set(c, sums);
      counts.set(c, (counts.get(c) ?? 0) + 1);
      const mean = heldOut.mean[r]!;
      candidates.forEach((choice, k) => {
        const point = choice.kind === "model" ? mean : Math.max(0, models[choice.method]!.at(origin - start, heldOut.h[r]!));
        const forecast = choice.kind === "average" ? (mean + point) / 2 : point;
        sums[k] = sums[k]! + (forecast - heldOut.actual[r]!) ** 2 / scale;
      });
    }
  }
  const byClass: ClassChoices["byClass"] = {};
  for (const [c, sums] of errors) {
    if ((counts.get(c) ?? 0) < MIN_CLASS_ROWS) continue;
    let best = 0;
    for (let k = 1; k < candidates.length; k++) if (sums[k]! < sums[best]!) best = k;
    byClass[c] = candidates[best]!;
  }
  return { byClass, validationRows: Object.fromEntries(counts) };
}

/** Serves each forecast's mean by its series' class choice at `origin`; the P10–P90 band stays the model's. */
export function applyDemandClassChoices(panel: Panel, origin: number, forecasts: SeriesForecast[], choices: ClassChoices): SeriesForecast[] {
  const hist = new SeriesHistory(panel.nDays);
  for (const f of forecasts) {
    hist.load(panel.series[f.series]!, f.series);
    const c = demandClassAt(hist, origin);
    const choice = (c !== null && choices.byClass[c]) || { kind: "model" as const };
    f.servedBy = choiceName(choice);
    if (choice.kind === "model" || !f.mean) continue;
    const y = cleanHistory(panel, f.series, origin);
    const model = METHODS[choice.method]!(y);
    for (let j = 0; j < f.mean.length; j++) {
      const point = Math.max(0, model.at(y.length - 1, j + 1));
      f.mean[j] = choice.kind === "average" ? (f.mean[j]! + point) / 2 : point;
    }
  }
  return forecasts;
}

export const describeChoices = (choices: ClassChoices) =>
  Object.fromEntries(Object.entries(choices.byClass).map(([c, choice]) => [DEMAND_CLASS_NAMES[Number(c) as DemandClass], choiceName(choice)]));
