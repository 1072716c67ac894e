import type { FeatureName } from "@/models/features";

/** Drivers in the words a store manager uses; every model feature belongs to exactly one. */
export const DRIVER_GROUPS = ["seasonality", "trend", "price", "promotion", "event", "store", "item"] as const;
export type DriverGroup = (typeof DRIVER_GROUPS)[number];

export const DRIVER_LABELS: Record<DriverGroup, string> = {
  seasonality: "Seasonality & calendar",
  trend: "Recent sales trend",
  price: "Price & discount",
  promotion: "Promotion",
  event: "Holiday or event",
  store: "Store",
  item: "Item & category level",
};

/** How a feature's own value reads: a plain number, a share (0…1, shown as %), money, days, units a day, or a code. */
export type FeatureUnit = "number" | "share" | "money" | "days" | "units_per_day" | "code" | "flag";

type FeatureInfo = { group: DriverGroup; label: string; unit: FeatureUnit };

/** Each feature's driver, its label in words and how its value is shown (`_rel` values are shown times the series' scale). */
export const FEATURE_INFO: Record<FeatureName, FeatureInfo> = {
  horizon: { group: "seasonality", label: "Days ahead of the last sale", unit: "days" },
  target_weekday: { group: "seasonality", label: "Day of the week", unit: "code" },
  target_day_of_month: { group: "seasonality", label: "Day of the month", unit: "number" },
  target_week_of_year: { group: "seasonality", label: "Week of the year", unit: "number" },
  target_month: { group: "seasonality", label: "Month", unit: "number" },
  target_day_of_year: { group: "seasonality", label: "Day of the year", unit: "number" },
  target_is_event: { group: "event", label: "Holiday or event on the day", unit: "flag" },
  days_to_next_event: { group: "event", label: "Days to the next event", unit: "days" },
  days_since_last_event: { group: "event", label: "Days since the last event", unit: "days" },
  target_event_code: { group: "event", label: "Which event", unit: "code" },
  scale_units: { group: "trend", label: "Sales level (units a day)", unit: "units_per_day" },
  history_days: { group: "trend", label: "Days of sales history", unit: "days" },
  observed_days_28d: { group: "trend", label: "Days with sales data in the last 28", unit: "days" },
  last_value_rel: { group: "trend", label: "Units sold on the last day", unit: "units_per_day" },
  mean_7d_rel: { group: "trend", label: "Average of the last 7 days", unit: "units_per_day" },
  mean_14d_rel: { group: "trend", label: "Average of the last 14 days", unit: "units_per_day" },
  mean_28d_rel: { group: "trend", label: "Average of the last 28 days", unit: "units_per_day" },
  mean_91d_rel: { group: "trend", label: "Average of the last 91 days", unit: "units_per_day" },
  std_28d_rel: { group: "trend", label: "Day-to-day swing over 28 days", unit: "units_per_day" },
  same_weekday_mean_4w_rel: { group: "seasonality", label: "Same weekday, last 4 weeks", unit: "units_per_day" },
  lag_364_rel: { group: "seasonality", label: "Same day last year", unit: "units_per_day" },
  yoy_seasonal_ratio: { group: "seasonality", label: "Last year's seasonal lift", unit: "number" },
  zero_share_28d: { group: "trend", label: "Share of days without sales (28 days)", unit: "share" },
  censored_share_28d: { group: "trend", label: "Share of stockout days (28 days)", unit: "share" },
  days_since_last_sale: { group: "trend", label: "Days since the last sale", unit: "days" },
  promo_share_28d: { group: "promotion", label: "Share of promotion days (28 days)", unit: "share" },
  target_price: { group: "price", label: "Net price on the day", unit: "money" },
  target_price_rel: { group: "price", label: "Price against the item's usual price", unit: "number" },
  target_discount: { group: "price", label: "Discount on the day", unit: "share" },
  target_promo: { group: "promotion", label: "Promotion on the day", unit: "flag" },
  target_markdown: { group: "price", label: "Markdown in force", unit: "share" },
  online_share_28d: { group: "item", label: "Online share of sales (28 days)", unit: "share" },
  store_code: { group: "store", label: "Which store", unit: "code" },
  store_size_sqm: { group: "store", label: "Store size (m²)", unit: "number" },
  category_code: { group: "item", label: "Which category", unit: "code" },
  item_base_price: { group: "item", label: "Item's list price", unit: "money" },
  category_store_mean_28d: { group: "item", label: "Category sales at the store (28 days)", unit: "units_per_day" },
  item_all_stores_mean_28d: { group: "item", label: "Item sales across stores (28 days)", unit: "units_per_day" },
};

export type DriverTotal = { group: DriverGroup; label: string; value: number };

/** Sums contributions per driver, in DRIVER_GROUPS order; attributions are additive, so the groups sum to the total. */
export function groupContributions(features: readonly FeatureName[], values: ArrayLike<number>): DriverTotal[] {
  const sums = new Map<DriverGroup, number>(DRIVER_GROUPS.map((g) => [g, 0]));
  features.forEach((f, i) => sums.set(FEATURE_INFO[f].group, sums.get(FEATURE_INFO[f].group)! + values[i]!));
  return DRIVER_GROUPS.map((group) => ({ group, label: DRIVER_LABELS[group], value: sums.get(group)! }));
}

export type WaterfallStep = { label: string; value: number; start: number; end: number; kind: "base" | "driver" | "rest" | "total" };

/**
 * Steps from the base value to the prediction: the `top` largest contributions by size, then the
 * rest as one step, then the total. Each step starts where the previous one ended, so the last
 * driver step ends exactly at base + Σ contributions.
 */
export function waterfall(base: number, contributions: readonly { label: string; value: number }[], top = 6): WaterfallStep[] {
  const ranked = [...contributions].sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  const shown = ranked.slice(0, top);
  const rest = ranked.slice(top).reduce((s, c) => s + c.value, 0);
  const steps: WaterfallStep[] = [{ label: "Expected from the sales level", value: base, start: 0, end: base, kind: "base" }];
  let at = base;
  for (const c of shown) {
    steps.push({ label: c.label, value: c.value, start: at, end: at + c.value, kind: "driver" });
    at += c.value;
  }
  if (ranked.length > top) {
    steps.push({ label: `${ranked.length - top} other factors`, value: rest, start: at, end: at + rest, kind: "rest" });
    at += rest;
  }
  steps.push({ label: "Forecast", value: at, start: 0, end: at, kind: "total" });
  return steps;
}
