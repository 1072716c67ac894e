import { sql } from "drizzle-orm";
import { foreignKey, index, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { modelVersions } from "./models";
import { tenants } from "./platform";

/**
 * Saved what-if scenarios: the definition (items × stores, dates, the price/discount/promotion
 * change; validated by `scenarioDefinitionSchema`) and its last evaluation, with the model version
 * it was computed against so a scenario older than the production model shows it and can be
 * re-evaluated. Names are unique per tenant.
 */
export const scenarios = pgTable(
  "scenarios",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().default(sql`foresight_uuidv7()`),
    name: text("name").notNull(),
    definition: jsonb("definition").$type<Record<string, unknown>>().notNull(),
    result: jsonb("result").$type<Record<string, unknown>>().notNull(),
    modelVersionId: uuid("model_version_id").notNull(),
    // No foreign keys on the requester: the record stays as it was when a user or key goes.
    createdByUserId: uuid("created_by_user_id"),
    createdByApiKeyId: uuid("created_by_api_key_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    evaluatedAt: timestamp("evaluated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("scenarios_name_idx").on(t.tenantId, t.name),
    index("scenarios_created_idx").on(t.tenantId, t.createdAt),
    foreignKey({ name: "scenarios_model_fk", columns: [t.tenantId, t.modelVersionId], foreignColumns: [modelVersions.tenantId, modelVersions.id] }),
  ],
);

export type Scenario = typeof scenarios.$inferSelect;
export type NewScenario = typeof scenarios.$inferInsert;
