/**
 * Job-queue throughput: JOBS real, cheap jobs (a drift check of a tenant without a production
 * model: a claim, a payload check, one short tenant transaction, a completion) queued up front,
 * then drained by 1 and by 2 workers (`startWorker`, in this process, as the web process runs
 * them on PGlite and `npm run worker -- --concurrency 2` on PostgreSQL), RUNS times each, on
 * PGlite (in memory) and, when DATABASE_URL is set, on PostgreSQL as the app's login role.
 * Reports jobs per second from the first claim to the last completion, and the enqueue rate.
 * Run: `DATABASE_URL=… npx tsx --conditions=react-server bench/jobs-throughput.ts [jobs]`. Prints
 * the README table and writes bench/results/jobs-throughput.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { SYSTEM_REQUESTER } from "../server/jobs/definitions";
import { enqueueJob } from "../server/jobs/queue";
import { startWorker } from "../server/jobs/worker";
import { createFixtureTenant } from "../tests/helpers/fixtures";
import { createTestDatabase, testDrivers } from "../tests/helpers/test-database";
import type { Driver, TestDatabase } from "../tests/helpers/test-database";
import { formatSpread, spread } from "./stats";
import type { Spread } from "./stats";

const JOBS = Number(process.argv[2] ?? 300);
const RUNS = 3;
const WORKER_COUNTS = [1, 2] as const;
const here = path.dirname(fileURLToPath(import.meta.url));

/** Queues the jobs, then drains them with `workers` workers; jobs per second of the drain and of the enqueue. */
async function oneRun(database: TestDatabase, tenantId: string, workers: number): Promise<{ drainPerSecond: number; enqueuePerSecond: number; failed: number }> {
  const queuedAt = performance.now();
  for (let i = 0; i < JOBS; i++) await enqueueJob(database, { name: "drift_check", tenantId, payload: { requestedBy: SYSTEM_REQUESTER, marginPct: 25 } });
  const enqueueSeconds = (performance.now() - queuedAt) / 1000;
  let done = 0;
  let failed = 0;
  let firstClaim = 0;
  let finish!: () => void;
  const drained = new Promise<void>((resolve) => (finish = resolve));
  const started = Array.from({ length: workers }, (_, w) =>
    startWorker(database, {
      id: `bench-${w}`,
      pollMs: 20,
      onEvent: ({ type }) => {
        if (type === "claimed" && firstClaim === 0) firstClaim = performance.now();
        if (type === "succeeded" || type === "dead" || type === "retry") {
          if (type !== "succeeded") failed++;
          if (++done === JOBS) finish();
        }
      },
    }),
  );
  await drained;
  const seconds = (performance.now() - firstClaim) / 1000;
  await Promise.all(started.map((w) => w.stop()));
  return { drainPerSecond: JOBS / seconds, enqueuePerSecond: JOBS / enqueueSeconds, failed };
}

type Row = { driver: Driver; workers: number; jobsPerSecond: Spread; enqueuePerSecond: Spread };

async function main() {
  // The machine is shared: the load average says how much of the two cores the runs had.
  const loadBefore = loadavg()[0]!;
  const rows: Row[] = [];
  for (const driver of testDrivers()) {
    const database = await createTestDatabase(driver);
    try {
      const tenant = await createFixtureTenant(database, `bench-${driver}`);
      // Warm-up: the first statements compile plans and open pool connections.
      await oneRun(database, tenant.id, 1);
      for (const workers of WORKER_COUNTS) {
        const runs = [];
        for (let r = 0; r < RUNS; r++) {
          const run = await oneRun(database, tenant.id, workers);
          if (run.failed > 0) throw new Error(`${run.failed} jobs failed on ${driver}`);
          runs.push(run);
        }
        rows.push({ driver, workers, jobsPerSecond: spread(runs.map((r) => r.drainPerSecond)), enqueuePerSecond: spread(runs.map((r) => r.enqueuePerSecond)) });
      }
    } finally {
      await database.close();
    }
  }
  const out = { jobs: JOBS, runs: RUNS, job: "drift_check of a tenant without a production model", cpus: cpus().length, loadAverage1m: { before: loadBefore, after: loadavg()[0]! }, node: process.version, measuredAt: new Date().toISOString(), rows };
  mkdirSync(path.join(here, "results"), { recursive: true });
  writeFileSync(path.join(here, "results", "jobs-throughput.json"), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`| database | workers | jobs/s, median (min–max of ${RUNS}) | enqueue/s |`);
  console.log("| --- | ---: | ---: | ---: |");
  for (const r of rows) console.log(`| ${r.driver === "pglite" ? "PGlite (in memory)" : "PostgreSQL"} | ${r.workers} | ${formatSpread(r.jobsPerSecond)} | ${formatSpread(r.enqueuePerSecond)} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
