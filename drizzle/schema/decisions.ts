import { sql } from "drizzle-orm";
import { date, doublePrecision, foreignKey, index, integer, jsonb, numeric, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants, users } from "./platform";
import { items, storeItemRefs, stores } from "./retail";

/** Inventory decisions: the tenant's replenishment settings, the action center, draft orders and forecast overrides. */

const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" });
const money = (name: string) => numeric(name, { precision: 12, scale: 2, mode: "number" });

export const SERVICE_MEASURES = ["cycle_service_level", "fill_rate"] as const;
export const UNMET_DEMAND = ["lost_sales", "backorders"] as const;
export const POLICY_KINDS = ["periodic_review", "continuous_review"] as const;

/** One row per tenant; a tenant without one gets the defaults in server/services/inventory/settings.ts. */
export const inventorySettings = pgTable("inventory_settings", {
  tenantId: tenantId().primaryKey(),
  serviceLevel: doublePrecision("service_level").notNull().default(0.95),
  serviceMeasure: text("service_measure", { enum: SERVICE_MEASURES }).notNull().default("cycle_service_level"),
  unmetDemand: text("unmet_demand", { enum: UNMET_DEMAND }).notNull().default("lost_sales"),
  policy: text("policy", { enum: POLICY_KINDS }).notNull().default("periodic_review"),
  reviewPeriodDays: integer("review_period_days").notNull().default(7),
  transferCostPerUnit: money("transfer_cost_per_unit").notNull().default(0.5),
  transferFixedCost: money("transfer_fixed_cost").notNull().default(25),
  /** Days a rushed delivery of an open order takes, and what rushing costs per unit (expedite actions). */
  expediteLeadTimeDays: integer("expedite_lead_time_days").notNull().default(2),
  expediteCostPerUnit: money("expedite_cost_per_unit").notNull().default(1),
  /** Fitted lead-time demand calibration (models/inventory/lead-time-demand.ts); null → the default. */
  calibration: jsonb("calibration").$type<{ correlation: number; varianceScale: number; meanScale: number; seriesCorrelation?: number }>(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Service-level targets that differ from the tenant's for one category. */
export const categoryServiceLevels = pgTable(
  "category_service_levels",
  {
    tenantId: tenantId(),
    category: text("category").notNull(),
    serviceLevel: doublePrecision("service_level").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.category] })],
);

export const ACTION_TYPES = ["reorder", "transfer", "expedite", "investigate", "price_change"] as const;
export type ActionType = (typeof ACTION_TYPES)[number];
/** Types the action center recomputes from the inventory plan; the others (price changes from what-if scenarios) are created by people and stay until decided. */
export const COMPUTED_ACTION_TYPES = ["reorder", "transfer", "expedite", "investigate"] as const satisfies readonly ActionType[];
export const ACTION_STATUSES = ["open", "accepted", "dismissed", "snoozed"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/**
 * The action center's list. Open actions are recomputed when their basis (production model and
 * latest stock count) changes; decided ones stay as the record of what was decided on that basis,
 * so the same action is not offered again.
 */
export const actions = pgTable(
  "actions",
  {
    tenantId: tenantId(),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    type: text("type", { enum: ACTION_TYPES }).notNull(),
    /** Identifies "the same action" across recomputations: type, stores and item. */
    key: text("key").notNull(),
    /** What it was computed from: production model version and stock count date. */
    basis: text("basis").notNull(),
    storeId: text("store_id").notNull(),
    itemId: text("item_id").notNull(),
    /** Receiving store of a transfer. */
    toStoreId: text("to_store_id"),
    quantity: integer("quantity").notNull(),
    /** Expected value in the tenant's currency. */
    value: money("value").notNull(),
    dueDate: date("due_date").notNull(),
    title: text("title").notNull(),
    evidence: jsonb("evidence").$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ACTION_STATUSES }).notNull().default("open"),
    snoozedUntil: date("snoozed_until"),
    decidedBy: uuid("decided_by").references(() => users.id, { onDelete: "set null" }),
    decidedAt: timestamp("decided_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("actions_status_value_idx").on(t.tenantId, t.status, t.value),
    index("actions_key_idx").on(t.tenantId, t.key),
    ...storeItemRefs(t, "actions"),
    foreignKey({ name: "actions_to_store_fk", columns: [t.tenantId, t.toStoreId], foreignColumns: [stores.tenantId, stores.id] }),
  ],
);

/**
 * When a tenant's actions were last recomputed and from what (model, stock counts, drafts,
 * overrides, settings): the action center recomputes only when that stamp changes.
 */
export const actionRefreshes = pgTable("action_refreshes", {
  tenantId: tenantId().primaryKey(),
  stamp: text("stamp").notNull(),
  refreshedAt: timestamp("refreshed_at", { withTimezone: true }).notNull().defaultNow(),
  /**
   * The stock risks of the inventory plan this refresh computed (`{ risk: null }` without a
   * model), kept so reports need not compute the plan again; null for a refresh made before it was kept.
   */
  stockRisk: jsonb("stock_risk").$type<{ risk: unknown }>(),
});

/** Draft purchase order lines written when a reorder is accepted; exported as CSV. */
export const purchaseOrderLines = pgTable(
  "purchase_order_lines",
  {
    tenantId: tenantId(),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    actionId: uuid("action_id").notNull(),
    storeId: text("store_id").notNull(),
    itemId: text("item_id").notNull(),
    quantity: integer("quantity").notNull(),
    orderDate: date("order_date").notNull(),
    unitCost: money("unit_cost").notNull(),
    status: text("status", { enum: ["draft"] }).notNull().default("draft"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: "purchase_order_lines_action_fk", columns: [t.tenantId, t.actionId], foreignColumns: [actions.tenantId, actions.id] }),
    ...storeItemRefs(t, "purchase_order_lines"),
  ],
);

export const OVERRIDE_MODES = ["scale", "units"] as const;

/**
 * An analyst's change to the forecast of one item (or a whole category) at one store (or all) over
 * a period: `scale` multiplies the model's daily forecast, `units` replaces its daily P50.
 */
export const forecastOverrides = pgTable(
  "forecast_overrides",
  {
    tenantId: tenantId(),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    storeId: text("store_id"),
    itemId: text("item_id"),
    category: text("category"),
    fromDate: date("from_date").notNull(),
    toDate: date("to_date").notNull(),
    mode: text("mode", { enum: OVERRIDE_MODES }).notNull(),
    value: doublePrecision("value").notNull(),
    reason: text("reason").notNull(),
    /** The production model whose forecast was overridden, for forecast value added. */
    modelVersionId: uuid("model_version_id"),
    createdBy: uuid("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    foreignKey({ name: "forecast_overrides_store_fk", columns: [t.tenantId, t.storeId], foreignColumns: [stores.tenantId, stores.id] }),
    foreignKey({ name: "forecast_overrides_item_fk", columns: [t.tenantId, t.itemId], foreignColumns: [items.tenantId, items.id] }),
  ],
);

export type InventorySettings = typeof inventorySettings.$inferSelect;
export type NewInventorySettings = typeof inventorySettings.$inferInsert;
export type CategoryServiceLevel = typeof categoryServiceLevels.$inferSelect;
export type NewCategoryServiceLevel = typeof categoryServiceLevels.$inferInsert;
export type Action = typeof actions.$inferSelect;
export type NewAction = typeof actions.$inferInsert;
export type ActionRefresh = typeof actionRefreshes.$inferSelect;
export type NewActionRefresh = typeof actionRefreshes.$inferInsert;
export type PurchaseOrderLine = typeof purchaseOrderLines.$inferSelect;
export type NewPurchaseOrderLine = typeof purchaseOrderLines.$inferInsert;
export type ForecastOverride = typeof forecastOverrides.$inferSelect;
export type NewForecastOverride = typeof forecastOverrides.$inferInsert;
