import { sql } from "drizzle-orm";
import { customType, doublePrecision, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { modelVersions } from "./models";
import { tenants } from "./platform";

const bytea = customType<{ data: Uint8Array; driverData: Uint8Array }>({ dataType: () => "bytea" });

export const REPORT_KINDS = ["forecast", "executive"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/**
 * Every generated PDF report: who asked (user or API key), when, with which parameters and model
 * version, and the file itself so it can be downloaded again unchanged. Append-only for the app
 * role; one row per generation, which is what billing meters.
 */
export const reports = pgTable(
  "reports",
  {
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    id: uuid("id").notNull().default(sql`foresight_uuidv7()`),
    kind: text("kind", { enum: REPORT_KINDS }).notNull(),
    params: jsonb("params").$type<Record<string, unknown>>().notNull(),
    modelVersionId: uuid("model_version_id"),
    // No foreign keys on the requester: the record stays as it was when a user or key goes.
    createdByUserId: uuid("created_by_user_id"),
    createdByApiKeyId: uuid("created_by_api_key_id"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    pages: integer("pages").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    renderMs: doublePrecision("render_ms").notNull(),
    bytes: bytea("bytes").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("reports_created_idx").on(t.tenantId, t.createdAt),
    foreignKey({ name: "reports_model_fk", columns: [t.tenantId, t.modelVersionId], foreignColumns: [modelVersions.tenantId, modelVersions.id] }),
  ],
);

export type Report = typeof reports.$inferSelect;
export type NewReport = typeof reports.$inferInsert;
