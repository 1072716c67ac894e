import { spawn } from "node:child_process";
import type { ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Job } from "@/drizzle/schema";
import { SYSTEM_REQUESTER } from "@/server/jobs/definitions";
import { startRetrain } from "@/server/jobs/enqueue";
import { enqueueJob, getJob } from "@/server/jobs/queue";
import { seedDemoTenants } from "@/server/services/demo-data/seed-demo";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";
import { createFixtureTenant } from "../helpers/fixtures";
import { createTestDatabase } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";

const JOBS = 40;
const LEASE_MS = 3_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

type WorkerProcess = { child: ChildProcess; lines: string[]; exited: Promise<NodeJS.Signals | number | null> };

/** `npm run worker` as its own process group (npx → tsx → node), on the test's database, with a short lease. */
function spawnWorker(url: string): WorkerProcess {
  const child = spawn("npx", ["tsx", "--conditions=react-server", "scripts/worker.ts"], {
    cwd: process.cwd(),
    env: { ...process.env, DATABASE_URL: url, MIGRATION_DATABASE_URL: undefined, JOB_LEASE_MS: String(LEASE_MS), DEMO_MODE: "false" },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const lines: string[] = [];
  let partial = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    const text = partial + chunk.toString();
    const parts = text.split("\n");
    partial = parts.pop()!;
    lines.push(...parts);
  });
  child.stderr!.on("data", (chunk: Buffer) => lines.push(...chunk.toString().split("\n").filter(Boolean).map((l) => `stderr: ${l}`)));
  const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on("exit", (code, signal) => resolve(signal ?? code)));
  return { child, lines, exited };
}

const kill = (w: WorkerProcess, signal: NodeJS.Signals) => {
  try {
    process.kill(-w.child.pid!, signal);
  } catch {
    // Already gone.
  }
};

async function until<T>(what: string, timeoutMs: number, probe: () => Promise<T | undefined> | T | undefined): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(200);
  }
}

const claimsOf = (w: WorkerProcess) => w.lines.filter((l) => l.startsWith("claimed ")).map((l) => l.split(" ")[3]!);

describe.skipIf(!process.env.DATABASE_URL)("two worker processes on one PostgreSQL database", () => {
  let database: TestDatabase;
  let workers: WorkerProcess[] = [];
  let seededTenantId: string;

  beforeAll(async () => {
    database = await createTestDatabase("postgres");
    // The demo seed only writes into a database without tenants, so it goes first.
    const configs = (await loadTenantConfigs()).filter((c) => c.slug === "northwind-fashion");
    seededTenantId = (await seedDemoTenants(database.owner, { scale: { stores: 3, items: 5, days: 300 }, configs })).tenants[0]!.tenantId;
    workers = [spawnWorker(database.ownerUrl!), spawnWorker(database.ownerUrl!)];
    await until("both workers to start", 60_000, () => (workers.every((w) => w.lines.some((l) => l.includes("running:"))) ? true : undefined));
  }, 120_000);

  afterAll(async () => {
    for (const w of workers) kill(w, "SIGKILL");
    await Promise.all(workers.map((w) => w.exited));
    await database?.close();
  });

  it("run many short jobs, each exactly once, between them", async () => {
    const tenant = await createFixtureTenant(database, "mp");
    // A real, cheap job: a drift check of a tenant without a production model answers at once.
    const queued = await Promise.all(Array.from({ length: JOBS }, () => enqueueJob(database, { name: "drift_check", tenantId: tenant.id, payload: { requestedBy: SYSTEM_REQUESTER, marginPct: 25 } })));
    const done = await until("every job to finish", 60_000, async () => {
      const rows = await Promise.all(queued.map((j) => getJob(database, j.id)));
      return rows.every((r) => r?.status === "succeeded") ? (rows as Job[]) : undefined;
    });
    for (const job of done) {
      expect(job.attempts).toBe(1);
      expect(job.result).toMatchObject({ status: "no_model" });
    }
    const claims = workers.flatMap(claimsOf);
    expect(claims.length).toBe(JOBS);
    expect(new Set(claims).size).toBe(JOBS);
    // Each job was finished by the worker process that claimed it.
    for (const w of workers) {
      const id = w.lines.find((l) => l.includes("running:"))!.split("running: ")[1]!.trim();
      for (const jobId of claimsOf(w)) expect(done.find((j) => j.id === jobId)!.lockedBy).toBe(id);
    }
    console.log(`jobs per worker: ${workers.map((w) => claimsOf(w).length).join(" / ")}`);
  }, 90_000);

  it("a worker SIGKILLed in the middle of a retrain has it retried by the other once the lease runs out", async () => {
    const actor = { tenantId: seededTenantId, role: "admin" as const };
    const { job } = await startRetrain(database, actor, { horizon: 7, folds: 2, trees: 80 });
    const victim = await until("a worker to claim the retrain", 30_000, () => workers.find((w) => claimsOf(w).includes(job.id)));
    const survivor = workers.find((w) => w !== victim)!;
    kill(victim, "SIGKILL");
    expect(await victim.exited).toBe("SIGKILL");
    const finished = await until("the retrain to finish on the other worker", 100_000, async () => {
      const row = await getJob(database, job.id);
      return row && (row.status === "succeeded" || row.status === "dead") ? row : undefined;
    });
    expect(finished.status, finished.lastError ?? "").toBe("succeeded");
    expect(finished.attempts).toBe(2);
    expect(finished.lastError).toContain("its worker stopped (lease expired)");
    expect(claimsOf(survivor)).toContain(job.id);
    expect(finished.result).toMatchObject({ reason: "manual" });
  }, 150_000);
});
