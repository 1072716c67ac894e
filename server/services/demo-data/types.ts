import "server-only";
import type { DiscountHistory, Inventory, Item, Markdown, Online, PriceHistory, Sale, StockoutDay, Store } from "@/drizzle/schema";
import type { GeneratorParams } from "@/server/tenants/tenant-config";

/** Rows as the tables hold them, without the columns the seed fills in (tenant, extra). */
type Row<T> = Omit<T, "tenantId" | "extra">;
export type StoreRow = Row<Store>;
export type ItemRow = Row<Item>;
export type SaleRow = Row<Sale>;
export type PriceHistoryRow = Row<PriceHistory>;
export type DiscountRow = Row<DiscountHistory>;
export type MarkdownRow = Row<Markdown>;
export type OnlineRow = Row<Online>;
export type InventoryRow = Row<Inventory>;
export type StockoutDayRow = Row<StockoutDay>;

/** Sizes to generate instead of the full tenant.json ones: tests and quick demos. */
export type Scale = { stores?: number; items?: number; days?: number };

/**
 * The sales table column by column (about a million rows for a full tenant: typed arrays keep it
 * compact). Rows are ordered by store, item, date — the primary key order. Read one with `saleAt`.
 */
export type SalesColumns = {
  length: number;
  storeIds: readonly string[];
  itemIds: readonly string[];
  dates: readonly string[];
  storeIndex: Uint16Array;
  itemIndex: Uint16Array;
  dayIndex: Uint16Array;
  units: Int32Array;
  /** Shelf price (after any markdown). */
  price: Float64Array;
  /** Promotional discount off the shelf price, 0–1. */
  discount: Float64Array;
  promo: Uint8Array;
  onlineUnits: Int32Array;
};

/**
 * What the generator knows and the data only hints at. With `params`, `itemBaseDemand` and
 * `storeSizeFactor`, `demandMean` in demand.ts recomputes `latentDemandMean` for any row.
 */
export type GroundTruth = {
  /** The generator section of tenant.json after scaling (startDate and days as generated). */
  params: GeneratorParams;
  /** Expected in-store demand, aligned with the sales rows. */
  latentDemandMean: Float64Array;
  /** In-store demand drawn before stock cut it, aligned with the sales rows. */
  demand: Int32Array;
  /** Units on hand when the store opened, aligned with the sales rows: units = min(demand, available). */
  available: Int32Array;
  /** Store-days where in-store demand exceeded stock, so `units` understates demand. */
  censored: { storeId: string; itemId: string; date: string }[];
  newItems: { itemId: string; launchedOn: string }[];
  discontinuedItems: { itemId: string; discontinuedOn: string }[];
  /** Mean units a day in a reference-size store before any seasonality or price effect. */
  itemBaseDemand: Record<string, number>;
  /** (sizeSqm / referenceStoreSizeSqm) ^ storeSizeExponent. */
  storeSizeFactor: Record<string, number>;
};

/** Everything one tenant's demo history consists of: the eight sources, the stockout log, and the truth behind them. */
export type DemoData = {
  slug: string;
  stores: StoreRow[];
  items: ItemRow[];
  sales: SalesColumns;
  priceHistory: PriceHistoryRow[];
  discountsHistory: DiscountRow[];
  markdowns: MarkdownRow[];
  online: OnlineRow[];
  inventory: InventoryRow[];
  /** The store-days whose sales stock cut short, as a store system would log an empty shelf: `truth.censored`. */
  stockoutDays: StockoutDayRow[];
  truth: GroundTruth;
};
