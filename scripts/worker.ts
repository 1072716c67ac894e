/**
 * `npm run worker`: runs job-queue workers as their own process against PostgreSQL. Start any
 * number, on any machine; FOR UPDATE SKIP LOCKED keeps them from running the same job, and each
 * process's scheduler queues due scheduled work (once per period, however many run). The
 * embedded database allows one process per data directory, so there the web process runs them.
 */
import { parseArgs } from "node:util";
import { env } from "@/server/env";
import { openAppDatabase } from "@/server/db/open-from-env";
import { startScheduler } from "@/server/jobs/scheduler";
import { startWorker } from "@/server/jobs/worker";

async function main() {
  const { values } = parseArgs({ options: { concurrency: { type: "string", default: "1" } } });
  const concurrency = Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 16) throw new Error("--concurrency: a whole number of workers from 1 to 16");
  if (!env.DATABASE_URL) throw new Error("npm run worker needs DATABASE_URL (PostgreSQL): on the embedded database the web process (npm start) runs the workers itself.");
  const { database, mode } = await openAppDatabase();
  console.log(mode);
  const workers = Array.from({ length: concurrency }, () =>
    startWorker(database, {
      onEvent: ({ type, job, error }) => console.log(`${type} ${job.name} job ${job.id} (tenant ${job.tenantId}, attempt ${job.attempts})${error ? `: ${error}` : ""}`),
    }),
  );
  // One scheduler per process is enough; any number of processes each running one queue each period's job once.
  const scheduler = startScheduler(database, { onQueued: (job) => console.log(`scheduled ${job.name} job ${job.id} (tenant ${job.tenantId}, ${job.dedupeKey})`) });
  console.log(`✓ ${workers.length} worker(s) and the scheduler running: ${workers.map((w) => w.id).join(", ")}`);
  for (const signal of ["SIGINT", "SIGTERM"] as const)
    process.once(signal, () => {
      // A job cut off here is retried by another worker once its lease runs out.
      void Promise.race([Promise.all([scheduler.stop(), ...workers.map((w) => w.stop())]), new Promise((r) => setTimeout(r, 5_000))]).then(async () => {
        await database.close();
        process.exit(0);
      });
    });
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
