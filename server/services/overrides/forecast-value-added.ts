import "server-only";
import { count, sql } from "drizzle-orm";
import { forecastOverrides } from "@/drizzle/schema";
import { dailyMoments } from "@/models/inventory";
import type { DailyQuantiles } from "@/models/inventory";
import type { Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { applyOverrides } from "@/server/services/inventory/demand-forecasts";

type Row = { override_id: string; user_name: string | null; category: string; date: string; mode: "scale" | "units"; value: number; p10: number; p50: number; p90: number; mean: number | null; units: number };

/** One scored day: what sold, the model's point forecast and the overridden one. */
export type ScoredDay = { overrideId: string; user: string; category: string; actual: number; model: number; override: number };

export type ValueAdded = { overrides: number; points: number; actual: number; maeModel: number; maeOverride: number; wapeModel: number | null; wapeOverride: number | null; valueAdded: number | null };

/** The point forecast decisions use: the mean model's, else Swanson's rule on the quantiles; uncalibrated. */
const point = (day: DailyQuantiles) => dailyMoments(day, { meanScale: 1, varianceScale: 1 }).mean;

/**
 * Errors of a group of scored days: MAE and WAPE (Σ|error| / Σ actual) of the model's and the
 * overridden point forecast, and FVA = 1 − MAE(override) / MAE(model) — above 0 the overrides
 * helped, below they hurt; null when the model made no error to improve on.
 */
export function valueAdded(days: readonly ScoredDay[]): ValueAdded {
  let actual = 0;
  let model = 0;
  let override = 0;
  for (const d of days) {
    actual += d.actual;
    model += Math.abs(d.model - d.actual);
    override += Math.abs(d.override - d.actual);
  }
  const n = days.length;
  return {
    overrides: new Set(days.map((d) => d.overrideId)).size,
    points: n,
    actual,
    maeModel: n ? model / n : 0,
    maeOverride: n ? override / n : 0,
    wapeModel: actual > 0 ? model / actual : null,
    wapeOverride: actual > 0 ? override / actual : null,
    valueAdded: model > 0 ? 1 - override / model : null,
  };
}

function grouped(days: readonly ScoredDay[], keyOf: (d: ScoredDay) => string) {
  const groups = new Map<string, ScoredDay[]>();
  for (const d of days) groups.set(keyOf(d), [...(groups.get(keyOf(d)) ?? []), d]);
  return [...groups].map(([key, list]) => ({ key, ...valueAdded(list) })).sort((a, b) => b.points - a.points || a.key.localeCompare(b.key));
}

/**
 * Forecast value added of analysts' overrides: every day an override covered that has since sold
 * (and did not stock out, since those sales understate demand) is scored, the forecast of the
 * model version that was overridden against the same forecast with the override applied, each
 * against the units sold in store. Per user, per category and overall; `pending` counts overrides
 * none of whose days has sold yet.
 */
export async function forecastValueAdded(tx: Tx) {
  const [rows, [total]] = await Promise.all([
    executeRows<Row>(
      tx,
      sql`select o.id as override_id, u.name as user_name, i.category, f.date::text as date, o.mode, o.value, f.p10, f.p50, f.p90, f.mean, s.units
          from forecast_overrides o
          join forecasts f on f.model_version_id = o.model_version_id and f.date between o.from_date and o.to_date
               and (o.store_id is null or f.store_id = o.store_id) and (o.item_id is null or f.item_id = o.item_id)
          join items i on i.id = f.item_id and (o.category is null or i.category = o.category)
          join sales s on s.store_id = f.store_id and s.item_id = f.item_id and s.date = f.date
          left join users u on u.id = o.created_by
          where not exists (select 1 from stockout_days d where d.store_id = s.store_id and d.item_id = s.item_id and d.date = s.date)`,
    ),
    tx.select({ n: count() }).from(forecastOverrides),
  ]);
  const days: ScoredDay[] = rows.map((r) => {
    const forecast = { p10: r.p10, p50: r.p50, p90: r.p90, mean: r.mean };
    const [overridden] = applyOverrides([forecast], r.date, [{ fromDate: r.date, toDate: r.date, mode: r.mode, value: r.value }]);
    return { overrideId: r.override_id, user: r.user_name ?? "API key", category: r.category, actual: r.units, model: point(forecast), override: point(overridden!) };
  });
  const scored = new Set(days.map((d) => d.overrideId)).size;
  return {
    overall: valueAdded(days),
    byUser: grouped(days, (d) => d.user),
    byCategory: grouped(days, (d) => d.category),
    pending: (total?.n ?? 0) - scored,
  };
}
