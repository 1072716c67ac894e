import { sql } from "drizzle-orm";
import { bigint, date, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./platform";
import { storeItemRefs } from "./retail";

const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" });

/** The eight sources a tenant imports (DESIGN.md); `catalog` fills `items`. */
export const IMPORT_SOURCES = ["stores", "catalog", "sales", "price_history", "discounts_history", "markdowns", "online", "inventory"] as const;
export type ImportSource = (typeof IMPORT_SOURCES)[number];

/** `validate` stores nothing but the report; `all_or_nothing` imports only a file without errors; `valid_rows` skips rejected rows. */
export const IMPORT_MODES = ["validate", "all_or_nothing", "valid_rows"] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

export const IMPORT_STATUSES = ["validated", "imported", "rejected", "failed"] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

/** One rejected row of an import: where, and why. `line` is the file's line (the header is line 1). */
export type ImportRejection = { line: number; column: string | null; value: string | null; reason: string };

/** What the import detected or was told about the file. */
export type ImportFormat = {
  delimiter: string;
  encoding: string;
  bom: boolean;
  dateFormat: string | null;
  /** File column → field it was read as. */
  mapping: Record<string, string>;
  /** File columns the source does not know; kept in each row's `extra`. */
  extraColumns: string[];
};

/** Every CSV import (and dry run) with its counts and rejected rows: the Data page's history. */
export const imports = pgTable(
  "imports",
  {
    tenantId: tenantId(),
    id: uuid("id").notNull().default(sql`foresight_uuidv7()`),
    source: text("source", { enum: IMPORT_SOURCES }).notNull(),
    fileName: text("file_name"),
    mode: text("mode", { enum: IMPORT_MODES }).notNull(),
    status: text("status", { enum: IMPORT_STATUSES }).notNull(),
    bytes: bigint("bytes", { mode: "number" }).notNull().default(0),
    rowsRead: integer("rows_read").notNull().default(0),
    rowsRejected: integer("rows_rejected").notNull().default(0),
    rowsInserted: integer("rows_inserted").notNull().default(0),
    rowsUpdated: integer("rows_updated").notNull().default(0),
    rowsUnchanged: integer("rows_unchanged").notNull().default(0),
    /** The first rejected rows (up to the service's cap), in file order; `rowsRejected` counts them all. */
    rejections: jsonb("rejections").$type<ImportRejection[]>().notNull().default([]),
    format: jsonb("format").$type<ImportFormat | null>(),
    /** Why a whole file was refused (no header, wrong delimiter, missing columns), when it was. */
    error: text("error"),
    durationMs: integer("duration_ms").notNull().default(0),
    createdBy: uuid("created_by"),
    apiKeyId: uuid("api_key_id"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] }), index("imports_started_idx").on(t.tenantId, t.startedAt)],
);

/**
 * Sale events received by `POST /api/v1/ingest/sales`, one row per event id: a batch sent twice
 * finds its events here and adds nothing to `sales` the second time.
 */
export const ingestEvents = pgTable(
  "ingest_events",
  {
    tenantId: tenantId(),
    eventId: text("event_id").notNull(),
    date: date("date").notNull(),
    storeId: text("store_id").notNull(),
    itemId: text("item_id").notNull(),
    units: integer("units").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.eventId] }), ...storeItemRefs(t, "ingest_events")],
);

export type Import = typeof imports.$inferSelect;
export type NewImport = typeof imports.$inferInsert;
export type IngestEvent = typeof ingestEvents.$inferSelect;
export type NewIngestEvent = typeof ingestEvents.$inferInsert;
