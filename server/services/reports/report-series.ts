import "server-only";
import { and, asc, eq, gt, max, sql } from "drizzle-orm";
import { forecasts, items, sales } from "@/drizzle/schema";
import { addDaysIso } from "@/models/data";
import type { Tx } from "@/server/db/database";

/** Which series are summed: any of store, item and category (none given: the whole tenant). */
export type ForecastScope = { storeId?: string; itemId?: string; category?: string };

/**
 * For a report's chart and table: daily sales and the production forecast summed over every series in `scope`, in SQL (one
 * grouped query each, never a row per sale in memory). The band is the sum of the series' P10
 * and P90, which is wider than the total's own 80% interval (quantiles do not add).
 */
export async function aggregateForecast(tx: Tx, scope: ForecastScope, modelVersionId: string | null, historyDays: number) {
  const where = (t: typeof sales | typeof forecasts) =>
    and(scope.storeId ? eq(t.storeId, scope.storeId) : undefined, scope.itemId ? eq(t.itemId, scope.itemId) : undefined, scope.category ? eq(items.category, scope.category) : undefined);
  const joinSales = and(eq(items.tenantId, sales.tenantId), eq(items.id, sales.itemId));
  const [last] = await tx.select({ date: max(sales.date) }).from(sales).innerJoin(items, joinSales).where(where(sales));
  const history = last?.date
    ? await tx
        .select({ date: sales.date, units: sql<number>`sum(${sales.units})::float8`.mapWith(Number) })
        .from(sales)
        .innerJoin(items, joinSales)
        .where(and(where(sales), gt(sales.date, addDaysIso(last.date, -historyDays))))
        .groupBy(sales.date)
        .orderBy(asc(sales.date))
    : [];
  const forecast = modelVersionId
    ? await tx
        .select({
          date: forecasts.date,
          p10: sql<number>`sum(${forecasts.p10})::float8`.mapWith(Number),
          p50: sql<number>`sum(${forecasts.p50})::float8`.mapWith(Number),
          p90: sql<number>`sum(${forecasts.p90})::float8`.mapWith(Number),
        })
        .from(forecasts)
        .innerJoin(items, and(eq(items.tenantId, forecasts.tenantId), eq(items.id, forecasts.itemId)))
        .where(and(eq(forecasts.modelVersionId, modelVersionId), where(forecasts)))
        .groupBy(forecasts.date)
        .orderBy(asc(forecasts.date))
    : [];
  return { history, forecast };
}
