import "server-only";
import { and, asc, eq, gt, max } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/server/validation/text";
import { forecasts, sales } from "@/drizzle/schema";
import { addDaysIso } from "@/models/data";
import type { Tx } from "@/server/db/database";
import { getItem } from "@/server/services/catalog/list-items";
import { getStore } from "@/server/services/catalog/list-stores";
import { getProductionModel } from "@/server/services/models/registry";
import { POINT_SOURCES, pointForecast } from "./point-forecast";

export const seriesForecastSchema = z.object({
  storeId: text({ min: 1, max: 64, required: "storeId is required" }),
  itemId: text({ min: 1, max: 64, required: "itemId is required" }),
  historyDays: z.number().int().min(7).max(730).default(120).describe("days of sales history to return before the forecast"),
});
export type SeriesForecastInput = z.input<typeof seriesForecastSchema>;

/** The REST query of `GET /api/v1/forecasts?store=&item=`: the same fields, named as the other REST endpoints name them. */
export const seriesForecastQuerySchema = z.object({
  store: seriesForecastSchema.shape.storeId.describe("Store id"),
  item: seriesForecastSchema.shape.itemId.describe("Item id"),
  historyDays: seriesForecastSchema.shape.historyDays,
});


/**
 * One store × item: recent sales and the production model's forecast (the mean as the point
 * forecast, P10–P90 as the band, P50 as the median), with the model's backtest metrics next to
 * the baselines'. Unknown (or other tenants') ids are NOT_FOUND.
 */
export async function getSeriesForecast(tx: Tx, input: SeriesForecastInput) {
  const { storeId, itemId, historyDays } = seriesForecastSchema.parse(input);
  const [store, item] = await Promise.all([getStore(tx, storeId), getItem(tx, itemId)]);
  const [last] = await tx.select({ date: max(sales.date) }).from(sales).where(and(eq(sales.storeId, storeId), eq(sales.itemId, itemId)));
  const history = last?.date
    ? await tx
        .select({ date: sales.date, units: sales.units, price: sales.price, promo: sales.promo })
        .from(sales)
        .where(and(eq(sales.storeId, storeId), eq(sales.itemId, itemId), gt(sales.date, addDaysIso(last.date, -historyDays))))
        .orderBy(asc(sales.date))
    : [];
  const model = await getProductionModel(tx);
  const stored = model
    ? await tx
        .select({ date: forecasts.date, p10: forecasts.p10, p50: forecasts.p50, p90: forecasts.p90, mean: forecasts.mean })
        .from(forecasts)
        .where(and(eq(forecasts.modelVersionId, model.id), eq(forecasts.storeId, storeId), eq(forecasts.itemId, itemId)))
        .orderBy(asc(forecasts.date))
    : [];
  const forecast = stored.map((day) => ({ ...day, point: pointForecast(day).value }));
  // A version stores the mean for every row or for none, so the first row names the whole forecast's point.
  const source = stored[0] ? pointForecast(stored[0]).source : null;
  return {
    store: { id: store.id, name: store.name },
    item: { id: item.id, name: item.name, category: item.category },
    model: model ? { id: model.id, version: model.version, trainedTo: model.trainedTo, horizon: model.horizon, metrics: model.metrics } : null,
    history,
    point: source && { source, label: POINT_SOURCES[source] },
    forecast,
  };
}
