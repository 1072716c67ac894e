import "server-only";
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { currentTenantId } from "@/server/db/tenant-context";
import { pointForecastSql } from "@/server/services/forecasting/point-forecast";
import { getProductionModel } from "@/server/services/models/registry";
import { getItem } from "@/server/services/catalog/list-items";
import { dashboardFiltersSchema } from "./dashboard-filters";
import { readItemSales, readSalesRollups, sumItemCells } from "./read-sales-rollups";
import type { DashboardFilters } from "./dashboard-filters";

const WEEK = sql`date_trunc('week', forecasts.date::timestamp)`;

/** Store, category and item filters on `forecasts` joined with its item as `i`. */
function forecastFilters(f: DashboardFilters): SQL {
  return sql.join(
    [
      sql`forecasts.tenant_id = ${currentTenantId}`,
      ...(f.storeId ? [sql`forecasts.store_id = ${f.storeId}`] : []),
      ...(f.category ? [sql`i.category = ${f.category}`] : []),
      ...(f.itemId ? [sql`forecasts.item_id = ${f.itemId}`] : []),
    ],
    sql` and `,
  );
}

/**
 * Units sold against units forecast, week by week, for the dashboard's filters:
 * - `actualWeeks`: units sold per week over the last 12 weeks to `to`; `forecastWeeks`: the
 *   production model's stored forecast (the point
 *   forecast with the sums of the item-day P10 and P90: a sum of quantiles is wider than the
 *   total's own 80 % interval, so the band errs wide).
 * - `accuracy`: WAPE and bias per week over realised forecasts only — days in the period that
 *   some model version forecast after its training data ended and that now have sales, each day
 *   taken from the version trained most recently before it. None exist until sales arrive for
 *   forecast days; then `accuracy.weeks` is empty and says so rather than inventing a figure.
 */
export async function forecastVsActual(tx: Tx, input: DashboardFilters) {
  const f = dashboardFiltersSchema.parse(input);
  const model = await getProductionModel(tx);
  const joinItem = sql`join items i on i.tenant_id = forecasts.tenant_id and i.id = forecasts.item_id`;
  const forecastWeeks = model
    ? await executeRows<{ week: string; forecast: number; p10: number; p90: number }>(
        tx,
        sql`select to_char(${WEEK}, 'YYYY-MM-DD') as week, sum(${pointForecastSql()})::float8 as forecast, sum(forecasts.p10)::float8 as p10, sum(forecasts.p90)::float8 as p90
              from forecasts ${joinItem}
             where ${forecastFilters(f)} and forecasts.model_version_id = ${model.id}
             group by 1 order by 1`,
      )
    : [];
  const realised = await executeRows<{ week: string; actual: number; forecast: number; abs_error: number; days: number }>(
    tx,
    sql`with f as (
          select distinct on (forecasts.store_id, forecasts.item_id, forecasts.date)
                 forecasts.store_id, forecasts.item_id, forecasts.date, ${pointForecastSql()} as point
            from forecasts ${joinItem}
            join model_versions m on m.tenant_id = forecasts.tenant_id and m.id = forecasts.model_version_id
           where ${forecastFilters(f)} and forecasts.date between ${f.from} and ${f.to} and forecasts.date > m.trained_to
           order by forecasts.store_id, forecasts.item_id, forecasts.date, m.trained_to desc
        )
        select to_char(date_trunc('week', f.date::timestamp), 'YYYY-MM-DD') as week, sum(s.units)::float8 as actual, sum(f.point)::float8 as forecast,
               sum(abs(s.units - f.point))::float8 as abs_error, count(*)::int as days
          from f join sales s on s.tenant_id = ${currentTenantId} and s.store_id = f.store_id and s.item_id = f.item_id and s.date = f.date
         group by 1 order by 1`,
  );
  return {
    model: model ? { version: model.version, trainedTo: model.trainedTo } : null,
    actualWeeks: await actualWeeks(tx, f),
    forecastWeeks,
    accuracy: realised.map((r) => ({
      week: r.week,
      actual: r.actual,
      forecast: r.forecast,
      /** Σ|actual − forecast| / Σ actual over the week's store × item × days. */
      wape: r.actual > 0 ? r.abs_error / r.actual : null,
      /** Σ(forecast − actual) / Σ actual: above 0 the forecast ran high. */
      bias: r.actual > 0 ? (r.forecast - r.actual) / r.actual : null,
      days: r.days,
    })),
  };
}
const ACTUAL_WEEKS = 12;

/** Units sold per week over the 12 weeks to `to`: from the rollups, or the raw rows within one store when an item or category is picked. */
async function actualWeeks(tx: Tx, f: DashboardFilters): Promise<{ week: string; actual: number }[]> {
  const from = new Date(Date.parse(f.to) - (ACTUAL_WEEKS * 7 - 1) * 86_400_000).toISOString().slice(0, 10);
  const start = from < f.from ? f.from : from;
  const item = f.itemId ? await getItem(tx, f.itemId) : null;
  const category = item?.category ?? f.category;
  const sums =
    f.storeId && category
      ? sumItemCells(await readItemSales(tx, { from: start, to: f.to, granularity: "week", storeId: f.storeId, category, itemId: f.itemId }))
      : await readSalesRollups(tx, { from: start, to: f.to, granularity: "week", storeId: f.storeId, category });
  return sums.byPeriod.map((p) => ({ week: p.period, actual: p.units })).sort((a, b) => (a.week < b.week ? -1 : 1));
}

export type ForecastVsActual = Awaited<ReturnType<typeof forecastVsActual>>;
