import "server-only";
import type { ImportSource } from "@/drizzle/schema";

/**
 * How a field is read from text and stored: `id` and `text` are trimmed strings, `count` a
 * non-negative integer, `money` a non-negative amount with cents, `fraction` a share 0–1 (`25%`
 * is read as 0.25), `rate` a non-negative number, `date` a calendar day, `bool` yes/no.
 */
export type FieldType = "id" | "text" | "count" | "money" | "fraction" | "rate" | "date" | "bool";

export type SourceField = {
  /** The CSV column name (DESIGN.md's names), also the staging column. */
  name: string;
  /** Column of the target table. */
  column: string;
  type: FieldType;
  required: boolean;
  /** Other header names read as this field. */
  aliases?: readonly string[];
  /** Stored when the cell (or the column) is empty: a literal, or `{ from }` another field's value. */
  fallback?: string | { from: string };
};

export type SourceSpec = {
  source: ImportSource;
  table: string;
  fields: readonly SourceField[];
  /** Natural key (field names) the upsert matches on, after tenant_id. */
  key: readonly string[];
  /** Fields that must name an existing store / item of the tenant. */
  storeField?: string;
  itemField?: string;
  /** Field pairs where the first may not come after the second (start ≤ end). */
  ordered?: readonly (readonly [string, string])[];
  /** A SQL fallback filled from the tenant's data after staging (sales price from the catalog). */
  fillFromItem?: { field: string; itemColumn: string };
};

const f = (name: string, type: FieldType, required: boolean, extra: Partial<SourceField> = {}): SourceField => ({ name, column: name, type, required, ...extra });

export const SOURCES: Record<ImportSource, SourceSpec> = {
  stores: {
    source: "stores",
    table: "stores",
    fields: [
      f("store_id", "id", true, { column: "id", aliases: ["id"] }),
      f("name", "text", false, { fallback: { from: "store_id" } }),
      f("region", "text", false),
      f("city", "text", false),
      f("format", "text", false),
      f("size_sqm", "count", false),
      f("opened_on", "date", false),
    ],
    key: ["store_id"],
  },
  catalog: {
    source: "catalog",
    table: "items",
    fields: [
      f("item_id", "id", true, { column: "id", aliases: ["id"] }),
      f("name", "text", false, { fallback: { from: "item_id" } }),
      f("category", "text", true),
      f("subcategory", "text", false),
      f("brand", "text", false),
      f("unit_cost", "money", true),
      f("base_price", "money", true),
      f("launched_on", "date", false),
      f("discontinued_on", "date", false),
    ],
    key: ["item_id"],
    ordered: [["launched_on", "discontinued_on"]],
  },
  sales: {
    source: "sales",
    table: "sales",
    fields: [
      f("date", "date", true),
      f("store_id", "id", true),
      f("item_id", "id", true),
      f("units", "count", true),
      f("price", "money", false),
      f("discount", "fraction", false, { fallback: "0" }),
      f("promo", "bool", false, { fallback: "f" }),
      f("online_units", "count", false, { fallback: "0" }),
    ],
    key: ["store_id", "item_id", "date"],
    storeField: "store_id",
    itemField: "item_id",
    fillFromItem: { field: "price", itemColumn: "base_price" },
  },
  price_history: {
    source: "price_history",
    table: "price_history",
    fields: [f("store_id", "id", true), f("item_id", "id", true), f("valid_from", "date", true), f("valid_to", "date", false), f("price", "money", true)],
    key: ["store_id", "item_id", "valid_from"],
    storeField: "store_id",
    itemField: "item_id",
    ordered: [["valid_from", "valid_to"]],
  },
  discounts_history: {
    source: "discounts_history",
    table: "discounts_history",
    fields: [
      f("store_id", "id", true),
      f("item_id", "id", true),
      f("start_date", "date", true),
      f("end_date", "date", true),
      f("discount", "fraction", true),
      f("promo_type", "text", false),
    ],
    key: ["store_id", "item_id", "start_date"],
    storeField: "store_id",
    itemField: "item_id",
    ordered: [["start_date", "end_date"]],
  },
  markdowns: {
    source: "markdowns",
    table: "markdowns",
    fields: [f("store_id", "id", true), f("item_id", "id", true), f("start_date", "date", true), f("markdown", "fraction", true), f("reason", "text", false)],
    key: ["store_id", "item_id", "start_date"],
    storeField: "store_id",
    itemField: "item_id",
  },
  online: {
    source: "online",
    table: "online",
    fields: [f("date", "date", true), f("item_id", "id", true), f("page_views", "count", true), f("add_to_carts", "count", true), f("online_units", "count", true)],
    key: ["item_id", "date"],
    itemField: "item_id",
  },
  inventory: {
    source: "inventory",
    table: "inventory",
    fields: [
      f("date", "date", true),
      f("store_id", "id", true),
      f("item_id", "id", true),
      f("on_hand", "count", true),
      f("on_order", "count", false, { fallback: "0" }),
      f("lead_time_days", "count", true),
      f("order_cost", "money", true),
      f("holding_cost_rate", "rate", true),
    ],
    key: ["store_id", "item_id", "date"],
    storeField: "store_id",
    itemField: "item_id",
  },
};

/** Postgres type of a field in the staging table (the same as its target column's). */
export const STAGING_TYPE: Record<FieldType, string> = {
  id: "text",
  text: "text",
  count: "integer",
  money: "numeric(12,2)",
  fraction: "double precision",
  rate: "double precision",
  date: "date",
  bool: "boolean",
};
