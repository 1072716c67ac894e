/**
 * The feature vector, in order. Names are stable: models store them and explanations show them.
 * `_rel` features are divided by the row's scale (units/day), like the target, so one model fits
 * items of any volume. `target_` features describe the forecast day and are known in advance.
 */
export const FEATURE_NAMES = [
  "horizon",
  "target_weekday",
  "target_day_of_month",
  "target_week_of_year",
  "target_month",
  "target_day_of_year",
  "target_is_event",
  "days_to_next_event",
  "days_since_last_event",
  "target_event_code",
  "scale_units",
  "history_days",
  "observed_days_28d",
  "last_value_rel",
  "mean_7d_rel",
  "mean_14d_rel",
  "mean_28d_rel",
  "mean_91d_rel",
  "std_28d_rel",
  "same_weekday_mean_4w_rel",
  "lag_364_rel",
  "yoy_seasonal_ratio",
  "zero_share_28d",
  "censored_share_28d",
  "days_since_last_sale",
  "promo_share_28d",
  "target_price",
  "target_price_rel",
  "target_discount",
  "target_promo",
  "target_markdown",
  "online_share_28d",
  "store_code",
  "store_size_sqm",
  "category_code",
  "item_base_price",
  "category_store_mean_28d",
  "item_all_stores_mean_28d",
] as const;

export type FeatureName = (typeof FEATURE_NAMES)[number];

export const N_FEATURES = FEATURE_NAMES.length;

/** Column of each feature, e.g. `F.horizon`. */
export const F = Object.fromEntries(FEATURE_NAMES.map((name, i) => [name, i])) as { readonly [K in FeatureName]: number };

/** Integer codes the GBDT should treat as categories rather than ordered numbers. */
export const CATEGORICAL_FEATURES: readonly number[] = [F.target_weekday, F.target_event_code, F.store_code, F.category_code];
