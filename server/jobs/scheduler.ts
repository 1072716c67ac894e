import "server-only";
import { and, eq, gte } from "drizzle-orm";
import { jobSchedules, jobs, tenants } from "@/drizzle/schema";
import type { Job, JobName } from "@/drizzle/schema";
import type { Database } from "@/server/db/database";
import { withQueueRole } from "@/server/db/tenant-context";
import { env } from "@/server/env";
import { driftCheckPayloadSchema, reforecastPayloadSchema, retrainPayloadSchema, SYSTEM_REQUESTER } from "./definitions";
import { dueSlot } from "./due";
import type { Slot } from "./due";
import { enqueueOnce, retrainSingletonKey } from "./queue";
import type { ScheduleSettings } from "./schedules";
import { toSettings } from "./schedules";

export type DueJob = { name: Extract<JobName, "retrain" | "reforecast" | "drift_check">; slot: Slot };

/** The scheduled jobs whose latest slot has come (and came after the schedule was saved): pure. */
export function dueJobs(schedule: ScheduleSettings, timeZone: string, now: Date, savedAt: Date): DueJob[] {
  const due: DueJob[] = [];
  const { retrain, reforecast, drift } = schedule;
  const push = (name: DueJob["name"], slot: Slot | null) => slot && due.push({ name, slot });
  if (retrain.frequency !== "off") {
    const rule = retrain.frequency === "daily" ? { frequency: "daily" as const } : retrain.frequency === "weekly" ? { frequency: "weekly" as const, weekday: retrain.weekday } : { frequency: "monthly" as const, dayOfMonth: retrain.dayOfMonth };
    push("retrain", dueSlot(rule, retrain.hour, now, timeZone, savedAt));
  }
  if (reforecast.daily) push("reforecast", dueSlot({ frequency: "daily" }, reforecast.hour, now, timeZone, savedAt));
  if (drift.enabled) push("drift_check", dueSlot({ frequency: "daily" }, drift.hour, now, timeZone, savedAt));
  return due;
}

/** Each job's period key: the unique index on it is what makes a period's job exactly one. */
export const dedupeKey = (name: DueJob["name"], tenantId: string, slot: Slot) => `${name}:${tenantId}:${slot.period}`;

/**
 * One scheduler tick: reads every tenant's schedule (as the queue role, through its read-only
 * policy) and queues each due job with its period's dedupe key. Any number of processes may tick
 * at once: the unique index lets one insert per period win and the others insert nothing. A
 * scheduled retrain is skipped for a period in which the tenant already had a retrain queued
 * (by hand or on drift), and waits while one is active (the singleton key). Returns the jobs queued.
 */
export async function scheduleDueJobs(database: Database, now: Date = new Date()): Promise<Job[]> {
  const schedules = await withQueueRole(database, (tx) =>
    tx.select({ schedule: jobSchedules, timeZone: tenants.timezone }).from(jobSchedules).innerJoin(tenants, eq(tenants.id, jobSchedules.tenantId)),
  );
  const queued: Job[] = [];
  for (const { schedule, timeZone } of schedules) {
    const tenantId = schedule.tenantId;
    for (const { name, slot } of dueJobs(toSettings(schedule), timeZone, now, schedule.updatedAt)) {
      if (name === "retrain" && (await retrainQueuedSince(database, tenantId, slot.at))) continue;
      const payload =
        name === "retrain"
          ? retrainPayloadSchema.parse({ requestedBy: SYSTEM_REQUESTER, params: {}, reason: "schedule" })
          : name === "reforecast"
            ? reforecastPayloadSchema.parse({ requestedBy: SYSTEM_REQUESTER })
            : driftCheckPayloadSchema.parse({ requestedBy: SYSTEM_REQUESTER, marginPct: schedule.driftMarginPct });
      const job = await enqueueOnce(database, {
        name,
        tenantId,
        payload,
        singletonKey: name === "retrain" ? retrainSingletonKey(tenantId) : `${name}:${tenantId}`,
        dedupeKey: dedupeKey(name, tenantId, slot),
      });
      if (job) queued.push(job);
    }
  }
  return queued;
}

async function retrainQueuedSince(database: Database, tenantId: string, since: Date): Promise<boolean> {
  const [row] = await withQueueRole(database, (tx) =>
    tx.select({ id: jobs.id }).from(jobs).where(and(eq(jobs.tenantId, tenantId), eq(jobs.name, "retrain"), gte(jobs.createdAt, since))).limit(1),
  );
  return row !== undefined;
}

export type Scheduler = { stop: () => Promise<void> };

/**
 * Ticks `scheduleDueJobs` every `tickMs` (SCHEDULER_TICK_MS, 60 s) until stopped. Every worker
 * process runs one (the web process on the embedded database, each `npm run worker`); running
 * several is safe, as each period's job is queued once.
 */
export function startScheduler(database: Database, options: { tickMs?: number; onQueued?: (job: Job) => void } = {}): Scheduler {
  const tickMs = options.tickMs ?? env.SCHEDULER_TICK_MS;
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<void> = Promise.resolve();
  const tick = () => {
    current = scheduleDueJobs(database)
      .then((queued) => queued.forEach((job) => options.onQueued?.(job)))
      .catch((error: unknown) => console.error("scheduler tick failed:", error))
      .finally(() => {
        if (!stopping) timer = setTimeout(tick, tickMs);
      });
  };
  tick();
  return {
    stop: async () => {
      stopping = true;
      clearTimeout(timer);
      await current;
    },
  };
}
