import "server-only";
import type { Database } from "@/server/db/database";
import { startScheduler } from "./scheduler";
import { startWorker } from "./worker";

const running = new WeakSet<Database>();

/**
 * On the embedded database the web process is the only one that may open it, so it runs the
 * queue's worker and scheduler itself (one worker, to leave PGlite's single transaction slot to requests). On
 * PostgreSQL the workers are `npm run worker` processes, and this does nothing. The worker stops
 * before its database closes, so it never polls a closed one.
 */
export function ensureInProcessWorker(database: Database): void {
  if (database.driver !== "pglite" || running.has(database)) return;
  running.add(database);
  const worker = startWorker(database, {
    onEvent: ({ type, job, error }) => {
      if (type === "retry" || type === "dead") console.error(`${job.name} job ${job.id} of tenant ${job.tenantId}: ${type} after attempt ${job.attempts}: ${error}`);
    },
  });
  const scheduler = startScheduler(database);
  const close = database.close;
  database.close = async () => {
    await scheduler.stop();
    await worker.stop();
    await close();
  };
}
