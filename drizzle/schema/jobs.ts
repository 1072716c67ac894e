import { sql } from "drizzle-orm";
import { boolean, check, doublePrecision, index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenants, users } from "./platform";

/** Kinds of background work the queue runs; each has a zod payload schema in server/jobs/definitions.ts. */
export const JOB_NAMES = ["retrain", "report", "reforecast", "drift_check"] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** queued → running → succeeded, or back to queued (retry with backoff), or dead after its last attempt. */
export const JOB_STATUSES = ["queued", "running", "succeeded", "dead"] as const;
export type JobStatus = (typeof JOB_STATUSES)[number];
export const ACTIVE_JOB_STATUSES = ["queued", "running"] as const satisfies readonly JobStatus[];

/**
 * The job queue. Not a tenant table (workers claim across tenants with FOR UPDATE SKIP LOCKED), so
 * it has no RLS; only the queue role may touch it, and every handler does its tenant work through
 * withTenant(job's tenant). A running job holds a lease (`locked_until`) its worker renews; a job
 * whose lease ran out (its worker died) is claimable again and counts as a failed attempt.
 */
export const jobs = pgTable(
  "jobs",
  {
    id: uuid("id")
      .primaryKey()
      .default(sql`foresight_uuidv7()`),
    name: text("name", { enum: JOB_NAMES }).notNull(),
    tenantId: uuid("tenant_id")
      .notNull()
      .references(() => tenants.id, { onDelete: "cascade" }),
    payload: jsonb("payload").notNull(),
    status: text("status", { enum: JOB_STATUSES }).notNull().default("queued"),
    /** At most one active job per key (e.g. one retrain per tenant). */
    singletonKey: text("singleton_key"),
    /** Set by the scheduler (`kind:tenant:slot`): a unique index lets one insert per period win, however many schedulers race. */
    dedupeKey: text("dedupe_key"),
    attempts: integer("attempts").notNull().default(0),
    maxAttempts: integer("max_attempts").notNull().default(3),
    runAt: timestamp("run_at", { withTimezone: true }).notNull().defaultNow(),
    lockedBy: text("locked_by"),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    startedAt: timestamp("started_at", { withTimezone: true }),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
    lastError: text("last_error"),
    result: jsonb("result").$type<Record<string, unknown>>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("jobs_claimable").on(t.runAt).where(sql`${t.status} in ('queued', 'running')`),
    index("jobs_tenant_history").on(t.tenantId, t.createdAt),
    uniqueIndex("jobs_one_active_per_key").on(t.singletonKey).where(sql`${t.status} in ('queued', 'running') and ${t.singletonKey} is not null`),
    uniqueIndex("jobs_dedupe_key").on(t.dedupeKey),
  ],
);

export const RETRAIN_FREQUENCIES = ["off", "daily", "weekly", "monthly"] as const;
export type RetrainFrequency = (typeof RETRAIN_FREQUENCIES)[number];

/**
 * A tenant's scheduled work, at whole hours of the tenant's time zone. No row: nothing is
 * scheduled. The scheduler reads every tenant's row as the queue role (a read-only policy).
 */
export const jobSchedules = pgTable(
  "job_schedules",
  {
    tenantId: uuid("tenant_id")
      .primaryKey()
      .references(() => tenants.id, { onDelete: "cascade" }),
    retrainFrequency: text("retrain_frequency", { enum: RETRAIN_FREQUENCIES }).notNull().default("off"),
    retrainHour: integer("retrain_hour").notNull().default(2),
    /** Weekly retrains: 0 = Sunday … 6 = Saturday. */
    retrainWeekday: integer("retrain_weekday").notNull().default(1),
    /** Monthly retrains: 1–28, so every month has the day. */
    retrainDayOfMonth: integer("retrain_day_of_month").notNull().default(1),
    reforecastDaily: boolean("reforecast_daily").notNull().default(false),
    reforecastHour: integer("reforecast_hour").notNull().default(5),
    driftRetrain: boolean("drift_retrain").notNull().default(false),
    /** Retrain when the rolling RMSSE exceeds the backtest RMSSE by more than this many percent. */
    driftMarginPct: doublePrecision("drift_margin_pct").notNull().default(25),
    driftHour: integer("drift_hour").notNull().default(6),
    updatedBy: uuid("updated_by").references(() => users.id, { onDelete: "set null" }),
    /** Slots before this moment are never due: saving a schedule does not fire today's past slot. */
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    check("job_schedules_hours", sql`${t.retrainHour} between 0 and 23 and ${t.reforecastHour} between 0 and 23 and ${t.driftHour} between 0 and 23`),
    check("job_schedules_days", sql`${t.retrainWeekday} between 0 and 6 and ${t.retrainDayOfMonth} between 1 and 28`),
    check("job_schedules_margin", sql`${t.driftMarginPct} > 0 and ${t.driftMarginPct} <= 500`),
  ],
);

export type Job = typeof jobs.$inferSelect;
export type NewJob = typeof jobs.$inferInsert;
export type JobSchedule = typeof jobSchedules.$inferSelect;
export type NewJobSchedule = typeof jobSchedules.$inferInsert;
