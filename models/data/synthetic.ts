import { mulberry32 } from "../util";
import { panelFromRows } from "./build-panel";
import { epochDayToIso, isoToEpochDay, weekdayOfEpochDay } from "./dates";
import type { CalendarRow, ItemRow, Panel, SalesRow, StoreRow } from "./types";

/** Options of a small retail-like panel with known structure, for tests and benchmarks. */
export interface SyntheticOptions {
  stores?: number;
  items?: number;
  days?: number;
  start?: string;
  seed?: number;
  /** Drop the price, discount and promo columns. */
  withoutPrices?: boolean;
  /** Share of items that launch part-way through the history. */
  newItemShare?: number;
  /** Daily chance that a series runs out of stock (the day is then censored). */
  stockoutRate?: number;
}

const WEEKLY = [0.85, 0.8, 0.85, 0.95, 1.15, 1.35, 1.05];
const CATEGORIES = ["dairy", "bakery", "produce", "snacks"];

function poisson(rand: () => number, mean: number): number {
  if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * Math.sqrt(-2 * Math.log(rand() || 1e-12)) * Math.cos(2 * Math.PI * rand())));
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rand();
  while (p > limit) {
    k++;
    p *= rand();
  }
  return k;
}

/**
 * Demand = base × store size × weekly × yearly × holiday lift × promo lift × price effect;
 * sales = min(demand, stock) on stockout days (flagged censored). A fixed seed gives the same panel.
 */
export function makeSyntheticPanel(options: SyntheticOptions = {}): Panel {
  const { stores = 3, items = 8, days = 400, start = "2023-01-02", seed = 7, withoutPrices = false, newItemShare = 0.2, stockoutRate = 0.01 } = options;
  const rand = mulberry32(seed);
  const startDay = isoToEpochDay(start);
  if (startDay === null) throw new Error(`bad start date ${start}`);
  const storeRows: StoreRow[] = Array.from({ length: stores }, (_, s) => ({ id: `S${s + 1}`, sizeSqm: 600 + 400 * s, region: s % 2 ? "North" : "South" }));
  const itemRows: ItemRow[] = Array.from({ length: items }, (_, i) => ({ id: `I${i + 1}`, category: CATEGORIES[i % CATEGORIES.length]!, basePrice: 2 + (i % 5), unitCost: 1 + (i % 5) / 2 }));
  const holidays = new Set<number>();
  const calendar: CalendarRow[] = [];
  for (let d = 0; d < days + 60; d++) {
    const iso = epochDayToIso(startDay + d);
    if (iso.endsWith("-12-24") || iso.endsWith("-07-04") || d % 97 === 50) {
      holidays.add(d);
      calendar.push({ date: iso, events: [iso.endsWith("-12-24") ? "Christmas Eve" : iso.endsWith("-07-04") ? "Independence Day" : "Festival"] });
    }
  }
  const sales: SalesRow[] = [];
  for (const store of storeRows) {
    for (const [i, item] of itemRows.entries()) {
      const base = (0.3 + 8 * rand() * rand()) * (store.sizeSqm! / 1000);
      const launch = rand() < newItemShare ? Math.floor(days * (0.3 + 0.5 * rand())) : 0;
      const elasticity = -1.5 - (i % 3) * 0.5;
      let promoLeft = 0;
      for (let d = launch; d < days; d++) {
        const epochDay = startDay + d;
        if (promoLeft === 0 && rand() < 0.02) promoLeft = 7;
        const promo = promoLeft > 0;
        if (promoLeft > 0) promoLeft--;
        const discount = promo ? 0.2 : 0;
        // Clearance for every fifth item over the last tenth of the history.
        const markdown = i % 5 === 4 && d > days * 0.9 ? 0.3 : 0;
        const price = item.basePrice! * (d > days * 0.6 && i % 4 === 0 ? 1.1 : 1) * (1 - markdown);
        const yearly = 1 + 0.3 * Math.sin((2 * Math.PI * d) / 365.25);
        const mean = base * WEEKLY[weekdayOfEpochDay(epochDay)]! * yearly * (holidays.has(d) ? 1.8 : 1) * (promo ? 1.4 : 1) * Math.pow((price * (1 - discount)) / item.basePrice!, elasticity);
        const demand = poisson(rand, mean);
        const censored = demand > 0 && rand() < stockoutRate;
        const units = censored ? Math.floor(demand * rand()) : demand;
        sales.push({
          date: epochDayToIso(epochDay),
          storeId: store.id,
          itemId: item.id,
          units,
          censored,
          onlineUnits: Math.floor(units * 0.3 * rand()),
          ...(withoutPrices ? {} : { price, discount, promo, markdown }),
        });
      }
    }
  }
  return panelFromRows({ sales, stores: storeRows, items: itemRows, calendar, missingRows: "unknown" });
}
