import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { usageRecords } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { currentTenantId } from "@/server/db/tenant-context";
import { MONTHLY_METRICS } from "./plans";
import type { MonthlyMetric } from "./plans";

/** The first day (UTC) of the month `at` falls in: the period usage is counted and billed by. */
export function usagePeriod(at: Date): string {
  return `${at.getUTCFullYear()}-${String(at.getUTCMonth() + 1).padStart(2, "0")}-01`;
}

/** The first instant of the month after `period`, when monthly quotas start again. */
export function nextPeriodStart(period: string): Date {
  const [year, month] = period.split("-").map(Number) as [number, number];
  return new Date(Date.UTC(year, month, 1));
}

export const usageUnitSchema = z.object({
  metric: z.enum(MONTHLY_METRICS),
  /** Names the unit of work (a run id, a report id, a chat message id): recorded once, counted once. */
  unitKey: z.string().min(1).max(200),
  quantity: z.int().min(1).default(1),
  at: z.date().optional(),
});
export type UsageUnit = z.input<typeof usageUnitSchema>;

/**
 * Records one unit of work for the current tenant. Returns false when that unit was already
 * recorded (a retry, a replay): the count does not change.
 */
export async function recordUsage(tx: Tx, tenantId: string, unit: UsageUnit): Promise<boolean> {
  const { metric, unitKey, quantity, at } = usageUnitSchema.parse(unit);
  const inserted = await tx
    .insert(usageRecords)
    .values({ tenantId, metric, unitKey, quantity, period: usagePeriod(at ?? new Date()) })
    .onConflictDoNothing()
    .returning({ unitKey: usageRecords.unitKey });
  return inserted.length === 1;
}

/** Whether this unit of work has been recorded already. */
export async function isRecorded(tx: Tx, metric: MonthlyMetric, unitKey: string): Promise<boolean> {
  const rows = await tx
    .select({ unitKey: usageRecords.unitKey })
    .from(usageRecords)
    .where(and(eq(usageRecords.tenantId, currentTenantId), eq(usageRecords.metric, metric), eq(usageRecords.unitKey, unitKey)))
    .limit(1);
  return rows.length === 1;
}

/** The current tenant's total of each metric in `period`; metrics with no use are 0. */
export async function usageForPeriod(tx: Tx, period: string): Promise<Record<MonthlyMetric, number>> {
  const rows = await tx
    .select({ metric: usageRecords.metric, total: sql<number>`coalesce(sum(${usageRecords.quantity}), 0)::int` })
    .from(usageRecords)
    .where(and(eq(usageRecords.tenantId, currentTenantId), eq(usageRecords.period, period)))
    .groupBy(usageRecords.metric);
  const totals = Object.fromEntries(MONTHLY_METRICS.map((m) => [m, 0])) as Record<MonthlyMetric, number>;
  for (const row of rows) if (row.metric in totals) totals[row.metric as MonthlyMetric] = Number(row.total);
  return totals;
}

/** The current tenant's total of each metric per day of `period`, for the billing page's chart. */
export async function dailyUsage(tx: Tx, period: string): Promise<{ day: string; metric: MonthlyMetric; total: number }[]> {
  const day = sql<string>`to_char(${usageRecords.recordedAt} at time zone 'UTC', 'YYYY-MM-DD')`;
  const rows = await tx
    .select({ day, metric: usageRecords.metric, total: sql<number>`sum(${usageRecords.quantity})::int` })
    .from(usageRecords)
    .where(and(eq(usageRecords.tenantId, currentTenantId), eq(usageRecords.period, period)))
    .groupBy(day, usageRecords.metric)
    .orderBy(day);
  return rows.map((r) => ({ day: r.day, metric: r.metric as MonthlyMetric, total: Number(r.total) }));
}
