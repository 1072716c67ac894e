import "server-only";
import type { GeneratorParams } from "@/server/tenants/tenant-config";
import type { Calendar } from "./calendar";
import type { CatalogItem } from "./catalog";
import { samplePoisson } from "./distributions";
import type { SeriesOutcome } from "./inventory-simulation";
import { Rng } from "./prng";
import type { OnlineRow } from "./types";

/** One item's web demand per calendar day, summed over the stores that fulfil it. */
export class OnlineTotals {
  readonly mean: Float64Array;
  readonly demand: Int32Array;
  readonly units: Int32Array;

  constructor(days: number) {
    this.mean = new Float64Array(days);
    this.demand = new Int32Array(days);
    this.units = new Int32Array(days);
  }

  add(firstDay: number, series: SeriesOutcome): void {
    for (let t = 0; t < series.onlineUnits.length; t++) {
      const d = firstDay + t;
      this.mean[d] = (this.mean[d] ?? 0) + (series.onlineMean[t] ?? 0);
      this.demand[d] = (this.demand[d] ?? 0) + (series.onlineDemand[t] ?? 0);
      this.units[d] = (this.units[d] ?? 0) + (series.onlineUnits[t] ?? 0);
    }
  }
}

/**
 * The web funnel per item and day. Everyone who wanted to buy put the item in the cart (some of
 * them found it out of stock); others carted and left, and many more only looked.
 */
export function onlineRows(params: GeneratorParams, calendar: Calendar, item: CatalogItem, totals: OnlineTotals): OnlineRow[] {
  const rng = new Rng(params.seed, "online", item.row.id);
  const { addToCartRate, checkoutRate } = params.online;
  const rows: OnlineRow[] = [];
  for (let d = item.firstDay; d <= item.lastDay; d++) {
    const mean = totals.mean[d] ?? 0;
    const addToCarts = (totals.demand[d] ?? 0) + samplePoisson(rng, mean * (1 / checkoutRate - 1));
    const pageViews = addToCarts + samplePoisson(rng, (mean / checkoutRate) * (1 / addToCartRate - 1));
    rows.push({ date: calendar.dates[d] ?? "", itemId: item.row.id, pageViews, addToCarts, onlineUnits: totals.units[d] ?? 0 });
  }
  return rows;
}
