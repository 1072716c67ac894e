import type { PanelContext } from "./context";
import { F } from "./names";
import type { OriginStats, SeriesHistory } from "./series-history";
import { SCALE_FLOOR } from "./series-history";

/**
 * Prices and promotions planned for the forecast days of one series, indexed by h-1. They win
 * over the panel (what-if scenarios); NaN entries and missing arrays fall back to the default.
 */
export interface PlannedCovariates {
  price?: Float32Array;
  discount?: Float32Array;
  promo?: Float32Array;
  markdown?: Float32Array;
}

const planned = (values: Float32Array | undefined, h: number) => (values ? (values[h - 1] ?? Number.NaN) : Number.NaN);

/** Mean of the clean values on `count` days from `first` back in steps of `step` (all ≤ origin); NaN when none is clean. */
function cleanMean(h: SeriesHistory, first: number, step: number, count: number): number {
  let sum = 0;
  let n = 0;
  for (let k = 0, d = first; k < count && d >= 0; k++, d -= step) {
    const u = h.series.units[d]!;
    if (Number.isNaN(u) || h.series.censored[d]) continue;
    sum += u;
    n++;
  }
  return n > 0 ? sum / n : Number.NaN;
}

/**
 * Writes the feature vector of (series, origin, h) at `out[offset…]`. Training and inference both
 * call this, so the two cannot drift. It reads units only at days ≤ origin; for the target day it
 * reads the calendar and the planned price, discount, promotion and markdown (known in advance).
 * Without a plan or panel value, a target day keeps the last planned price and markdown and has no promotion.
 */
export function writeRow(ctx: PanelContext, hist: SeriesHistory, st: OriginStats, h: number, plan: PlannedCovariates | undefined, out: Float32Array, offset: number): void {
  // Plain indexed writes, no closures: this runs millions of times per training set.
  const s = hist.series;
  const i = hist.index;
  const o = st.origin;
  const t = o + h;
  const cal = ctx.calendar;
  const b = offset;

  out[b + F.horizon] = h;
  out[b + F.target_weekday] = cal.weekday[t]!;
  out[b + F.target_day_of_month] = cal.dayOfMonth[t]!;
  out[b + F.target_week_of_year] = cal.weekOfYear[t]!;
  out[b + F.target_month] = cal.month[t]!;
  out[b + F.target_day_of_year] = cal.dayOfYear[t]!;
  out[b + F.target_is_event] = cal.isEvent[t]!;
  out[b + F.days_to_next_event] = cal.daysToNext[t]!;
  out[b + F.days_since_last_event] = cal.daysSinceLast[t]!;
  out[b + F.target_event_code] = cal.eventCode[t]!;

  out[b + F.scale_units] = st.scale;
  out[b + F.history_days] = st.historyDays;
  out[b + F.observed_days_28d] = st.observed28;
  out[b + F.last_value_rel] = st.lastRel;
  out[b + F.mean_7d_rel] = st.mean7Rel;
  out[b + F.mean_14d_rel] = st.mean14Rel;
  out[b + F.mean_28d_rel] = st.mean28Rel;
  out[b + F.mean_91d_rel] = st.mean91Rel;
  out[b + F.std_28d_rel] = st.std28Rel;
  // The four latest same weekdays at or before the origin.
  out[b + F.same_weekday_mean_4w_rel] = cleanMean(hist, t - 7 * Math.ceil(h / 7), 7, 4) / st.scale;
  out[b + F.lag_364_rel] = t - 364 <= o ? cleanMean(hist, t - 364, 1, 1) / st.scale : Number.NaN;
  out[b + F.yoy_seasonal_ratio] = yearOverYear(hist, t, o);
  out[b + F.zero_share_28d] = st.zeroShare28;
  out[b + F.censored_share_28d] = st.censoredShare28;
  out[b + F.days_since_last_sale] = st.daysSinceSale;
  out[b + F.promo_share_28d] = st.promoShare28;

  const inPanel = t < ctx.panel.nDays;
  // Past the history, the price and markdown last planned in the panel stay in force.
  const carried = inPanel ? t : ctx.panel.nDays - 1;
  const price = s.price ? firstKnown(planned(plan?.price, h), s.price[carried]!, st.priceAtOrigin) : Number.NaN;
  const discount = s.discount || plan?.discount ? firstKnown(planned(plan?.discount, h), s.discount && inPanel ? s.discount[t]! : Number.NaN, 0) : Number.NaN;
  const promo = s.promo || plan?.promo ? firstKnown(planned(plan?.promo, h), s.promo && inPanel ? s.promo[t]! : Number.NaN, 0) : Number.NaN;
  const markdown = s.markdown || plan?.markdown ? firstKnown(planned(plan?.markdown, h), s.markdown ? s.markdown[carried]! : Number.NaN, firstKnown(st.markdownAtOrigin, 0, 0)) : Number.NaN;
  const net = price * (1 - (Number.isNaN(discount) ? 0 : discount));
  out[b + F.target_price] = net;
  out[b + F.target_price_rel] = net / st.referencePrice;
  out[b + F.target_discount] = discount;
  out[b + F.target_promo] = promo;
  out[b + F.target_markdown] = markdown;
  out[b + F.online_share_28d] = st.onlineShare28;

  out[b + F.store_code] = ctx.storeCode[i]!;
  out[b + F.store_size_sqm] = ctx.storeSize[i]!;
  out[b + F.category_code] = ctx.categoryCode[i]!;
  out[b + F.item_base_price] = ctx.basePrice[i]!;
  out[b + F.category_store_mean_28d] = st.categoryStoreMean;
  out[b + F.item_all_stores_mean_28d] = st.itemMean;
}

/** The plan if given, else the panel's value for the target day, else the default. */
function firstKnown(plan: number, panel: number, fallback: number): number {
  return !Number.isNaN(plan) ? plan : !Number.isNaN(panel) ? panel : fallback;
}

/**
 * Yearly seasonality seen a year ago: the week around the target date last year relative to the
 * 28 days before the origin last year. Smoothed by the scale floor so near-zero weeks do not explode.
 */
function yearOverYear(h: SeriesHistory, t: number, o: number): number {
  const end = Math.min(t - 361, o);
  const start = t - 367;
  const baseEnd = o - 364;
  if (start < 0 || baseEnd < 0) return Number.NaN;
  const nA = h.sum(h.cleanN, start, end);
  const nB = h.sum(h.cleanN, baseEnd - 27, baseEnd);
  if (nA === 0 || nB === 0) return Number.NaN;
  return (h.sum(h.cleanSum, start, end) / nA + SCALE_FLOOR) / (h.sum(h.cleanSum, baseEnd - 27, baseEnd) / nB + SCALE_FLOOR);
}
