import "server-only";
import type { GeneratorParams } from "@/server/tenants/tenant-config";
import type { Calendar } from "./calendar";
import { daysBetween, monthDayIn } from "./calendar";
import type { CatalogItem } from "./catalog";
import { charmPrice, round2 } from "./catalog";
import { Rng } from "./prng";

/** One item's prices over the calendar; chain-wide, so every store shows the same. */
export type ItemPricing = {
  /** Regular price less any markdown, per day (0 outside the item's time on sale). */
  shelfPrice: Float64Array;
  /** Promotional discount off the shelf price per day, 0 when not promoted. */
  discount: Float64Array;
  /** Clearance markdown off the regular price per day. */
  markdown: Float64Array;
  /** Each shelf price and the day it starts. */
  priceSpells: { day: number; price: number }[];
  promotions: { startDay: number; endDay: number; discount: number }[];
  markdownSteps: { day: number; markdown: number; reason: string }[];
};

export function priceItem(params: GeneratorParams, calendar: Calendar, item: CatalogItem): ItemPricing {
  const days = calendar.dates.length;
  const markdown = new Float64Array(days);
  const markdownSteps = planMarkdowns(params, calendar, item, markdown);
  const regular = regularPricePath(params, item, days);
  const shelfPrice = new Float64Array(days);
  const priceSpells: ItemPricing["priceSpells"] = [];
  for (let d = item.firstDay; d <= item.lastDay; d++) {
    const price = round2((regular[d] ?? 0) * (1 - (markdown[d] ?? 0)));
    shelfPrice[d] = price;
    if (priceSpells.at(-1)?.price !== price) priceSpells.push({ day: d, price });
  }
  const discount = new Float64Array(days);
  const promotions = planPromotions(params, item, markdown, discount);
  return { shelfPrice, discount, markdown, priceSpells, promotions, markdownSteps };
}

/**
 * The regular price starts at the base price and moves now and then (cost changes, competitors):
 * these moves are what lets a model see the price elasticity outside promotions.
 */
function regularPricePath(params: GeneratorParams, item: CatalogItem, days: number): Float64Array {
  const rng = new Rng(params.seed, "price", item.row.id);
  const { perItemPerYear, changeRange } = params.priceChanges;
  const floor = charmPrice(item.row.unitCost * 1.1);
  const path = new Float64Array(days);
  let price = item.row.basePrice;
  for (let d = item.firstDay; d <= item.lastDay; d++) {
    if (d > item.firstDay && rng.next() < perItemPerYear / 365) {
      price = Math.max(floor, charmPrice(price * (1 + rng.uniform(changeRange[0], changeRange[1]))));
    }
    path[d] = price;
  }
  return path;
}

/** End-of-season clearance: a share of the eligible items is marked down in steps, then returns to full price. */
function planMarkdowns(params: GeneratorParams, calendar: Calendar, item: CatalogItem, markdown: Float64Array): ItemPricing["markdownSteps"] {
  const steps: ItemPricing["markdownSteps"] = [];
  const start = calendar.dates[0] ?? "";
  const firstYear = Number(start.slice(0, 4));
  const lastYear = Number((calendar.dates.at(-1) ?? start).slice(0, 4));
  for (const event of params.markdowns.events) {
    if (!event.categories.includes(item.category.name)) continue;
    for (let year = firstYear; year <= lastYear; year++) {
      const date = monthDayIn(year, event.month, event.day);
      if (!date) continue;
      const eventDay = daysBetween(start, date);
      if (eventDay < item.firstDay || eventDay > item.lastDay) continue;
      if (new Rng(params.seed, "markdown", item.row.id, event.name, year).next() >= params.markdowns.itemShare) continue;
      const end = Math.min(eventDay + event.durationDays - 1, item.lastDay);
      event.steps.forEach((step, s) => {
        const from = eventDay + step.afterDays;
        const to = Math.min(end, eventDay + (event.steps[s + 1]?.afterDays ?? event.durationDays) - 1);
        if (from > to) return;
        markdown.fill(step.markdown, from, to + 1);
        steps.push({ day: from, markdown: step.markdown, reason: `${event.name}, step ${s + 1}` });
      });
    }
  }
  return steps;
}

/** Temporary price reductions at random times, never during a markdown, with a pause after each. */
function planPromotions(params: GeneratorParams, item: CatalogItem, markdown: Float64Array, discount: Float64Array): ItemPricing["promotions"] {
  const rng = new Rng(params.seed, "promo", item.row.id);
  const { perItemPerYear, durationDays, discountRange } = params.promotions;
  const promotions: ItemPricing["promotions"] = [];
  let allowedFrom = item.firstDay;
  for (let d = item.firstDay; d <= item.lastDay; d++) {
    if (d < allowedFrom || (markdown[d] ?? 0) > 0 || rng.next() >= perItemPerYear / 365) continue;
    const duration = rng.int(durationDays[0], durationDays[1]);
    let end = Math.min(d + duration - 1, item.lastDay);
    for (let e = d; e <= end; e++) {
      if ((markdown[e] ?? 0) > 0) end = e - 1;
    }
    const off = round2(Math.max(0.05, Math.round(rng.uniform(discountRange[0], discountRange[1]) / 0.05) * 0.05));
    discount.fill(off, d, end + 1);
    promotions.push({ startDay: d, endDay: end, discount: off });
    allowedFrom = end + 1 + duration;
    d = end;
  }
  return promotions;
}
