import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";

type Row = { user_name: string | null; category: string; mode: "scale" | "units"; value: number; p50: number; units: number };

/**
 * Forecast value added: for every day an override covered that now has actual sales, the model's
 * P50 (of the version that was overridden) and the overridden P50 are each compared with what
 * sold. Per user and category: mean absolute errors and FVA = 1 − MAE(override) / MAE(model), so a
 * positive FVA means overriding helped. Days not yet sold are not scored.
 */
export async function forecastValueAdded(tx: Tx) {
  const rows = await executeRows<Row>(
    tx,
    sql`select u.name as user_name, i.category, o.mode, o.value, f.p50, s.units
        from forecast_overrides o
        join forecasts f on f.model_version_id = o.model_version_id and f.date between o.from_date and o.to_date
             and (o.store_id is null or f.store_id = o.store_id) and (o.item_id is null or f.item_id = o.item_id)
        join items i on i.id = f.item_id and (o.category is null or i.category = o.category)
        join sales s on s.store_id = f.store_id and s.item_id = f.item_id and s.date = f.date
        left join users u on u.id = o.created_by`,
  );
  const groups = new Map<string, { user: string; category: string; points: number; model: number; override: number }>();
  for (const r of rows) {
    const user = r.user_name ?? "API key";
    const key = `${user}\u0000${r.category}`;
    const g = groups.get(key) ?? { user, category: r.category, points: 0, model: 0, override: 0 };
    const overridden = r.mode === "scale" ? r.p50 * r.value : r.value;
    g.points++;
    g.model += Math.abs(r.p50 - r.units);
    g.override += Math.abs(overridden - r.units);
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => {
    const maeModel = g.model / g.points;
    const maeOverride = g.override / g.points;
    return { user: g.user, category: g.category, points: g.points, maeModel, maeOverride, valueAdded: maeModel > 0 ? 1 - maeOverride / maeModel : 0 };
  });
}
