import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { z } from "zod";
import { forecasts, items } from "@/drizzle/schema";
import { aggregateDays, DEFAULT_SERIES_CORRELATION } from "@/models/inventory";
import type { DailyQuantiles } from "@/models/inventory";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import { getItem, listCategories } from "@/server/services/catalog/list-items";
import { getStore } from "@/server/services/catalog/list-stores";
import { getInventorySettings } from "@/server/services/inventory/settings";
import { getProductionModel } from "@/server/services/models/registry";
import { text } from "@/server/validation/text";
import { POINT_SOURCES, pointForecast } from "./point-forecast";

export const aggregateForecastSchema = z.object({
  storeId: text({ min: 1, max: 64 }).optional().describe("only this store's items; every store when absent"),
  category: text({ min: 1, max: 120 }).optional().describe("only this category's items; every category when absent"),
  itemId: text({ min: 1, max: 64 }).optional().describe("only this item (across stores, or at storeId); every item when absent"),
});
export type AggregateForecastInput = z.input<typeof aggregateForecastSchema>;

/** The REST query of `GET /api/v1/forecasts/aggregate?store=&category=`. */
export const aggregateForecastQuerySchema = z.object({ store: aggregateForecastSchema.shape.storeId, category: aggregateForecastSchema.shape.category });

/**
 * The production model's forecast of a store's, a category's, an item's (or several of these, or
 * the whole tenant's) total units per day: the mean is the sum of the item × store means, the P10–P90 band that of the
 * total (`aggregateDays`, with the tenant's fitted between-series correlation). Unknown stores or
 * categories are NOT_FOUND; no production model → no days.
 */
export async function getAggregateForecast(tx: Tx, input: AggregateForecastInput) {
  const { storeId, category, itemId } = aggregateForecastSchema.parse(input);
  if (storeId) await getStore(tx, storeId);
  if (itemId) await getItem(tx, itemId);
  if (category && !(await listCategories(tx)).includes(category)) throw new AppError("not_found:category", `Category ${category} not found.`);
  const [model, settings] = await Promise.all([getProductionModel(tx), getInventorySettings(tx)]);
  const seriesCorrelation = settings.calibration.seriesCorrelation ?? DEFAULT_SERIES_CORRELATION;
  const scope = { storeId: storeId ?? null, category: category ?? null, ...(itemId ? { itemId } : {}) };
  if (!model) return { scope, model: null, point: null, series: 0, seriesCorrelation, days: [] };
  const rows = await tx
    .select({ storeId: forecasts.storeId, itemId: forecasts.itemId, date: forecasts.date, p10: forecasts.p10, p50: forecasts.p50, p90: forecasts.p90, mean: forecasts.mean })
    .from(forecasts)
    .innerJoin(items, and(eq(items.tenantId, forecasts.tenantId), eq(items.id, forecasts.itemId)))
    .where(and(eq(forecasts.modelVersionId, model.id), storeId ? eq(forecasts.storeId, storeId) : undefined, itemId ? eq(forecasts.itemId, itemId) : undefined, category ? eq(items.category, category) : undefined))
    .orderBy(asc(forecasts.storeId), asc(forecasts.itemId), asc(forecasts.date));
  const bySeries = new Map<string, DailyQuantiles[]>();
  const dates: string[] = [];
  for (const r of rows) {
    const key = `${r.storeId}\u0000${r.itemId}`;
    const days = bySeries.get(key) ?? [];
    // Each item's point forecast is what adds up: the mean, or P50 for a version without one.
    days.push({ p10: r.p10, p50: r.p50, p90: r.p90, mean: pointForecast(r).value });
    bySeries.set(key, days);
    if (days.length > dates.length) dates.push(r.date);
  }
  const source = rows[0] ? pointForecast(rows[0]).source : null;
  const totals = aggregateDays([...bySeries.values()], seriesCorrelation);
  return {
    scope,
    model: { id: model.id, version: model.version, trainedTo: model.trainedTo },
    point: source && { source, label: POINT_SOURCES[source] },
    series: bySeries.size,
    seriesCorrelation,
    days: totals.map((t, j) => ({ date: dates[j]!, point: t.mean, p10: t.p10, p90: t.p90 })),
  };
}
