import "server-only";
import type { Database } from "@/server/db/database";
import { startWorker } from "./worker";
import type { Worker } from "./worker";

const globalForWorker = globalThis as unknown as { foresightInProcessWorker?: Worker };

/**
 * On the embedded database the web process is the only one that may open it, so it runs the
 * queue's worker itself (one, to leave PGlite's single transaction slot to requests). On
 * PostgreSQL the workers are `npm run worker` processes, and this does nothing.
 */
export function ensureInProcessWorker(database: Database): void {
  if (database.driver !== "pglite" || globalForWorker.foresightInProcessWorker) return;
  globalForWorker.foresightInProcessWorker = startWorker(database, {
    onEvent: ({ type, job, error }) => {
      if (type === "retry" || type === "dead") console.error(`${job.name} job ${job.id} of tenant ${job.tenantId}: ${type} after attempt ${job.attempts}: ${error}`);
    },
  });
}
