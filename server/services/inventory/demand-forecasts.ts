import "server-only";
import { asc, gte, sql } from "drizzle-orm";
import { forecastOverrides } from "@/drizzle/schema";
import type { ForecastOverride, ModelVersion } from "@/drizzle/schema";
import { addDaysIso } from "@/models/data";
import type { DailyQuantiles } from "@/models/inventory";
import type { Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { getProductionModel } from "@/server/services/models/registry";

/** One item × store's forecast from the first forecast day on, overrides applied. */
export type SeriesDemand = { storeId: string; itemId: string; days: DailyQuantiles[]; overridden: boolean };

export type DemandForecasts = {
  model: ModelVersion;
  /** First forecast day: "today" for every decision. */
  firstDate: string;
  series: Map<string, SeriesDemand>;
  /** Identifies the overrides in force, so decisions made before a change are recomputed. */
  overridesStamp: string;
};

export const seriesKey = (storeId: string, itemId: string) => `${storeId}\u0000${itemId}`;

/**
 * The production model's stored P10/P50/P90 and mean for every item × store (or one store, one item or a set of items), with
 * analysts' overrides applied day by day (the newest override of a day wins). Null before any
 * model is in production. Rows come packed one per series: PGlite hands rows over one at a time.
 */
export async function loadDemandForecasts(tx: Tx, filter: { storeId?: string; itemId?: string; itemIds?: readonly string[] }, categoryOf: (itemId: string) => string | undefined): Promise<DemandForecasts | null> {
  const model = await getProductionModel(tx);
  if (!model) return null;
  const firstDate = addDaysIso(model.trainedTo, 1);
  const store = filter.storeId ? sql`and store_id = ${filter.storeId}` : sql``;
  const item = filter.itemId ? sql`and item_id = ${filter.itemId}` : filter.itemIds ? sql`and item_id in (${sql.join(filter.itemIds.map((i) => sql`${i}`), sql`, `)})` : sql``;
  const packed = await executeRows<{ store_id: string; item_id: string; days: string }>(
    tx,
    // coalesce: concat_ws skips nulls, which would shift the fields of a version without a mean.
    sql`select store_id, item_id, string_agg(concat_ws(',', p10, p50, p90, coalesce(mean::text, '')), ';' order by date) as days
        from forecasts where model_version_id = ${model.id} ${store} ${item}
        group by store_id, item_id`,
  );
  const overrides = await tx.select().from(forecastOverrides).where(gte(forecastOverrides.toDate, firstDate)).orderBy(asc(forecastOverrides.createdAt));
  const series = new Map<string, SeriesDemand>();
  for (const row of packed) {
    const days = row.days.split(";").map((d) => {
      const [p10, p50, p90, mean] = d.split(",") as [string, string, string, string];
      return { p10: Number(p10), p50: Number(p50), p90: Number(p90), mean: mean === "" ? null : Number(mean) };
    });
    const category = categoryOf(row.item_id);
    const applying = overrides.filter((o) => (o.storeId === null || o.storeId === row.store_id) && (o.itemId === null || o.itemId === row.item_id) && (o.category === null || o.category === category));
    series.set(seriesKey(row.store_id, row.item_id), { storeId: row.store_id, itemId: row.item_id, days: applyOverrides(days, firstDate, applying), overridden: applying.length > 0 });
  }
  const newest = overrides.at(-1);
  return { model, firstDate, series, overridesStamp: newest ? `${overrides.length}:${newest.createdAt.toISOString()}` : "0" };
}

/**
 * `scale` multiplies the whole band and the mean; `units` moves the band so its P50 is the
 * analyst's number, keeping the model's relative spread and the mean's ratio to the median (a P50
 * of zero gets a Poisson-like band around the value, whose mean is the value).
 */
export function applyOverrides(days: DailyQuantiles[], firstDate: string, overrides: readonly Pick<ForecastOverride, "fromDate" | "toDate" | "mode" | "value">[]): DailyQuantiles[] {
  if (overrides.length === 0) return days;
  return days.map((day, j) => {
    const date = addDaysIso(firstDate, j);
    let out = day;
    for (const o of overrides) {
      if (date < o.fromDate || date > o.toDate) continue;
      const mean = day.mean ?? null;
      if (o.mode === "scale") out = { p10: day.p10 * o.value, p50: day.p50 * o.value, p90: day.p90 * o.value, mean: mean === null ? null : mean * o.value };
      else if (day.p50 > 0) out = { p10: (day.p10 * o.value) / day.p50, p50: o.value, p90: (day.p90 * o.value) / day.p50, mean: mean === null ? null : (mean * o.value) / day.p50 };
      else out = { p10: Math.max(0, o.value - 1.28 * Math.sqrt(o.value)), p50: o.value, p90: o.value + 1.28 * Math.sqrt(o.value), mean: mean === null ? null : o.value };
    }
    return out;
  });
}
