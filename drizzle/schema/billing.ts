import { sql } from "drizzle-orm";
import { date, index, integer, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./platform";

/**
 * Metered usage, one row per unit of work: the key names that unit (a training run's id, a
 * report's id, an API request's id), so recording the same work twice counts it once.
 */
export const usageRecords = pgTable(
  "usage_records",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    metric: text("metric").notNull(),
    unitKey: text("unit_key").notNull(),
    quantity: integer("quantity").notNull(),
    /** First day of the UTC month the work belongs to; quotas and invoices sum per period. */
    period: date("period").notNull(),
    recordedAt: timestamp("recorded_at", { withTimezone: true }).notNull().defaultNow(),
    /** When this row was sent to Stripe as a meter event (its identifier is the row's key). */
    reportedAt: timestamp("reported_at", { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.metric, t.unitKey] }), index("usage_records_period_idx").on(t.tenantId, t.period, t.metric)],
);

/** Stripe events already applied, written in the same transaction as their effect. */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    eventId: text("event_id").notNull(),
    type: text("type").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().default(sql`now()`),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.eventId] })],
);

export type UsageRecord = typeof usageRecords.$inferSelect;
export type NewUsageRecord = typeof usageRecords.$inferInsert;
export type StripeEvent = typeof stripeEvents.$inferSelect;
export type NewStripeEvent = typeof stripeEvents.$inferInsert;
