import "server-only";
import { sql } from "drizzle-orm";
import { addDaysIso } from "@/models/data";
import { BASELINE_DAYS, lostSalesIncurred } from "@/models/inventory";
import type { HistoryDay, LostSales } from "@/models/inventory";
import type { Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { seriesKey } from "./demand-forecasts";

/** Days of history the "lost sales already incurred" figures cover, ending on the last day with sales. */
export const LOST_SALES_WINDOW_DAYS = 28;

/** Rows come packed one per series (PGlite hands rows over one at a time): "offset,units,online,price,promo,stockedOut,modelMean,modelWidth;…". */
type Packed = { store_id: string; item_id: string; unit_cost: number; days: string };

/** `from`–`to`: the window scored (null without sales). */
export type LostSalesBySeries = { from: string | null; to: string | null; series: Map<string, LostSales> };

/**
 * Lost sales already incurred on the recorded stockout days of the last 28 days with sales, per
 * item × store (only series with such a day). Demand on a stocked-out day is what the newest model
 * version trained before that day forecast for it (its mean, or Swanson's rule on its quantiles,
 * and its band), else the series' own unstocked-out sales of the 28 days before
 * (models/inventory/lost-sales.ts).
 */
export async function loadLostSales(tx: Tx, filter: { storeId?: string; itemId?: string } = {}): Promise<LostSalesBySeries> {
  const store = filter.storeId ? sql`and o.store_id = ${filter.storeId}` : sql``;
  const item = filter.itemId ? sql`and o.item_id = ${filter.itemId}` : sql``;
  const [bounds] = await executeRows<{ last: string | null }>(tx, sql`select max(date)::text as last from sales`);
  const last = bounds?.last ?? null;
  if (last === null) return { from: null, to: null, series: new Map() };
  const rows = await executeRows<Packed>(
    tx,
    sql`with bounds as (select ${last}::date as last),
        hit as (
          select distinct o.store_id, o.item_id from stockout_days o, bounds b
           where o.date > b.last - ${LOST_SALES_WINDOW_DAYS}::int and o.date <= b.last ${store} ${item}
        )
        select h.store_id, h.item_id, i.unit_cost::float8 as unit_cost,
               string_agg(concat_ws(',', s.date - (b.last - ${LOST_SALES_WINDOW_DAYS + BASELINE_DAYS}::int), s.units, s.online_units,
                 round((s.price * (1 - s.discount))::numeric, 4), s.promo::int, (o.date is not null)::int, coalesce(m.mean::text, ''), coalesce(m.width::text, '')), ';' order by s.date) as days
          from hit h cross join bounds b
          join items i on i.id = h.item_id
          join sales s on s.store_id = h.store_id and s.item_id = h.item_id and s.date > b.last - ${LOST_SALES_WINDOW_DAYS + BASELINE_DAYS}::int and s.date <= b.last
          left join stockout_days o on o.store_id = s.store_id and o.item_id = s.item_id and o.date = s.date
          left join lateral (
            select coalesce(f.mean, 0.3 * f.p10 + 0.4 * f.p50 + 0.3 * f.p90) as mean, f.p90 - f.p10 as width
              from forecasts f join model_versions v on v.id = f.model_version_id
             where o.date is not null and f.store_id = s.store_id and f.item_id = s.item_id and f.date = s.date and v.trained_to < s.date
             order by v.trained_to desc, v.version desc limit 1
          ) m on true
         group by h.store_id, h.item_id, i.unit_cost, b.last`,
  );
  const series = new Map<string, LostSales>();
  for (const row of rows) {
    // Offsets run from 1 (first baseline day) to window + baseline (the last day); missing days sold nothing.
    const span = LOST_SALES_WINDOW_DAYS + BASELINE_DAYS;
    const days: (HistoryDay | null)[] = new Array(span).fill(null);
    for (const d of row.days.split(";")) {
      const [offset, units, online, price, promo, stockedOut, mean, width] = d.split(",") as [string, string, string, string, string, string, string, string];
      // The band's P10–P90 width over 2 × 1.2816 is a normal day's standard deviation (as dailyMoments reads it).
      const model = mean === "" ? null : { mean: Math.max(0, Number(mean)), sd: Math.max(0, Number(width)) / 2.5631 };
      days[Number(offset) - 1] = { units: Number(units), onlineUnits: Number(online), price: Number(price), promo: promo === "1", stockedOut: stockedOut === "1", model };
    }
    series.set(seriesKey(row.store_id, row.item_id), lostSalesIncurred(days, BASELINE_DAYS, Number(row.unit_cost)));
  }
  return { from: addDaysIso(last, -(LOST_SALES_WINDOW_DAYS - 1)), to: last, series };
}
