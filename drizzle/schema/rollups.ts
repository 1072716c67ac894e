import { date, doublePrecision, foreignKey, integer, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./platform";
import { stores } from "./retail";

/**
 * Sums of `sales` per store × category × bucket, rebuilt from the raw rows for every bucket a
 * sales write touches (server/services/sales/refresh-sales-rollups.ts), in the same transaction,
 * so dashboards read thousands of rows instead of millions and never disagree with the raw data.
 * `cost` uses the catalog's unit cost at refresh time; a catalog change that alters unit costs or
 * categories refreshes the tenant's rollups too.
 */
const rollupColumns = (bucket: "date" | "week") => ({
  tenantId: uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" }),
  /** The day, or the Monday that starts the ISO week. */
  bucket: date(bucket).notNull(),
  storeId: text("store_id").notNull(),
  category: text("category").notNull(),
  units: doublePrecision("units").notNull(),
  /** What customers paid: units × price × (1 − discount). */
  revenue: doublePrecision("revenue").notNull(),
  cost: doublePrecision("cost").notNull(),
  /** Store × item × day rows summed. */
  salesRows: integer("sales_rows").notNull(),
});

export const salesDailyRollups = pgTable("sales_daily_rollups", rollupColumns("date"), (t) => [
  primaryKey({ columns: [t.tenantId, t.bucket, t.storeId, t.category] }),
  foreignKey({ name: "sales_daily_rollups_store_fk", columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
]);

export const salesWeeklyRollups = pgTable("sales_weekly_rollups", rollupColumns("week"), (t) => [
  primaryKey({ columns: [t.tenantId, t.bucket, t.storeId, t.category] }),
  foreignKey({ name: "sales_weekly_rollups_store_fk", columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
]);

export type SalesDailyRollup = typeof salesDailyRollups.$inferSelect;
export type NewSalesDailyRollup = typeof salesDailyRollups.$inferInsert;
export type SalesWeeklyRollup = typeof salesWeeklyRollups.$inferSelect;
export type NewSalesWeeklyRollup = typeof salesWeeklyRollups.$inferInsert;
