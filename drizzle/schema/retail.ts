import { boolean, date, doublePrecision, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import type { AnyPgColumn } from "drizzle-orm/pg-core";
import { tenants } from "./platform";

// Columns a source file carried that the schema does not know are kept here, never dropped.
const extra = () => jsonb("extra").$type<Record<string, string>>().notNull().default({});
const money = (name: string) => numeric(name, { precision: 12, scale: 2, mode: "number" });
const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" });

export const stores = pgTable(
  "stores",
  {
    tenantId: tenantId(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    region: text("region"),
    city: text("city"),
    format: text("format"),
    sizeSqm: integer("size_sqm"),
    openedOn: date("opened_on"),
    extra: extra(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);

export const items = pgTable(
  "items",
  {
    tenantId: tenantId(),
    id: text("id").notNull(),
    name: text("name").notNull(),
    category: text("category").notNull(),
    subcategory: text("subcategory"),
    brand: text("brand"),
    unitCost: money("unit_cost").notNull(),
    basePrice: money("base_price").notNull(),
    launchedOn: date("launched_on"),
    discontinuedOn: date("discontinued_on"),
    extra: extra(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index("items_category_idx").on(t.tenantId, t.category)],
);

/** Foreign keys to the store and item, both carrying tenant_id, so no row can point across tenants. */
export const storeItemRefs = (t: { tenantId: AnyPgColumn; storeId: AnyPgColumn; itemId: AnyPgColumn }, name: string) => [
  foreignKey({ name: `${name}_store_fk`, columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
  foreignKey({ name: `${name}_item_fk`, columns: [t.tenantId, t.itemId], foreignColumns: [items.tenantId, items.id] }),
];

export const sales = pgTable(
  "sales",
  {
    tenantId: tenantId(),
    date: date("date").notNull(),
    storeId: text("store_id").notNull(),
    itemId: text("item_id").notNull(),
    units: integer("units").notNull(),
    price: money("price").notNull(),
    /** Fraction of the shelf price taken off, 0–1. */
    discount: doublePrecision("discount").notNull().default(0),
    promo: boolean("promo").notNull().default(false),
    onlineUnits: integer("online_units").notNull().default(0),
    extra: extra(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.storeId, t.itemId, t.date] }),
    index("sales_date_idx").on(t.tenantId, t.date),
    ...storeItemRefs(t, "sales"),
  ],
);

export const priceHistory = pgTable(
  "price_history",
  {
    tenantId: tenantId(),
    storeId: text("store_id").notNull(),
    itemId: text("item_id").notNull(),
    validFrom: date("valid_from").notNull(),
    validTo: date("valid_to"),
    price: money("price").notNull(),
    extra: extra(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.storeId, t.itemId, t.validFrom] }), ...storeItemRefs(t, "price_history")],
);

export const discountsHistory = pgTable(
  "discounts_history",
  {
    tenantId: tenantId(),
    storeId: text("store_id").notNull(),
    itemId: text("item_id").notNull(),
    startDate: date("start_date").notNull(),
    endDate: date("end_date").notNull(),
    discount: doublePrecision("discount").notNull(),
    promoType: text("promo_type"),
    extra: extra(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.storeId, t.itemId, t.startDate] }), ...storeItemRefs(t, "discounts_history")],
);

export const markdowns = pgTable(
  "markdowns",
  {
    tenantId: tenantId(),
    storeId: text("store_id").notNull(),
    itemId: text("item_id").notNull(),
    startDate: date("start_date").notNull(),
    /** Fraction of the original price taken off for clearance, 0–1. */
    markdown: doublePrecision("markdown").notNull(),
    reason: text("reason"),
    extra: extra(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.storeId, t.itemId, t.startDate] }), ...storeItemRefs(t, "markdowns")],
);

/** Web channel per item and day (traffic and orders), independent of the store that fulfils them. */
export const online = pgTable(
  "online",
  {
    tenantId: tenantId(),
    date: date("date").notNull(),
    itemId: text("item_id").notNull(),
    pageViews: integer("page_views").notNull(),
    addToCarts: integer("add_to_carts").notNull(),
    onlineUnits: integer("online_units").notNull(),
    extra: extra(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.itemId, t.date] }),
    foreignKey({ name: "online_item_fk", columns: [t.tenantId, t.itemId], foreignColumns: [items.tenantId, items.id] }),
  ],
);

/**
 * Holidays and events by date (the `calendar` source). Dates may lie ahead of the sales history:
 * events are known in advance, and forecasts need them.
 */
export const calendarEvents = pgTable(
  "calendar_events",
  {
    tenantId: tenantId(),
    date: date("date").notNull(),
    name: text("name").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.date, t.name] })],
);

/** On-hand snapshots with the replenishment terms in force at that date. */
export const inventory = pgTable(
  "inventory",
  {
    tenantId: tenantId(),
    date: date("date").notNull(),
    storeId: text("store_id").notNull(),
    itemId: text("item_id").notNull(),
    onHand: integer("on_hand").notNull(),
    onOrder: integer("on_order").notNull().default(0),
    leadTimeDays: integer("lead_time_days").notNull(),
    orderCost: money("order_cost").notNull(),
    /** Holding cost per unit per year as a fraction of unit cost. */
    holdingCostRate: doublePrecision("holding_cost_rate").notNull(),
    extra: extra(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.storeId, t.itemId, t.date] }), ...storeItemRefs(t, "inventory")],
);

/**
 * Store-days on which an item's shelf ran out while customers still wanted it, so that day's sales
 * understate demand. Recorded apart from sales (a day is either listed or not), which the demo
 * generator fills from its own censoring.
 */
export const stockoutDays = pgTable(
  "stockout_days",
  {
    tenantId: tenantId(),
    date: date("date").notNull(),
    storeId: text("store_id").notNull(),
    itemId: text("item_id").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.storeId, t.itemId, t.date] }), index("stockout_days_date_idx").on(t.tenantId, t.date), ...storeItemRefs(t, "stockout_days")],
);

export type StockoutDay = typeof stockoutDays.$inferSelect;
export type NewStockoutDay = typeof stockoutDays.$inferInsert;
export type CalendarEvent = typeof calendarEvents.$inferSelect;
export type NewCalendarEvent = typeof calendarEvents.$inferInsert;
export type Store = typeof stores.$inferSelect;
export type NewStore = typeof stores.$inferInsert;
export type Item = typeof items.$inferSelect;
export type NewItem = typeof items.$inferInsert;
export type Sale = typeof sales.$inferSelect;
export type NewSale = typeof sales.$inferInsert;
export type PriceHistory = typeof priceHistory.$inferSelect;
export type NewPriceHistory = typeof priceHistory.$inferInsert;
export type DiscountHistory = typeof discountsHistory.$inferSelect;
export type NewDiscountHistory = typeof discountsHistory.$inferInsert;
export type Markdown = typeof markdowns.$inferSelect;
export type NewMarkdown = typeof markdowns.$inferInsert;
export type Online = typeof online.$inferSelect;
export type NewOnline = typeof online.$inferInsert;
export type Inventory = typeof inventory.$inferSelect;
export type NewInventory = typeof inventory.$inferInsert;
