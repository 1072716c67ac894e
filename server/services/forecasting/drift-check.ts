import "server-only";
import { max, sql } from "drizzle-orm";
import { z } from "zod";
import { sales } from "@/drizzle/schema";
import { addDaysIso } from "@/models/data";
import { driftVerdict } from "@/models/backtest";
import type { DriftVerdict } from "@/models/backtest";
import type { Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { currentTenantId } from "@/server/db/tenant-context";
import { getProductionModel, MODEL_METRIC_KEY, PROMOTION_METRIC } from "@/server/services/models/registry";
import { pointForecastSql } from "./point-forecast";

export const driftCheckSchema = z.object({
  marginPct: z.number().positive().max(500).describe("drift when the rolling RMSSE exceeds the backtest's by more than this many percent"),
  windowDays: z.number().int().min(7).max(90).default(28).describe("days of arrived sales, ending at the newest, that are scored"),
  minDays: z.number().int().min(1).max(90).default(7).describe("fewer scored days than this is too little evidence to call drift"),
});
export type DriftCheckInput = z.input<typeof driftCheckSchema>;

export type DriftReport =
  | { status: "no_model" | "no_sales" | "too_few_days"; production: number | null; scoredDays: number }
  | ({ status: "checked"; production: number; from: string; to: string; scoredDays: number; marginPct: number } & DriftVerdict);

/**
 * Live accuracy of the forecasts production models served against the sales that arrived since:
 * over the last `windowDays` days of sales, each store × item × day takes the forecast of the
 * version (among those that were promoted) whose forecast started most recently before it, as the
 * forecast-vs-actual chart does. Its RMSSE (scaled by each series' one-step naive error on the
 * history before the window, as the backtest scales) is compared with the production version's
 * backtest RMSSE plus the margin.
 */
export async function measureDrift(tx: Tx, input: DriftCheckInput): Promise<DriftReport> {
  const { marginPct, windowDays, minDays } = driftCheckSchema.parse(input);
  const production = await getProductionModel(tx);
  if (!production) return { status: "no_model", production: null, scoredDays: 0 };
  const [last] = await tx.select({ date: max(sales.date) }).from(sales);
  if (!last?.date) return { status: "no_sales", production: production.version, scoredDays: 0 };
  const to = last.date;
  const from = addDaysIso(to, -(windowDays - 1));
  const rows = await executeRows<{ sse: number; days: number; scale: number | null; scored_days: number }>(
    tx,
    sql`with f as (
          select distinct on (forecasts.store_id, forecasts.item_id, forecasts.date) forecasts.store_id, forecasts.item_id, forecasts.date, ${pointForecastSql()} as point
            from forecasts
            join model_versions m on m.tenant_id = forecasts.tenant_id and m.id = forecasts.model_version_id
           where forecasts.tenant_id = ${currentTenantId} and forecasts.date between ${from} and ${to} and forecasts.date > m.trained_to
             and (m.promoted_at is not null or m.status = 'production')
           order by forecasts.store_id, forecasts.item_id, forecasts.date, m.trained_to desc, m.version desc
        ), scored as (
          select f.store_id, f.item_id, f.date, (f.point - s.units) ^ 2 as se
            from f join sales s on s.tenant_id = ${currentTenantId} and s.store_id = f.store_id and s.item_id = f.item_id and s.date = f.date
        ), errors as (
          select store_id, item_id, sum(se)::float8 as sse, count(*)::int as days from scored group by 1, 2
        ), steps as (
          select store_id, item_id, units - lag(units) over w as diff, date - lag(date) over w as gap
            from sales where date < ${from} and store_id in (select store_id from errors) and item_id in (select item_id from errors)
          window w as (partition by store_id, item_id order by date)
        ), scales as (
          select store_id, item_id, avg(diff ^ 2)::float8 as scale from steps where gap = 1 group by 1, 2
        )
        select e.sse, e.days, sc.scale, (select count(distinct date) from scored)::int as scored_days
          from errors e left join scales sc on sc.store_id = e.store_id and sc.item_id = e.item_id`,
  );
  const scoredDays = rows[0]?.scored_days ?? 0;
  if (scoredDays < minDays) return { status: "too_few_days", production: production.version, scoredDays };
  const score: unknown = production.metrics[MODEL_METRIC_KEY]?.[PROMOTION_METRIC];
  const verdict = driftVerdict(
    rows.map((r) => ({ squaredErrorSum: Number(r.sse), days: Number(r.days), scale: r.scale === null ? Number.NaN : Number(r.scale) })),
    typeof score === "number" ? score : Number.NaN,
    marginPct,
  );
  return { status: "checked", production: production.version, from, to, scoredDays, marginPct, ...verdict };
}
