import "server-only";
import type { GeneratorParams, TenantConfig } from "@/server/tenants/tenant-config";
import { addDays, buildCalendar } from "./calendar";
import type { Calendar } from "./calendar";
import { buildItems, buildStores, round2 } from "./catalog";
import type { CatalogItem, CatalogStore } from "./catalog";
import { itemDemandCurve, plannedDemandCurve } from "./demand";
import { simulateSeries } from "./inventory-simulation";
import { OnlineTotals, onlineRows } from "./online-channel";
import { priceItem } from "./pricing";
import type { ItemPricing } from "./pricing";
import { Rng } from "./prng";
import { allocateSalesColumns } from "./sales-columns";
import type { DemoData, DiscountRow, GroundTruth, InventoryRow, MarkdownRow, PriceHistoryRow, Scale } from "./types";

export type GenerateOptions = { scale?: Scale };

/** Same bounds as tenant.json's, which also keep indices within the sales columns' 16-bit arrays. */
function assertScale(scale: Scale): void {
  const bounds = { stores: [1, 500], items: [1, 10_000], days: [7, 3660] } as const;
  for (const key of ["stores", "items", "days"] as const) {
    const value = scale[key];
    const [min, max] = bounds[key];
    if (value !== undefined && !(Number.isInteger(value) && value >= min && value <= max)) {
      throw new RangeError(`scale.${key} must be an integer from ${min} to ${max}, got ${value}`);
    }
  }
}

/** A shorter history ends on the same day as the full one, so dashboards stay current at any scale. */
function scaledParams(params: GeneratorParams, days?: number): GeneratorParams {
  if (days === undefined || days === params.days) return params;
  const endDate = addDays(params.startDate, params.days - 1);
  return { ...params, startDate: addDays(endDate, -(days - 1)), days };
}

/**
 * A tenant's whole demo history, deterministic from `generator.seed`: stores, catalog, daily sales
 * censored by simulated stock, prices, promotions, markdowns, the web channel and weekly stock
 * counts, plus the ground truth behind them. Pure: no database, no clock.
 */
export function generateTenantData(config: TenantConfig, options: GenerateOptions = {}): DemoData {
  const scale = options.scale ?? {};
  assertScale(scale);
  const params = scaledParams(config.generator, scale.days);
  const calendar = buildCalendar(params.startDate, params.days, params.holidays);
  const stores = buildStores(params, scale.stores);
  const items = buildItems(params, scale.items);
  const pricing = items.map((item) => priceItem(params, calendar, item));

  const history = simulateSales(params, calendar, stores, items, pricing);
  return {
    slug: config.slug,
    stores: stores.map((s) => s.row),
    items: items.map((i) => i.row),
    sales: history.sales,
    priceHistory: priceHistoryRows(calendar, stores, items, pricing),
    discountsHistory: discountRows(calendar, stores, items, pricing),
    markdowns: markdownRows(calendar, stores, items, pricing),
    online: items.flatMap((item, i) => onlineRows(params, calendar, item, history.onlineTotals[i] ?? new OnlineTotals(params.days))),
    inventory: history.inventory,
    stockoutDays: history.truth.censored.map((c) => ({ date: c.date, storeId: c.storeId, itemId: c.itemId })),
    truth: {
      params,
      ...history.truth,
      newItems: items.filter((i) => i.launchDay !== null).map((i) => ({ itemId: i.row.id, launchedOn: i.row.launchedOn ?? "" })),
      discontinuedItems: items.filter((i) => i.row.discontinuedOn).map((i) => ({ itemId: i.row.id, discontinuedOn: i.row.discontinuedOn ?? "" })),
      itemBaseDemand: Object.fromEntries(items.map((i) => [i.row.id, i.baseDemand])),
      storeSizeFactor: Object.fromEntries(stores.map((s) => [s.row.id, s.sizeFactor])),
    },
  };
}

/** Every store-item series through the stock simulation, written straight into the sales columns. */
function simulateSales(params: GeneratorParams, calendar: Calendar, stores: CatalogStore[], items: CatalogItem[], pricing: ItemPricing[]) {
  const demandCurves = items.map((item, i) => itemDemandCurve(calendar, item, pricing[i] as ItemPricing, params.launchRampDays));
  const plannedCurves = items.map((item, i) => plannedDemandCurve(calendar, item, pricing[i] as ItemPricing, params.launchRampDays));
  const onlineTotals = items.map(() => new OnlineTotals(params.days));
  const onlineRatio = params.online.share / (1 - params.online.share);
  const daysOnSale = items.reduce((sum, item) => sum + item.lastDay - item.firstDay + 1, 0);
  const length = stores.length * daysOnSale;
  const sales = allocateSalesColumns(length, stores.map((s) => s.row.id), items.map((i) => i.row.id), calendar.dates);
  const truth: Pick<GroundTruth, "latentDemandMean" | "demand" | "available" | "censored"> = {
    latentDemandMean: new Float64Array(length),
    demand: new Int32Array(length),
    available: new Int32Array(length),
    censored: [],
  };
  const inventory: InventoryRow[] = [];
  const { leadTimeDays, orderCost, holdingCostRate } = params.inventory;

  let row = 0;
  stores.forEach((store, s) => {
    items.forEach((item, i) => {
      const rng = new Rng(params.seed, "series", store.row.id, item.row.id);
      const terms = { leadTimeDays: rng.int(leadTimeDays[0], leadTimeDays[1]), orderCost: round2(rng.uniform(orderCost[0], orderCost[1])) };
      const outcome = simulateSeries({
        firstDay: item.firstDay,
        lastDay: item.lastDay,
        demandCurve: demandCurves[i] as Float64Array,
        plannedCurve: plannedCurves[i] as Float64Array,
        sizeFactor: store.sizeFactor,
        onlineRatio,
        leadTimeDays: terms.leadTimeDays,
        weekday: calendar.weekday,
        params,
        rng,
      });
      const prices = pricing[i] as ItemPricing;
      for (let t = 0; t < outcome.units.length; t++, row++) {
        const day = item.firstDay + t;
        const discount = prices.discount[day] ?? 0;
        sales.storeIndex[row] = s;
        sales.itemIndex[row] = i;
        sales.dayIndex[row] = day;
        sales.units[row] = outcome.units[t] ?? 0;
        sales.price[row] = prices.shelfPrice[day] ?? 0;
        sales.discount[row] = discount;
        sales.promo[row] = discount > 0 ? 1 : 0;
        sales.onlineUnits[row] = outcome.onlineUnits[t] ?? 0;
        truth.latentDemandMean[row] = outcome.latentMean[t] ?? 0;
        truth.demand[row] = outcome.demand[t] ?? 0;
        truth.available[row] = outcome.available[t] ?? 0;
        if ((outcome.demand[t] ?? 0) > (outcome.available[t] ?? 0)) {
          truth.censored.push({ storeId: store.row.id, itemId: item.row.id, date: calendar.dates[day] ?? "" });
        }
      }
      for (const snapshot of outcome.snapshots) {
        inventory.push({
          date: calendar.dates[snapshot.day] ?? "",
          storeId: store.row.id,
          itemId: item.row.id,
          onHand: snapshot.onHand,
          onOrder: snapshot.onOrder,
          leadTimeDays: terms.leadTimeDays,
          orderCost: terms.orderCost,
          holdingCostRate,
        });
      }
      onlineTotals[i]?.add(item.firstDay, outcome);
    });
  });
  return { sales, truth, inventory, onlineTotals };
}

/** Prices are chain-wide; the tables are per store, so each item's events repeat for every store. */
function perStoreItem<T>(stores: CatalogStore[], items: CatalogItem[], pricing: ItemPricing[], rowsOf: (item: CatalogItem, prices: ItemPricing, storeId: string) => T[]): T[] {
  return stores.flatMap((store) => items.flatMap((item, i) => rowsOf(item, pricing[i] as ItemPricing, store.row.id)));
}

function priceHistoryRows(calendar: Calendar, stores: CatalogStore[], items: CatalogItem[], pricing: ItemPricing[]): PriceHistoryRow[] {
  return perStoreItem(stores, items, pricing, (item, prices, storeId) =>
    prices.priceSpells.map((spell, k) => {
      const next = prices.priceSpells[k + 1];
      // The last price of a withdrawn item ends with it; a current one is open-ended.
      const lastDay = next ? next.day - 1 : item.row.discontinuedOn ? item.lastDay : null;
      return {
        storeId,
        itemId: item.row.id,
        validFrom: calendar.dates[spell.day] ?? "",
        validTo: lastDay === null ? null : (calendar.dates[lastDay] ?? null),
        price: spell.price,
      };
    }),
  );
}

function discountRows(calendar: Calendar, stores: CatalogStore[], items: CatalogItem[], pricing: ItemPricing[]): DiscountRow[] {
  return perStoreItem(stores, items, pricing, (item, prices, storeId) =>
    prices.promotions.map((promo) => ({
      storeId,
      itemId: item.row.id,
      startDate: calendar.dates[promo.startDay] ?? "",
      endDate: calendar.dates[promo.endDay] ?? "",
      discount: promo.discount,
      promoType: "price reduction",
    })),
  );
}

function markdownRows(calendar: Calendar, stores: CatalogStore[], items: CatalogItem[], pricing: ItemPricing[]): MarkdownRow[] {
  return perStoreItem(stores, items, pricing, (item, prices, storeId) =>
    prices.markdownSteps.map((step) => ({
      storeId,
      itemId: item.row.id,
      startDate: calendar.dates[step.day] ?? "",
      markdown: step.markdown,
      reason: step.reason,
    })),
  );
}
