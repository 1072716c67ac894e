import { sql } from "drizzle-orm";
import { date, doublePrecision, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, unique, uuid } from "drizzle-orm/pg-core";
import { ANOMALY_KINDS, SEVERITIES } from "@/models/anomaly";
import { tenants, users } from "./platform";
import { storeItemRefs } from "./retail";

const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" });

/** Anomalies in sales, and `model` for events of the tenant's models (a scheduled retrain promoted a version), which name no store or item. */
export const ALERT_KINDS = [...ANOMALY_KINDS, "model"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

export const ALERT_STATUSES = ["open", "acknowledged", "muted"] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * Anomalies found in incoming sales (and model events). One row per store × item × day × kind: the same anomaly
 * found again (a later batch of the same day) updates it, keeping its highest severity.
 */
export const alerts = pgTable(
  "alerts",
  {
    tenantId: tenantId(),
    id: uuid("id").notNull().default(sql`foresight_uuidv7()`),
    /** Null for a `model` alert. */
    storeId: text("store_id"),
    itemId: text("item_id"),
    date: date("date").notNull(),
    kind: text("kind", { enum: ALERT_KINDS }).notNull(),
    severity: text("severity", { enum: SEVERITIES }).notNull(),
    reason: text("reason").notNull(),
    evidence: jsonb("evidence").$type<Record<string, unknown>>().notNull().default({}),
    /** Money at stake in the tenant's currency, where it can be estimated (margin lost, stock unaccounted for, revenue mispriced). */
    value: numeric("value", { precision: 12, scale: 2, mode: "number" }),
    status: text("status", { enum: ALERT_STATUSES }).notNull().default("open"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    unique("alerts_day_kind_key").on(t.tenantId, t.storeId, t.itemId, t.date, t.kind).nullsNotDistinct(),
    index("alerts_created_idx").on(t.tenantId, t.createdAt, t.id),
    ...storeItemRefs(t, "alerts"),
  ],
);

/** One row per tenant; a tenant without one gets DEFAULT_RULES (models/anomaly). */
export const alertRules = pgTable("alert_rules", {
  tenantId: tenantId().primaryKey(),
  zThreshold: doublePrecision("z_threshold").notNull(),
  bandMargin: doublePrecision("band_margin").notNull(),
  priceRatio: doublePrecision("price_ratio").notNull(),
  /** Days of history the robust z-score looks back over. */
  historyDays: integer("history_days").notNull(),
  /** Items whose anomalies are not raised. */
  mutedItems: jsonb("muted_items").$type<string[]>().notNull().default([]),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

export type Alert = typeof alerts.$inferSelect;
export type NewAlert = typeof alerts.$inferInsert;
export type AlertRules = typeof alertRules.$inferSelect;
export type NewAlertRules = typeof alertRules.$inferInsert;
