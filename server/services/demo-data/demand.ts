import "server-only";
import type { Calendar } from "./calendar";
import { yearlySeasonality } from "./calendar";
import type { CatalogItem } from "./catalog";
import type { ItemPricing } from "./pricing";

/** Every multiplier of the demand model for one store, item and day. */
export type DemandFactors = {
  baseDemand: number;
  storeSizeFactor: number;
  /** weeklySeasonality[weekday] of the item's category. */
  weekly: number;
  /** yearlySeasonality(amplitude, peakDayOfYear, dayOfYear) of the category. */
  yearly: number;
  holidayLift: number;
  launchRamp: number;
  promoted: boolean;
  promoLift: number;
  /** Shelf price less the promotional discount: what the customer pays. */
  paidPrice: number;
  basePrice: number;
  elasticity: number;
};

/**
 * The ground-truth expected in-store demand (before noise and stockouts):
 * base × size × weekly × yearly × holiday × ramp × promoLift^promo × (paid / base)^elasticity.
 */
export function demandMean(f: DemandFactors): number {
  return (
    f.baseDemand *
    f.storeSizeFactor *
    f.weekly *
    f.yearly *
    f.holidayLift *
    f.launchRamp *
    (f.promoted ? f.promoLift : 1) *
    Math.pow(f.paidPrice / f.basePrice, f.elasticity)
  );
}

/** A new item's demand builds up: 1 − e^(−days on sale / rampDays). */
export function launchRamp(rampDays: number, daysOnSale: number): number {
  return rampDays > 0 ? 1 - Math.exp(-(daysOnSale + 1) / rampDays) : 1;
}

/** Expected demand per day for one item in a reference-size store (multiply by the store's size factor). */
export function itemDemandCurve(calendar: Calendar, item: CatalogItem, pricing: ItemPricing, rampDays: number): Float64Array {
  const { category } = item;
  const curve = new Float64Array(calendar.dates.length);
  for (let d = item.firstDay; d <= item.lastDay; d++) {
    const discount = pricing.discount[d] ?? 0;
    curve[d] = demandMean({
      baseDemand: item.baseDemand,
      storeSizeFactor: 1,
      weekly: category.weeklySeasonality[calendar.weekday[d] ?? 0] ?? 1,
      yearly: yearlySeasonality(category.yearlySeasonalityAmplitude, category.peakDayOfYear, calendar.dayOfYear[d] ?? 1),
      holidayLift: calendar.holidayLift[d] ?? 1,
      launchRamp: item.launchDay === null ? 1 : launchRamp(rampDays, d - item.launchDay),
      promoted: discount > 0,
      promoLift: category.promoLift,
      paidPrice: (pricing.shelfPrice[d] ?? 0) * (1 - discount),
      basePrice: item.row.basePrice,
      elasticity: category.elasticity,
    });
  }
  return curve;
}

/**
 * What the stores' replenishment planner expects per day (reference-size store): seasonality and
 * shelf price, but an average weekday and no promotions or holidays — which is why stockouts
 * cluster on promotions and holidays, as they do in real shops.
 */
export function plannedDemandCurve(calendar: Calendar, item: CatalogItem, pricing: ItemPricing, rampDays: number): Float64Array {
  const { category } = item;
  const averageWeekday = category.weeklySeasonality.reduce((sum, w) => sum + w, 0) / 7;
  const curve = new Float64Array(calendar.dates.length);
  for (let d = item.firstDay; d <= item.lastDay; d++) {
    curve[d] = demandMean({
      baseDemand: item.baseDemand,
      storeSizeFactor: 1,
      weekly: averageWeekday,
      yearly: yearlySeasonality(category.yearlySeasonalityAmplitude, category.peakDayOfYear, calendar.dayOfYear[d] ?? 1),
      holidayLift: 1,
      launchRamp: item.launchDay === null ? 1 : launchRamp(rampDays, d - item.launchDay),
      promoted: false,
      promoLift: 1,
      paidPrice: pricing.shelfPrice[d] ?? 0,
      basePrice: item.row.basePrice,
      elasticity: category.elasticity,
    });
  }
  return curve;
}
