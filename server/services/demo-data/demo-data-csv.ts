import "server-only";
import { exportCsv } from "@/server/validation/csv-cell";
import { saleAt } from "./sales-columns";
import type { DemoData, DiscountRow, InventoryRow, ItemRow, MarkdownRow, OnlineRow, PriceHistoryRow, StockoutDayRow, StoreRow } from "./types";

type CsvValue = string | number | boolean | null;

/** One CSV field as Postgres COPY (FORMAT csv) reads it: unquoted empty is NULL, "" is an empty string. */
export function csvField(value: CsvValue): string {
  if (value === null) return "";
  if (typeof value === "boolean") return value ? "t" : "f";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`Cannot write ${value} to CSV`);
    return String(value);
  }
  // Backslashes are quoted too, so a lone \. can never read as COPY's end-of-data marker.
  return value === "" || /[",\r\n\\]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export const DEMO_TABLES = ["stores", "items", "sales", "price_history", "discounts_history", "markdowns", "online", "inventory", "stockout_days"] as const;
export type DemoTable = (typeof DEMO_TABLES)[number];

/** A bulk-load unit: CSV text for `COPY table (columns)`, with tenant_id as the first column. */
export type CopyChunk = { table: DemoTable; columns: readonly string[]; csv: string; rows: number };

type TableSpec<T> = { table: DemoTable; columns: readonly string[]; values: (row: T) => CsvValue[] };

const STORES: TableSpec<StoreRow> = {
  table: "stores",
  columns: ["id", "name", "region", "city", "format", "size_sqm", "opened_on"],
  values: (r) => [r.id, r.name, r.region, r.city, r.format, r.sizeSqm, r.openedOn],
};
const ITEMS: TableSpec<ItemRow> = {
  table: "items",
  columns: ["id", "name", "category", "subcategory", "brand", "unit_cost", "base_price", "launched_on", "discontinued_on"],
  values: (r) => [r.id, r.name, r.category, r.subcategory, r.brand, r.unitCost, r.basePrice, r.launchedOn, r.discontinuedOn],
};
const PRICE_HISTORY: TableSpec<PriceHistoryRow> = {
  table: "price_history",
  columns: ["store_id", "item_id", "valid_from", "valid_to", "price"],
  values: (r) => [r.storeId, r.itemId, r.validFrom, r.validTo, r.price],
};
const DISCOUNTS: TableSpec<DiscountRow> = {
  table: "discounts_history",
  columns: ["store_id", "item_id", "start_date", "end_date", "discount", "promo_type"],
  values: (r) => [r.storeId, r.itemId, r.startDate, r.endDate, r.discount, r.promoType],
};
const MARKDOWNS: TableSpec<MarkdownRow> = {
  table: "markdowns",
  columns: ["store_id", "item_id", "start_date", "markdown", "reason"],
  values: (r) => [r.storeId, r.itemId, r.startDate, r.markdown, r.reason],
};
const ONLINE: TableSpec<OnlineRow> = {
  table: "online",
  columns: ["date", "item_id", "page_views", "add_to_carts", "online_units"],
  values: (r) => [r.date, r.itemId, r.pageViews, r.addToCarts, r.onlineUnits],
};
const INVENTORY: TableSpec<InventoryRow> = {
  table: "inventory",
  columns: ["date", "store_id", "item_id", "on_hand", "on_order", "lead_time_days", "order_cost", "holding_cost_rate"],
  values: (r) => [r.date, r.storeId, r.itemId, r.onHand, r.onOrder, r.leadTimeDays, r.orderCost, r.holdingCostRate],
};
const STOCKOUT_DAYS: TableSpec<StockoutDayRow> = {
  table: "stockout_days",
  columns: ["date", "store_id", "item_id"],
  values: (r) => [r.date, r.storeId, r.itemId],
};
const SALES_COLUMNS = ["date", "store_id", "item_id", "units", "price", "discount", "promo", "online_units"] as const;

function* rowChunks<T>(spec: TableSpec<T>, rows: readonly T[], tenantId: string, chunkRows: number): Generator<CopyChunk> {
  for (let start = 0; start < rows.length; start += chunkRows) {
    const end = Math.min(rows.length, start + chunkRows);
    let csv = "";
    for (let i = start; i < end; i++) csv += `${tenantId},${spec.values(rows[i] as T).map(csvField).join(",")}\n`;
    yield { table: spec.table, columns: ["tenant_id", ...spec.columns], csv, rows: end - start };
  }
}

/** The million-row table gets a direct path from its typed columns, with ids and dates escaped once. */
function* salesChunks(data: DemoData, tenantId: string, chunkRows: number): Generator<CopyChunk> {
  const { sales } = data;
  const storeIds = sales.storeIds.map(csvField);
  const itemIds = sales.itemIds.map(csvField);
  for (let start = 0; start < sales.length; start += chunkRows) {
    const end = Math.min(sales.length, start + chunkRows);
    let csv = "";
    for (let i = start; i < end; i++) {
      csv += `${tenantId},${sales.dates[sales.dayIndex[i] ?? 0]},${storeIds[sales.storeIndex[i] ?? 0]},${itemIds[sales.itemIndex[i] ?? 0]},${sales.units[i]},${sales.price[i]},${sales.discount[i]},${sales.promo[i] ? "t" : "f"},${sales.onlineUnits[i]}\n`;
    }
    yield { table: "sales", columns: ["tenant_id", ...SALES_COLUMNS], csv, rows: end - start };
  }
}

/** The stores and items: the rows every other table refers to, so they load first. */
export function* catalogCopyChunks(data: DemoData, tenantId: string, chunkRows = 50_000): Generator<CopyChunk> {
  yield* rowChunks(STORES, data.stores, tenantId, chunkRows);
  yield* rowChunks(ITEMS, data.items, tenantId, chunkRows);
}

/** The tables that refer to stores and items; independent of each other, so they may load in any order. */
export function* historyCopyChunks(data: DemoData, tenantId: string, chunkRows = 50_000): Generator<CopyChunk> {
  yield* salesChunks(data, tenantId, chunkRows);
  yield* rowChunks(PRICE_HISTORY, data.priceHistory, tenantId, chunkRows);
  yield* rowChunks(DISCOUNTS, data.discountsHistory, tenantId, chunkRows);
  yield* rowChunks(MARKDOWNS, data.markdowns, tenantId, chunkRows);
  yield* rowChunks(ONLINE, data.online, tenantId, chunkRows);
  yield* rowChunks(INVENTORY, data.inventory, tenantId, chunkRows);
  yield* rowChunks(STOCKOUT_DAYS, data.stockoutDays, tenantId, chunkRows);
}

/** Every table of a tenant's demo data as COPY chunks, catalog first. */
export function* demoDataCopyChunks(data: DemoData, tenantId: string, chunkRows = 50_000): Generator<CopyChunk> {
  yield* catalogCopyChunks(data, tenantId, chunkRows);
  yield* historyCopyChunks(data, tenantId, chunkRows);
}

/** Rows per table, named as in the database. */
export function demoDataRowCounts(data: DemoData): Record<DemoTable, number> {
  return {
    stores: data.stores.length,
    items: data.items.length,
    sales: data.sales.length,
    price_history: data.priceHistory.length,
    discounts_history: data.discountsHistory.length,
    markdowns: data.markdowns.length,
    online: data.online.length,
    inventory: data.inventory.length,
    stockout_days: data.stockoutDays.length,
  };
}

/**
 * The tenant's data as the CSV files a tenant would import (one per source, header first, cells
 * neutralised against formulas): what a demo tenant exports, and what the import round trip reads.
 */
export function demoDataCsvFiles(data: DemoData): Record<DemoTable, string> {
  const file = <T>(spec: TableSpec<T>, rows: readonly T[]) => exportCsv(spec.columns, rows.map(spec.values));
  const sales = Array.from({ length: data.sales.length }, (_, i) => {
    const s = saleAt(data.sales, i);
    return [s.date, s.storeId, s.itemId, s.units, s.price, s.discount, s.promo, s.onlineUnits];
  });
  return {
    stores: file(STORES, data.stores),
    items: file(ITEMS, data.items),
    sales: exportCsv(SALES_COLUMNS, sales),
    price_history: file(PRICE_HISTORY, data.priceHistory),
    discounts_history: file(DISCOUNTS, data.discountsHistory),
    markdowns: file(MARKDOWNS, data.markdowns),
    online: file(ONLINE, data.online),
    inventory: file(INVENTORY, data.inventory),
    stockout_days: file(STOCKOUT_DAYS, data.stockoutDays),
  };
}
