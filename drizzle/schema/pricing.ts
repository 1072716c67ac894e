import { doublePrecision, integer, jsonb, pgTable, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./platform";

/**
 * One row per tenant: the guardrails every price recommendation and markdown plan respects.
 * A tenant without one gets the defaults in server/services/pricing/settings.ts.
 */
export const pricingSettings = pgTable("pricing_settings", {
  tenantId: uuid("tenant_id")
    .primaryKey()
    .references(() => tenants.id, { onDelete: "cascade" }),
  /** Largest change from the current price in one step, as a fraction. */
  maxStep: doublePrecision("max_step").notNull().default(0.1),
  /** Smallest margin (price − cost) / price, as a fraction. */
  minMargin: doublePrecision("min_margin").notNull().default(0.15),
  /** Allowed cent endings (e.g. [0.49, 0.99]); empty allows any cent. */
  priceEndings: jsonb("price_endings").$type<number[]>().notNull().default([0.49, 0.99]),
  /** Value recovered per unit left at a markdown's sell-by date, as a fraction of unit cost. */
  salvageRate: doublePrecision("salvage_rate").notNull().default(0.2),
  /** Discounts a markdown may use, ascending from 0. */
  markdownLadder: jsonb("markdown_ladder").$type<number[]>().notNull().default([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7]),
  minWeeksPerStep: integer("min_weeks_per_step").notNull().default(2),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type PricingSettings = typeof pricingSettings.$inferSelect;
export type NewPricingSettings = typeof pricingSettings.$inferInsert;
