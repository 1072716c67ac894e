import type { Series } from "@/models/data";
import type { InferenceSet } from "@/models/features";
import { F } from "@/models/features";
import { calibrateInterval, NO_CALIBRATION } from "@/models/forecaster";
import type { IntervalCalibration, QuantileOnnx } from "@/models/forecaster";
import { OnnxForecaster } from "@/models/onnx";

/** Total units over the horizon at one price point: P10/P50/P90 summed over days and series. */
export type UnitsBand = { p10: number; p50: number; p90: number };

/**
 * Units over consecutive periods of the horizon (weeks by default), with the variance of the
 * period's total if days were independent (each day's from its P10–P90: (P90 − P10) / 2.563 is
 * the standard deviation of a normal with those deciles) and the expected units (from the mean
 * model when the version has one, else the P50: daily medians of skewed counts understate the mean).
 */
export type PeriodBand = UnitsBand & { variance: number; mean: number };

/**
 * Demand of each requested series block at each price ratio. `ratios[g]` multiplies the planned
 * net price of every day (1 = the plan). `units[b][g]` is block b at ratio g over the horizon,
 * `periods[b][g][k]` over its k-th period; `plannedNet[b]` the block's mean planned net price.
 */
export type PriceResponse = { ratios: readonly number[]; units: UnitsBand[][]; periods: PeriodBand[][][]; plannedNet: number[] };

/** P90 − P10 of a standard normal. */
const DECILE_SPAN = 2.5631;

/** Edits one forecast day's controllable features in place, on a copy of its planned feature row. */
export type RowEdit = (row: Float32Array) => void;

/** One row to re-score: series block `block` of the inference set, forecast day `h` (0-based), with `edit` applied. */
export type EditedCell = { block: number; h: number; edit: RowEdit };

/** Units per re-scored cell (in `cells` order): P10 ≤ P50 ≤ P90 with the model's interval calibration, and the mean when asked for and the version has a mean model. */
export type ScoredCells = { p10: Float64Array; p50: Float64Array; p90: Float64Array; mean: Float64Array | null };

/**
 * Re-scores planned feature rows with some controllable features changed (price, discount,
 * promotion) through the served ONNX models, every other feature held at its planned value: each
 * cell's row is a copy of its planned row with the edit applied — no feature is rebuilt — and all
 * cells go through each model in one run. Units as the stored forecasts are made (scaled back,
 * ≥ 0, quantiles sorted, interval calibrated), so an unedited cell reproduces its forecast.
 */
export async function scoreEditedRows(onnx: QuantileOnnx, rows: InferenceSet, cells: readonly EditedCell[], calibration: IntervalCalibration = NO_CALIBRATION, options: { mean?: boolean } = {}): Promise<ScoredCells> {
  const { horizon, nFeatures: width } = rows;
  const nRows = cells.length;
  const X = new Float32Array(nRows * width);
  cells.forEach(({ block, h, edit }, k) => {
    const from = (block * horizon + h) * width;
    X.set(rows.X.subarray(from, from + width), k * width);
    edit(X.subarray(k * width, (k + 1) * width));
  });
  const run = async (bytes: Uint8Array) => (await OnnxForecaster.load(bytes)).predict(X, nRows);
  const meanBytes = options.mean ? onnx.mean : undefined;
  const [p10, p50, p90, mean] = await Promise.all([run(onnx.p10), run(onnx.p50), run(onnx.p90), meanBytes ? run(meanBytes) : undefined]);
  const out: ScoredCells = { p10: new Float64Array(nRows), p50: new Float64Array(nRows), p90: new Float64Array(nRows), mean: mean ? new Float64Array(nRows) : null };
  cells.forEach(({ block, h }, k) => {
    const scale = rows.scale[block * horizon + h]!;
    // Separate quantile models can cross; sorting restores a valid interval, as forecasts do.
    const [lo, mid, hi] = [p10[k]!, p50[k]!, p90[k]!].map((v) => Math.max(0, v * scale)).sort((x, y) => x - y) as [number, number, number];
    const [low, high] = calibrateInterval(lo, mid, hi, calibration);
    out.p10[k] = low;
    out.p50[k] = mid;
    out.p90[k] = high;
    if (out.mean && mean) out.mean[k] = Math.max(0, mean[k]! * scale);
  });
  return out;
}

/** Scales the net price of a row by `ratio`: only `target_price` and `target_price_rel` depend on it (both proportional to the net price). */
export const scaleNetPrice =
  (ratio: number): RowEdit =>
  (row) => {
    row[F.target_price] = row[F.target_price]! * ratio;
    row[F.target_price_rel] = row[F.target_price_rel]! * ratio;
  };

/**
 * Re-scores the served quantile models over a grid of prices for some series of an inference set,
 * holding every other feature at its planned value (`scoreEditedRows` with the net price scaled).
 * Day quantiles are summed over the horizon (a comonotone band: wider than the band of the sum
 * when days are independent).
 */
export async function scorePriceGrid(onnx: QuantileOnnx, rows: InferenceSet, blocks: readonly number[], ratios: readonly number[], calibration: IntervalCalibration = NO_CALIBRATION, periodDays = 7): Promise<PriceResponse> {
  const { horizon, nFeatures: width } = rows;
  const grid = ratios.length;
  const edits = ratios.map(scaleNetPrice);
  const cells: EditedCell[] = [];
  for (const block of blocks) for (let g = 0; g < grid; g++) for (let h = 0; h < horizon; h++) cells.push({ block, h, edit: edits[g]! });
  const scored = await scoreEditedRows(onnx, rows, cells, calibration, { mean: onnx.mean !== undefined });
  const units: UnitsBand[][] = [];
  const periods: PeriodBand[][][] = [];
  const plannedNet: number[] = [];
  blocks.forEach((block, b) => {
    const bands: UnitsBand[] = [];
    const blockPeriods: PeriodBand[][] = [];
    for (let g = 0; g < grid; g++) {
      const band = { p10: 0, p50: 0, p90: 0 };
      const byPeriod: PeriodBand[] = [];
      for (let h = 0; h < horizon; h++) {
        const k = (b * grid + g) * horizon + h;
        const [low, mid, high] = [scored.p10[k]!, scored.p50[k]!, scored.p90[k]!];
        band.p10 += low;
        band.p50 += mid;
        band.p90 += high;
        const period = (byPeriod[Math.floor(h / periodDays)] ??= { p10: 0, p50: 0, p90: 0, variance: 0, mean: 0 });
        period.mean += scored.mean ? scored.mean[k]! : mid;
        period.p10 += low;
        period.p50 += mid;
        period.p90 += high;
        period.variance += ((high - low) / DECILE_SPAN) ** 2;
      }
      bands.push(band);
      blockPeriods.push(byPeriod);
    }
    units.push(bands);
    periods.push(blockPeriods);
    let net = 0;
    for (let h = 0; h < horizon; h++) net += rows.X[(block * horizon + h) * width + F.target_price]!;
    plannedNet.push(net / horizon);
  });
  return { ratios, units, periods, plannedNet };
}

/** Midpoint (arc) elasticity between two points of a demand curve: %Δunits / %Δprice, each against the pair's mean. */
export function arcElasticity(price1: number, units1: number, price2: number, units2: number): number {
  const dq = (units2 - units1) / ((units1 + units2) / 2);
  const dp = (price2 - price1) / ((price1 + price2) / 2);
  return dq / dp;
}

/** Net (paid) prices a series actually sold at over a window, and whether they vary enough to learn a response from. */
export type PriceHistory = {
  /** Lowest and highest net price on days with sales in the window; null without prices. */
  observed: { min: number; max: number } | null;
  /** Days with sales at a net price at least `MIN_PRICE_MOVE` away from the window's median. */
  daysAwayFromMedian: number;
  /** Distinct net price levels (to the cent) with sales. */
  levels: number;
  enough: boolean;
  /** Why the response cannot be learned, and what history would be needed, when `enough` is false. */
  reason: string | null;
};

/** A price move smaller than this (relative) is noise to a demand model. */
export const MIN_PRICE_MOVE = 0.05;
/** Days of sales at a moved price, and price levels, needed before a response is shown. */
export const MIN_MOVED_DAYS = 14;
export const MIN_PRICE_LEVELS = 2;

export function priceHistory(series: readonly Series[], fromDay: number, toDay: number): PriceHistory {
  const nets: number[] = [];
  for (const s of series) {
    if (!s.price) continue;
    for (let d = Math.max(fromDay, s.firstDay); d <= Math.min(toDay, s.lastDay); d++) {
      const units = s.units[d]!;
      if (!(units > 0)) continue;
      const net = s.price[d]! * (1 - (s.discount?.[d] ?? 0));
      if (net > 0) nets.push(net);
    }
  }
  if (nets.length === 0) {
    return { observed: null, daysAwayFromMedian: 0, levels: 0, enough: false, reason: "The sales history has no prices, so the model cannot tell how demand responds to price. Import prices with the sales (or a price history): at least two price levels, each at least 5% apart, with 14 or more selling days away from the usual price." };
  }
  nets.sort((a, b) => a - b);
  const median = nets[nets.length >> 1]!;
  const daysAwayFromMedian = nets.filter((p) => Math.abs(p / median - 1) >= MIN_PRICE_MOVE).length;
  const levels = new Set(nets.map((p) => Math.round(p * 100))).size;
  const enough = daysAwayFromMedian >= MIN_MOVED_DAYS && levels >= MIN_PRICE_LEVELS;
  return {
    observed: { min: nets[0]!, max: nets.at(-1)! },
    daysAwayFromMedian,
    levels,
    enough,
    reason: enough
      ? null
      : `Only ${daysAwayFromMedian} selling days at a price at least 5% away from the usual ${median.toFixed(2)} (${levels} price level${levels === 1 ? "" : "s"}): too little variation to learn a price response. It needs ${MIN_MOVED_DAYS} or more such days at ${MIN_PRICE_LEVELS} or more levels (price changes or promotions).`,
  };
}
