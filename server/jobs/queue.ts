import "server-only";
import { and, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { JOB_NAMES, jobs } from "@/drizzle/schema";
import type { Job, JobName } from "@/drizzle/schema";
import type { Database, Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { withQueueRole } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";

const ONE_ACTIVE_INDEX = "jobs_one_active_per_key";

export const enqueueSchema = z.object({
  name: z.enum(JOB_NAMES),
  tenantId: z.uuid("tenantId must be a UUID"),
  payload: z.record(z.string(), z.unknown()),
  singletonKey: z.string().min(1).max(200).optional(),
  dedupeKey: z.string().min(1).max(200).optional(),
  maxAttempts: z.number().int().min(1).max(10).default(3),
  runAt: z.date().optional(),
});
export type EnqueueInput = z.input<typeof enqueueSchema>;

/** One retrain per tenant at a time: its active job holds this singleton key. */
export const retrainSingletonKey = (tenantId: string) => `retrain:${tenantId}`;

/** First retry after 5 s, doubling per attempt, at most 10 minutes. */
export function retryDelayMs(attempt: number): number {
  return Math.min(5_000 * 2 ** Math.max(0, attempt - 1), 10 * 60_000);
}

function isSecondActiveJob(error: unknown): boolean {
  for (let e = error, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const { code } = e as { code?: unknown };
    if (code === "23505" && e.message.includes(ONE_ACTIVE_INDEX)) return true;
    if (code === "23505" && (e as { constraint_name?: unknown }).constraint_name === ONE_ACTIVE_INDEX) return true;
  }
  return false;
}

/**
 * Adds a job. With a singleton key, a second active job (queued or running) of the same key is
 * refused by a partial unique index, so two processes cannot both queue one.
 */
export async function enqueueJob(database: Database, input: EnqueueInput): Promise<Job> {
  const values = enqueueSchema.parse(input);
  try {
    const [job] = await withQueueRole(database, (tx) => tx.insert(jobs).values(values).returning());
    return job!;
  } catch (error) {
    if (isSecondActiveJob(error)) throw new AppError("conflict:job_active", `A ${values.name} job for this tenant is already queued or running; wait for it to finish.`);
    throw error;
  }
}

/**
 * Adds a job unless one with its dedupe key was ever added, or its singleton key is active: null
 * then. `ON CONFLICT DO NOTHING` without a target covers both unique indexes, so any number of
 * schedulers may race on one period and exactly one insert wins, with no error to handle.
 */
export async function enqueueOnce(database: Database, input: EnqueueInput & { dedupeKey: string }): Promise<Job | null> {
  const values = enqueueSchema.parse(input);
  const [job] = await withQueueRole(database, (tx) => tx.insert(jobs).values(values).onConflictDoNothing().returning());
  return job ?? null;
}

/** Why an attempt ended without its worker saying so: the worker stopped renewing the lease (killed, hung). */
const LEASE_LOST = sql`concat_ws('; ', ${jobs.lastError}, 'attempt ' || ${jobs.attempts} || ' by ' || ${jobs.lockedBy} || ': its worker stopped (lease expired)')`;

/**
 * Claims the next due job for `workerId` with FOR UPDATE SKIP LOCKED, so concurrent workers never
 * take the same one. A running job whose lease expired is claimable again (its attempt counts);
 * one that has used all its attempts is moved to dead first.
 */
export async function claimJob(database: Database, workerId: string, leaseMs: number, names: readonly JobName[] = JOB_NAMES): Promise<Job | null> {
  return withQueueRole(database, async (tx) => {
    await tx
      .update(jobs)
      .set({ status: "dead", finishedAt: sql`now()`, lockedUntil: null, lastError: LEASE_LOST })
      .where(and(eq(jobs.status, "running"), sql`${jobs.lockedUntil} < now()`, sql`${jobs.attempts} >= ${jobs.maxAttempts}`));
    const [row] = await executeRows<{ id: string }>(
      tx,
      sql`select id from jobs
           where ((status = 'queued' and run_at <= now()) or (status = 'running' and locked_until < now()))
             and name in (${sql.join(names.map((n) => sql`${n}`), sql`, `)})
           order by run_at limit 1 for update skip locked`,
    );
    if (!row) return null;
    const [job] = await tx
      .update(jobs)
      .set({
        status: "running",
        attempts: sql`${jobs.attempts} + 1`,
        lastError: sql`case when ${jobs.status} = 'running' then ${LEASE_LOST} else ${jobs.lastError} end`,
        lockedBy: workerId,
        lockedUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})`,
        startedAt: sql`now()`,
        finishedAt: null,
      })
      .where(eq(jobs.id, row.id))
      .returning();
    return job ?? null;
  });
}

/** Extends the lease of a job this worker still holds; false when it lost it (another worker took the job over). */
export async function renewLease(database: Database, job: Job, workerId: string, leaseMs: number): Promise<boolean> {
  const rows = await withQueueRole(database, (tx) =>
    tx
      .update(jobs)
      .set({ lockedUntil: sql`now() + make_interval(secs => ${leaseMs / 1000})` })
      .where(held(job, workerId))
      .returning({ id: jobs.id }),
  );
  return rows.length > 0;
}

const held = (job: Job, workerId: string) => and(eq(jobs.id, job.id), eq(jobs.status, "running"), eq(jobs.lockedBy, workerId), eq(jobs.attempts, job.attempts));

export async function completeJob(database: Database, job: Job, workerId: string, result: Record<string, unknown>): Promise<void> {
  await withQueueRole(database, (tx) => tx.update(jobs).set({ status: "succeeded", result, finishedAt: sql`now()`, lockedUntil: null }).where(held(job, workerId)));
}

/**
 * Records a failed attempt: queued again after `retryDelayMs`, or dead when it was the last
 * attempt or the failure cannot be cured by retrying (`retry: false`, e.g. an invalid payload).
 */
export async function failJob(database: Database, job: Job, workerId: string, message: string, options: { retry?: boolean } = {}): Promise<Job["status"]> {
  const last = options.retry === false || job.attempts >= job.maxAttempts;
  const lastError = sql`concat_ws('; ', ${jobs.lastError}, ${`attempt ${job.attempts}: ${message}`.slice(0, 2000)}::text)`;
  await withQueueRole(database, (tx) =>
    tx
      .update(jobs)
      .set(
        last
          ? { status: "dead", lastError, finishedAt: sql`now()`, lockedUntil: null }
          : { status: "queued", lastError, lockedUntil: null, runAt: sql`now() + make_interval(secs => ${retryDelayMs(job.attempts) / 1000})` },
      )
      .where(held(job, workerId)),
  );
  return last ? "dead" : "queued";
}

/** A tenant's jobs, newest first: the Models page's history. The queue role reads every tenant's jobs, so the filter here is the guard. */
export function listTenantJobs(database: Database, tenantId: string, limit = 30): Promise<Job[]> {
  const id = z.uuid().parse(tenantId);
  return withQueueRole(database, (tx: Tx) => tx.select().from(jobs).where(eq(jobs.tenantId, id)).orderBy(desc(jobs.createdAt)).limit(limit));
}

export async function getJob(database: Database, jobId: string): Promise<Job | undefined> {
  const [job] = await withQueueRole(database, (tx) => tx.select().from(jobs).where(eq(jobs.id, z.uuid().parse(jobId))));
  return job;
}
