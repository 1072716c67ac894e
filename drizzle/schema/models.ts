import { sql } from "drizzle-orm";
import { date, doublePrecision, foreignKey, index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { bytea } from "./columns";
import { tenants } from "./platform";
import { storeItemRefs } from "./retail";

const tenantId = () =>
  uuid("tenant_id")
    .notNull()
    .references(() => tenants.id, { onDelete: "cascade" });

export const MODEL_STATUSES = ["staging", "production", "archived"] as const;
export type ModelStatus = (typeof MODEL_STATUSES)[number];

/** Artifacts by content hash: ONNX files (what serves) and tree dumps with node covers (what TreeSHAP explains). */
export const modelArtifacts = pgTable(
  "model_artifacts",
  {
    tenantId: tenantId(),
    sha256: text("sha256").notNull(),
    bytes: bytea("bytes").notNull(),
    sizeBytes: integer("size_bytes").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.sha256] })],
);

export type ModelMetrics = Record<string, { mae: number; rmse: number; wape: number; bias: number; rmsse: number; coverage80: number; pinball: number }>;

export const modelVersions = pgTable(
  "model_versions",
  {
    tenantId: tenantId(),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    version: integer("version").notNull(),
    algorithm: text("algorithm").notNull(),
    params: jsonb("params").$type<Record<string, unknown>>().notNull(),
    features: jsonb("features").$type<string[]>().notNull(),
    trainedFrom: date("trained_from").notNull(),
    trainedTo: date("trained_to").notNull(),
    horizon: integer("horizon").notNull(),
    /** Backtest metrics of this model and every baseline, keyed by forecaster name. */
    metrics: jsonb("metrics").$type<ModelMetrics>().notNull(),
    /** Artifact hash per quantile, e.g. { p10, p50, p90 }. */
    artifacts: jsonb("artifacts").$type<Record<string, string>>().notNull(),
    /** Hash per quantile of the same trees as JSON with node covers (`serializeModel`), for exact TreeSHAP on what is served; {} for versions registered before trees were kept. */
    treeArtifacts: jsonb("tree_artifacts").$type<Record<string, string>>().notNull().default({}),
    status: text("status", { enum: MODEL_STATUSES }).notNull().default("staging"),
    trainSeconds: doublePrecision("train_seconds").notNull(),
    createdBy: uuid("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    promotedAt: timestamp("promoted_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    uniqueIndex("model_versions_version_key").on(t.tenantId, t.version),
    // At most one production model per tenant, enforced by the database.
    uniqueIndex("model_versions_one_production").on(t.tenantId).where(sql`${t.status} = 'production'`),
  ],
);

export const RUN_STATUSES = ["queued", "running", "succeeded", "failed"] as const;
/** Statuses of a run that still holds its tenant's one training slot. */
export const ACTIVE_RUN_STATUSES = ["queued", "running"] as const;

export const experimentRuns = pgTable(
  "experiment_runs",
  {
    tenantId: tenantId(),
    id: uuid("id").notNull().default(sql`gen_random_uuid()`),
    kind: text("kind", { enum: ["train", "backtest"] }).notNull(),
    status: text("status", { enum: RUN_STATUSES }).notNull().default("queued"),
    progress: doublePrecision("progress").notNull().default(0),
    message: text("message"),
    params: jsonb("params").$type<Record<string, unknown>>().notNull().default({}),
    modelVersionId: uuid("model_version_id"),
    createdBy: uuid("created_by"),
    startedAt: timestamp("started_at", { withTimezone: true }).notNull().defaultNow(),
    /** Written every few seconds by the process executing the run; a stale one means that process died. */
    heartbeatAt: timestamp("heartbeat_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.id] }),
    index("experiment_runs_started_idx").on(t.tenantId, t.startedAt),
    // One active run per tenant, enforced by the database across every process.
    uniqueIndex("experiment_runs_one_active").on(t.tenantId).where(sql`${t.status} in ('queued', 'running')`),
    foreignKey({ name: "experiment_runs_model_fk", columns: [t.tenantId, t.modelVersionId], foreignColumns: [modelVersions.tenantId, modelVersions.id] }),
  ],
);

/**
 * Each model version's forecasts from the end of its training history: P10/P50/P90 and the mean
 * per store, item and day. Stored per version, so promoting or rolling back changes what users see at once.
 */
export const forecasts = pgTable(
  "forecasts",
  {
    tenantId: tenantId(),
    modelVersionId: uuid("model_version_id").notNull(),
    storeId: text("store_id").notNull(),
    itemId: text("item_id").notNull(),
    date: date("date").notNull(),
    p10: doublePrecision("p10").notNull(),
    p50: doublePrecision("p50").notNull(),
    p90: doublePrecision("p90").notNull(),
    /** Expected units, the point forecast; null for versions trained before the mean model (P50 stands in, labelled so). */
    mean: doublePrecision("mean"),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.modelVersionId, t.storeId, t.itemId, t.date] }),
    foreignKey({ name: "forecasts_model_fk", columns: [t.tenantId, t.modelVersionId], foreignColumns: [modelVersions.tenantId, modelVersions.id] }).onDelete("cascade"),
    ...storeItemRefs(t, "forecasts"),
  ],
);

export type Forecast = typeof forecasts.$inferSelect;
export type NewForecast = typeof forecasts.$inferInsert;
export type ModelArtifact = typeof modelArtifacts.$inferSelect;
export type NewModelArtifact = typeof modelArtifacts.$inferInsert;
export type ModelVersion = typeof modelVersions.$inferSelect;
/** A model_versions row to insert (the registry's `NewModelVersion` is a version with its ONNX bytes). */
export type NewModelVersionRow = typeof modelVersions.$inferInsert;
export type ExperimentRun = typeof experimentRuns.$inferSelect;
export type NewExperimentRun = typeof experimentRuns.$inferInsert;
