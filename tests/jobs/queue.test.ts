import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { experimentRuns, jobs } from "@/drizzle/schema";
import type { Job } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withQueueRole, withTenant } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { createTrainingRun } from "@/server/services/forecasting/training-runs";
import { enqueueRetrain } from "@/server/jobs/enqueue";
import { claimJob, completeJob, enqueueJob, failJob, getJob, listTenantJobs, retryDelayMs } from "@/server/jobs/queue";
import { startWorker } from "@/server/jobs/worker";
import { expectDbError } from "../helpers/expect-db-error";
import { createFixtureTenant } from "../helpers/fixtures";
import { createTestDatabase, testDrivers } from "../helpers/test-database";

const FAST = { horizon: 7, folds: 1, trees: 10 };
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(database: Database, id: string, done: (job: Job) => boolean): Promise<Job> {
  for (;;) {
    const job = await getJob(database, id);
    if (job && done(job)) return job;
    await sleep(200);
  }
}

describe("retry backoff", () => {
  it("doubles from 5 s and stops at 10 minutes", () => {
    expect([1, 2, 3, 4].map(retryDelayMs)).toEqual([5_000, 10_000, 20_000, 40_000]);
    expect(retryDelayMs(20)).toBe(600_000);
  });
});

describe.each(testDrivers())("job queue on %s", (driver) => {
  let database: Database;
  let tenantId: string;
  let actor: Actor;

  beforeAll(async () => {
    database = await createTestDatabase(driver);
    const t = await createFixtureTenant(database, "jobs");
    tenantId = t.id;
    actor = { tenantId: t.id, userId: t.users.admin.id, role: "admin" };
  });
  afterAll(() => database.close());

  const report = (payload: Record<string, unknown> = {}, singletonKey?: string) => enqueueJob(database, { name: "report", tenantId, payload, singletonKey, maxAttempts: 2 });

  it("refuses a second active job of the same singleton key with a 409", async () => {
    await report({}, "only-one");
    const refused = await report({}, "only-one").catch((e: unknown) => e);
    expect(refused instanceof AppError && refused.code === "conflict:job_active" && refused.status === 409).toBe(true);
  });

  it("concurrent claimers never take the same job", async () => {
    const queued = await Promise.all(Array.from({ length: 8 }, () => report()));
    const claimed: string[] = [];
    await Promise.all(
      ["w1", "w2", "w3"].map(async (worker) => {
        for (let job = await claimJob(database, worker, 60_000); job; job = await claimJob(database, worker, 60_000)) claimed.push(job.id);
      }),
    );
    expect(new Set(claimed).size).toBe(claimed.length);
    for (const job of queued) expect(claimed).toContain(job.id);
  });

  it("a failed attempt is retried after a backoff, and the last one is dead with every error kept", async () => {
    const job = await report();
    let claimed = await claimUntil(job.id, "a");
    expect(await failJob(database, claimed, "a", "first failure")).toBe("queued");
    const retry = (await getJob(database, job.id))!;
    expect(retry.status).toBe("queued");
    expect(retry.runAt.getTime()).toBeGreaterThan(Date.now() + 1_000);
    await withQueueDue(job.id);
    claimed = await claimUntil(job.id, "b");
    expect(claimed.attempts).toBe(2);
    expect(await failJob(database, claimed, "b", "second failure")).toBe("dead");
    const dead = (await getJob(database, job.id))!;
    expect(dead.status).toBe("dead");
    expect(dead.lastError).toContain("attempt 1: first failure");
    expect(dead.lastError).toContain("attempt 2: second failure");
  });

  it("a job whose worker stopped renewing its lease is taken over, and the old worker can no longer finish it", async () => {
    const job = await report();
    const first = await claimUntil(job.id, "dies", 1);
    await sleep(20);
    const second = await claimUntil(job.id, "survivor");
    expect(second.attempts).toBe(2);
    expect(second.lastError).toContain("lease expired");
    await completeJob(database, first, "dies", { by: "dies" });
    expect((await getJob(database, job.id))!.status).toBe("running");
    await completeJob(database, second, "survivor", { by: "survivor" });
    expect((await getJob(database, job.id))!.result).toEqual({ by: "survivor" });
  });

  it("a worker marks a job with a malformed payload dead at once, naming the bad field", async () => {
    const job = await report({ request: { kind: "forecast", params: { store: "" } } });
    const worker = startWorker(database, { pollMs: 50 });
    try {
      const dead = await waitFor(database, job.id, (j) => j.status === "dead");
      expect(dead.attempts).toBe(1);
      expect(dead.lastError).toMatch(/invalid payload: requestedBy/);
    } finally {
      await worker.stop();
    }
  });

  it("a retrain job runs the tenant's training in its context; each failed attempt retries with a new run, then the job is dead", async () => {
    // The fixture tenant has two days of sales: training refuses, which exercises retries end to end.
    const run = await withTenant(database, tenantId, (tx) => createTrainingRun(tx, actor, FAST));
    const job = await enqueueRetrain(database, actor, { runId: run.id, params: FAST });
    const worker = startWorker(database, { pollMs: 50 });
    try {
      const done = await waitFor(database, job.id, (j) => j.status === "succeeded" || j.status === "dead");
      expect(done.status).toBe("dead");
      expect(done.attempts).toBe(3);
      expect(done.lastError?.match(/attempt \d: 2 days of history are too few/g)).toHaveLength(3);
      const runs = await withTenant(database, tenantId, (tx) => tx.select().from(experimentRuns));
      expect(runs.filter((r) => r.status === "failed")).toHaveLength(3);
      expect((await listTenantJobs(database, tenantId)).map((j) => j.id)).toContain(job.id);
    } finally {
      await worker.stop();
    }
  }, 120_000);

  it("the tenant role cannot read or write the queue", async () => {
    await expectDbError(withTenant(database, tenantId, (tx) => tx.select().from(jobs)), /permission denied/);
  });

  /** Claims until this test's job comes up (other tests' jobs may be due too and are finished out of the way). */
  async function claimUntil(id: string, worker: string, leaseMs = 60_000): Promise<Job> {
    for (;;) {
      const job = await claimJob(database, worker, leaseMs);
      if (!job) throw new Error(`job ${id} was not claimable`);
      if (job.id === id) return job;
      await completeJob(database, job, worker, {});
    }
  }

  /** Makes a job that waits for its backoff due now, as the clock would. */
  async function withQueueDue(id: string) {
    await withQueueRole(database, (tx) => tx.update(jobs).set({ runAt: sql`now()` }).where(sql`${jobs.id} = ${id}`));
  }
});
