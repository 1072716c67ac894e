import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { tenants } from "./platform";

/** Kinds of background work the queue runs; each has a zod payload schema in server/jobs/definitions.ts. */
export const JOB_NAMES = ["retrain", "report"] as const;
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
  ],
);

export type Job = typeof jobs.$inferSelect;
export type NewJob = typeof jobs.$inferInsert;
