import { F } from "@/models/features";
import { AS_FORECAST, dailyMoments, demandDistribution, normalQuantile, sumMoments } from "@/models/inventory";
import type { RowEdit } from "./price-response";

/**
 * What a what-if changes on every affected day: the list price (by a fraction or an amount), the
 * promotional discount (replaces the planned one), the promotion flag. Absent fields keep the plan.
 */
export type ScenarioChange = {
  price?: { kind: "percent" | "absolute"; value: number };
  discount?: number;
  promo?: boolean;
};

/** The planned or changed controllable values of one forecast day, read from its feature row. */
export type Controls = { netPrice: number; listPrice: number; discount: number; promo: number };

export function controlsOf(row: Float32Array): Controls {
  const net = row[F.target_price]!;
  const planned = row[F.target_discount]!;
  const discount = Number.isNaN(planned) ? 0 : planned;
  return { netPrice: net, listPrice: net / (1 - discount), discount, promo: row[F.target_promo]! };
}

/**
 * The row edit of a change. The net price (what the model sees) is the list price after the
 * discount; `target_price_rel` keeps its reference price, so it moves in proportion. A series
 * without prices (NaN) keeps them NaN: the caller refuses a price change for it.
 */
export function scenarioEdit(change: ScenarioChange): RowEdit {
  return (row) => {
    const before = controlsOf(row);
    const list = change.price ? (change.price.kind === "percent" ? before.listPrice * (1 + change.price.value) : before.listPrice + change.price.value) : before.listPrice;
    const discount = change.discount ?? before.discount;
    const net = list * (1 - discount);
    if (change.price || change.discount !== undefined) {
      const reference = row[F.target_price]! / row[F.target_price_rel]!;
      row[F.target_price] = net;
      row[F.target_price_rel] = net / reference;
    }
    if (change.discount !== undefined) row[F.target_discount] = change.discount;
    if (change.promo !== undefined) row[F.target_promo] = change.promo ? 1 : 0;
  };
}

/** One forecast day of one series: the quantiles and the mean (the point forecast that sums). */
export type DayForecast = { p10: number; p50: number; p90: number; mean: number };
/** A total with its 80% interval. */
export type Band = { mean: number; p10: number; p90: number };

/**
 * The total over series × days of forecast units, each day weighted (1 for units, the net price
 * for revenue, the unit margin for margin). The mean is the sum of the days' means, so totals add
 * up; the band is the same moment-matched sum as the forecast aggregates (`aggregateDays`) and
 * lead-time demand: days of one series correlated by `days`, series by `series`. Units get the
 * count distribution; money the normal of the same moments (a margin can be negative).
 */
export function totalBand(parts: readonly { days: readonly DayForecast[]; weights: readonly number[] }[], correlation: { days: number; series: number }, kind: "units" | "money"): Band {
  const series = parts.map((s) => {
    const days = s.days.map((d, j) => {
      const m = dailyMoments(d, AS_FORECAST);
      const w = s.weights[j]!;
      return { mean: m.mean * w, sd: m.sd * Math.abs(w) };
    });
    const { mean, variance } = sumMoments(days, correlation.days);
    return { mean, sd: Math.sqrt(variance) };
  });
  const { mean, variance } = sumMoments(series, correlation.series);
  if (kind === "units") {
    if (!(mean > 0)) return { mean: 0, p10: 0, p90: 0 };
    const d = demandDistribution(mean, variance);
    return { mean, p10: d.quantile(0.1), p90: d.quantile(0.9) };
  }
  const half = normalQuantile(0.9) * Math.sqrt(variance);
  const nonNegative = parts.every((s) => s.weights.every((w) => w >= 0));
  return { mean, p10: nonNegative ? Math.max(0, mean - half) : mean - half, p90: mean + half };
}

/**
 * Days from `from` on (0 = the first forecast day) on which the demand since the first forecast
 * day exceeds what is available (stock on hand plus open orders): the days the shelf would be empty.
 */
export function stockoutDays(daily: readonly number[], available: number, from: number): number {
  let cumulative = 0;
  let days = 0;
  daily.forEach((units, j) => {
    cumulative += units;
    if (j >= from && cumulative > available + 1e-9) days++;
  });
  return days;
}
