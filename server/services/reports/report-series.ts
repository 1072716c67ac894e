import "server-only";
import { and, asc, eq, gt, max, sql } from "drizzle-orm";
import { forecasts, items, sales } from "@/drizzle/schema";
import { addDaysIso } from "@/models/data";
import type { Tx } from "@/server/db/database";
import { getAggregateForecast } from "@/server/services/forecasting/aggregate-forecast";
import { POINT_SOURCES, pointForecast } from "@/server/services/forecasting/point-forecast";
import type { PointSource } from "@/server/services/forecasting/point-forecast";

/** Which series are summed: any of store, item and category (none given: the whole tenant). */
export type ForecastScope = { storeId?: string; itemId?: string; category?: string };

export type ReportForecastDay = { date: string; point: number; p10: number; p90: number };

/**
 * For a report's chart and table: daily sales summed over every series in `scope` (one grouped
 * query, never a row per sale in memory) and the production forecast. One item at one store is
 * its stored forecast as is; anything wider is `getAggregateForecast`'s, the one the Forecasts page
 * and `GET /api/v1/forecasts/aggregate` show: the sum of the series' point forecasts with the band
 * of the total (quantiles do not add, so summing the series' P10 and P90 would overstate it).
 */
export async function reportSeries(tx: Tx, scope: ForecastScope, modelVersionId: string | null, historyDays: number) {
  const where = and(scope.storeId ? eq(sales.storeId, scope.storeId) : undefined, scope.itemId ? eq(sales.itemId, scope.itemId) : undefined, scope.category ? eq(items.category, scope.category) : undefined);
  const joinSales = and(eq(items.tenantId, sales.tenantId), eq(items.id, sales.itemId));
  const [last] = await tx.select({ date: max(sales.date) }).from(sales).innerJoin(items, joinSales).where(where);
  const history = last?.date
    ? await tx
        .select({ date: sales.date, units: sql<number>`sum(${sales.units})::float8`.mapWith(Number) })
        .from(sales)
        .innerJoin(items, joinSales)
        .where(and(where, gt(sales.date, addDaysIso(last.date, -historyDays))))
        .groupBy(sales.date)
        .orderBy(asc(sales.date))
    : [];
  const single = Boolean(scope.storeId && scope.itemId);
  const forecast: { days: ReportForecastDay[]; source: PointSource | null } = !modelVersionId
    ? { days: [], source: null }
    : single
      ? await seriesDays(tx, modelVersionId, scope.storeId!, scope.itemId!)
      : await getAggregateForecast(tx, scope).then((a) => ({ days: a.days, source: a.point?.source ?? null }));
  return { history, forecast: forecast.days, point: forecast.source && { source: forecast.source, label: POINT_SOURCES[forecast.source] }, band: single ? ("series" as const) : ("total" as const) };
}
export type ReportSeries = Awaited<ReturnType<typeof reportSeries>>;

async function seriesDays(tx: Tx, modelVersionId: string, storeId: string, itemId: string) {
  const rows = await tx
    .select({ date: forecasts.date, p10: forecasts.p10, p50: forecasts.p50, p90: forecasts.p90, mean: forecasts.mean })
    .from(forecasts)
    .where(and(eq(forecasts.modelVersionId, modelVersionId), eq(forecasts.storeId, storeId), eq(forecasts.itemId, itemId)))
    .orderBy(asc(forecasts.date));
  return { days: rows.map((r) => ({ date: r.date, point: pointForecast(r).value, p10: r.p10, p90: r.p90 })), source: rows[0] ? pointForecast(rows[0]).source : null };
}
