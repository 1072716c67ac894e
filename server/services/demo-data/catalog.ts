import "server-only";
import type { CategoryParams, GeneratorParams } from "@/server/tenants/tenant-config";
import { addDays } from "./calendar";
import { Rng } from "./prng";
import type { ItemRow, StoreRow } from "./types";

export const round2 = (value: number) => Math.round(value * 100) / 100;

/** Shelf-style prices: x.x9 below 10, whole amounts less a cent above. */
export function charmPrice(value: number): number {
  if (value < 10) return round2(Math.max(0.29, Math.round(value * 10) / 10 - 0.01));
  return round2(Math.round(value) - 0.01);
}

export type CatalogStore = {
  row: StoreRow;
  /** (sizeSqm / reference) ^ exponent: how much more a bigger store sells of everything. */
  sizeFactor: number;
};

export type CatalogItem = {
  row: ItemRow;
  category: CategoryParams;
  /** Mean units a day in a reference-size store before seasonality and price effects. */
  baseDemand: number;
  /** First and last day (indices, inclusive) the item is on sale. */
  firstDay: number;
  lastDay: number;
  /** Day index of a launch during the history; null for items older than the history. */
  launchDay: number | null;
};

/** The stores listed in tenant.json (the first `count` of them), or made up from the distribution. */
export function buildStores(params: GeneratorParams, count?: number): CatalogStore[] {
  const rng = new Rng(params.seed, "stores");
  let rows: Omit<StoreRow, "openedOn">[];
  if (Array.isArray(params.stores)) {
    if (count !== undefined && count > params.stores.length) {
      throw new Error(`scale.stores (${count}) exceeds the ${params.stores.length} stores listed in tenant.json`);
    }
    rows = params.stores.slice(0, count ?? params.stores.length);
  } else {
    const spec = params.stores;
    rows = Array.from({ length: count ?? spec.count }, (_, s) => {
      const number = String(s + 1).padStart(2, "0");
      return {
        id: `S${number}`,
        name: `Store ${number}`,
        region: rng.pick(spec.regions),
        city: null,
        format: rng.pick(spec.formats),
        sizeSqm: Math.round(rng.logUniform(spec.sizeSqm[0], spec.sizeSqm[1]) / 10) * 10,
      };
    });
  }
  return rows.map((row) => ({
    // Every store predates the history: sales rows follow items coming and going, not stores.
    row: { ...row, openedOn: addDays(params.startDate, -new Rng(params.seed, "opened", row.id).int(200, 4000)) },
    sizeFactor: Math.pow((row.sizeSqm ?? params.referenceStoreSizeSqm) / params.referenceStoreSizeSqm, params.storeSizeExponent),
  }));
}

/** How many items each category gets: as configured, or `total` dealt round-robin so small scales keep every category they can. */
function itemsPerCategory(categories: readonly CategoryParams[], total?: number): number[] {
  if (total === undefined) return categories.map((c) => c.items);
  return categories.map((_, c) => Math.floor(total / categories.length) + (c < total % categories.length ? 1 : 0));
}

/**
 * The assortment with each item's price, cost, demand level and time on sale. An item's own
 * properties come from a stream keyed by its id, so they do not change with the scale.
 */
export function buildItems(params: GeneratorParams, total?: number): CatalogItem[] {
  const counts = itemsPerCategory(params.categories, total);
  const items: CatalogItem[] = params.categories.flatMap((category, c) =>
    Array.from({ length: counts[c] ?? 0 }, (_, j) => {
      const id = `${category.code}-${String(j + 1).padStart(3, "0")}`;
      const rng = new Rng(params.seed, "item", id);
      const basePrice = charmPrice(rng.logUniform(category.basePriceRange[0], category.basePriceRange[1]));
      const row: ItemRow = {
        id,
        name: category.itemNames?.[j] ?? `${category.name} ${j + 1}`,
        category: category.name,
        subcategory: null,
        brand: null,
        unitCost: round2(basePrice * category.unitCostRatio * rng.uniform(0.92, 1.08)),
        basePrice,
        launchedOn: addDays(params.startDate, -rng.int(60, 1500)),
        discontinuedOn: null,
      };
      const baseDemand = rng.logUniform(category.baseDemandRange[0], category.baseDemandRange[1]);
      return { row, category, baseDemand, firstDay: 0, lastDay: params.days - 1, launchDay: null };
    }),
  );
  markLaunchesAndWithdrawals(params, items);
  return items;
}

/** Picks exact counts of new and withdrawn items, so even a small scale has some of each. */
function markLaunchesAndWithdrawals(params: GeneratorParams, items: CatalogItem[]): void {
  const rng = new Rng(params.seed, "assortment");
  const days = params.days;
  const margin = Math.max(1, Math.floor(days / 6)); // leave history on both sides of a change
  const newCount = Math.round(params.newItemFraction * items.length);
  const withdrawnCount = Math.round(params.discontinuedItemFraction * items.length);
  rng.sample(items.length, newCount + withdrawnCount).forEach((index, k) => {
    const item = items[index];
    if (!item) return;
    if (k < newCount) {
      item.firstDay = rng.int(margin, days - margin - 1);
      item.launchDay = item.firstDay;
      item.row.launchedOn = addDays(params.startDate, item.firstDay);
    } else {
      item.lastDay = rng.int(Math.floor(days / 2), days - margin - 1);
      item.row.discontinuedOn = addDays(params.startDate, item.lastDay + 1);
    }
  });
}
