import "server-only";
import { z } from "zod";
import { jobSchedules, RETRAIN_FREQUENCIES } from "@/drizzle/schema";
import type { JobSchedule } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { roleAtLeast } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";

const hour = (what: string) => z.number({ error: `${what} must be a whole hour from 0 to 23` }).int(`${what} must be a whole hour from 0 to 23`).min(0, `${what} must be a whole hour from 0 to 23`).max(23, `${what} must be a whole hour from 0 to 23`);

/** A tenant's schedule as admins edit it; hours are in the tenant's time zone. */
export const scheduleSettingsSchema = z.object({
  retrain: z.object({
    frequency: z.enum(RETRAIN_FREQUENCIES, "retrain.frequency must be off, daily, weekly or monthly").describe("how often the model retrains on its own"),
    hour: hour("retrain.hour").describe("local hour the scheduled retrain is queued"),
    weekday: z.number().int().min(0, "retrain.weekday is 0 (Sunday) to 6 (Saturday)").max(6, "retrain.weekday is 0 (Sunday) to 6 (Saturday)").describe("weekly retrains: 0 = Sunday … 6 = Saturday"),
    dayOfMonth: z.number().int().min(1, "retrain.dayOfMonth is 1 to 28").max(28, "retrain.dayOfMonth is 1 to 28, so every month has it").describe("monthly retrains: day of the month"),
  }),
  reforecast: z.object({ daily: z.boolean().describe("re-forecast from the latest sales every day"), hour: hour("reforecast.hour") }),
  drift: z.object({
    enabled: z.boolean().describe("check live accuracy daily and retrain when it drifts"),
    marginPct: z.number().gt(0, "drift.marginPct must be above 0").max(500, "drift.marginPct is at most 500").describe("retrain when the rolling 28-day RMSSE is worse than the backtest's by more than this many percent"),
    hour: hour("drift.hour"),
  }),
});
export type ScheduleSettings = z.infer<typeof scheduleSettingsSchema>;

/** Nothing scheduled: what a tenant without a row has. */
export const DEFAULT_SCHEDULE: ScheduleSettings = {
  retrain: { frequency: "off", hour: 2, weekday: 1, dayOfMonth: 1 },
  reforecast: { daily: false, hour: 5 },
  drift: { enabled: false, marginPct: 25, hour: 6 },
};

export function toSettings(row: JobSchedule): ScheduleSettings {
  return {
    retrain: { frequency: row.retrainFrequency, hour: row.retrainHour, weekday: row.retrainWeekday, dayOfMonth: row.retrainDayOfMonth },
    reforecast: { daily: row.reforecastDaily, hour: row.reforecastHour },
    drift: { enabled: row.driftRetrain, marginPct: row.driftMarginPct, hour: row.driftHour },
  };
}

/** The tenant's schedule (RLS scopes the read), or the defaults when none was saved. */
export async function getScheduleSettings(tx: Tx): Promise<ScheduleSettings & { updatedAt: Date | null }> {
  const [row] = await tx.select().from(jobSchedules);
  return row ? { ...toSettings(row), updatedAt: row.updatedAt } : { ...DEFAULT_SCHEDULE, updatedAt: null };
}

/** Saves the schedule (admins); slots before now are not due, so saving never fires a past slot. Audited with the new values. */
export async function updateScheduleSettings(tx: Tx, actor: Actor, input: ScheduleSettings): Promise<ScheduleSettings & { updatedAt: Date | null }> {
  if (!roleAtLeast(actor.role, "admin")) throw new AppError("forbidden:role", "Only admins change the model schedule.");
  const s = scheduleSettingsSchema.parse(input);
  const values = {
    retrainFrequency: s.retrain.frequency,
    retrainHour: s.retrain.hour,
    retrainWeekday: s.retrain.weekday,
    retrainDayOfMonth: s.retrain.dayOfMonth,
    reforecastDaily: s.reforecast.daily,
    reforecastHour: s.reforecast.hour,
    driftRetrain: s.drift.enabled,
    driftMarginPct: s.drift.marginPct,
    driftHour: s.drift.hour,
    updatedBy: actor.userId ?? null,
    updatedAt: new Date(),
  };
  const [row] = await tx
    .insert(jobSchedules)
    .values({ tenantId: actor.tenantId, ...values })
    .onConflictDoUpdate({ target: jobSchedules.tenantId, set: values })
    .returning();
  await recordAudit(tx, actor, { action: "models.schedule_updated", targetType: "job_schedule", targetId: actor.tenantId, details: s });
  return { ...toSettings(row!), updatedAt: row!.updatedAt };
}
