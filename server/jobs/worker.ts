import "server-only";
import { hostname } from "node:os";
import { ZodError } from "zod";
import type { Job } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import { env } from "@/server/env";
import type { ErrorKind } from "@/server/errors/app-error";
import { JOB_DEFINITIONS, parseJobPayload } from "./definitions";
import { claimJob, completeJob, failJob, renewLease } from "./queue";

const FINAL_KINDS = new Set<ErrorKind>(["payment_required", "forbidden"]);

export type WorkerOptions = {
  id?: string;
  /** How long a claimed job stays ours without a renewal (default JOB_LEASE_MS, 60 s); renewed every third of it. */
  leaseMs?: number;
  /** Idle wait between claims. PGlite runs one transaction at a time, so keep it modest there. */
  pollMs?: number;
  onEvent?: (event: { type: "claimed" | "succeeded" | "retry" | "dead"; job: Job; error?: string }) => void;
};

export type Worker = { id: string; stop: () => Promise<void> };

/**
 * Runs jobs one at a time until stopped: claim, validate the payload, run its handler while
 * renewing the lease, then record success or a failed attempt (retried with backoff, or dead).
 * Any number of workers, in any process, may run against one PostgreSQL database.
 */
export function startWorker(database: Database, options: WorkerOptions = {}): Worker {
  const id = options.id ?? `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;
  const leaseMs = options.leaseMs ?? env.JOB_LEASE_MS;
  const pollMs = options.pollMs ?? (database.driver === "pglite" ? 2_000 : 1_000);
  let stopping = false;
  let wake: (() => void) | undefined;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const runOne = async (job: Job) => {
    options.onEvent?.({ type: "claimed", job });
    const renewal = setInterval(() => {
      renewLease(database, job, id, leaseMs).catch((error: unknown) => console.error(`job ${job.id}: lease not renewed`, error));
    }, leaseMs / 3);
    renewal.unref();
    try {
      const payload = parseJobPayload(job);
      const result = await JOB_DEFINITIONS[job.name].run(database, job.tenantId, payload);
      await completeJob(database, job, id, result);
      options.onEvent?.({ type: "succeeded", job });
    } catch (error) {
      // A malformed payload stays malformed, and a plan limit or a missing right stays so until someone acts: no retry.
      const invalid = error instanceof ZodError || (error instanceof AppError && FINAL_KINDS.has(error.kind));
      const message = error instanceof ZodError ? `invalid payload: ${error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}` : error instanceof Error ? error.message : String(error);
      const status = await failJob(database, job, id, message, { retry: !invalid });
      options.onEvent?.({ type: status === "dead" ? "dead" : "retry", job, error: message });
    } finally {
      clearInterval(renewal);
    }
  };

  const loop = (async () => {
    while (!stopping) {
      try {
        const job = await claimJob(database, id, leaseMs);
        if (job) await runOne(job);
        else await sleep(pollMs);
      } catch (error) {
        console.error(`worker ${id}:`, error);
        await sleep(pollMs);
      }
    }
  })();

  return {
    id,
    stop: async () => {
      stopping = true;
      wake?.();
      await loop;
    },
  };
}
