import { max, sql } from "drizzle-orm";
import { forecasts, modelVersions, sales } from "@/drizzle/schema";
import type { NewForecast } from "@/drizzle/schema";
import { addDaysIso } from "@/models/data";
import { negativeBinomial } from "@/models/inventory";
import { withTenant } from "@/server/db/tenant-context";
import type { TestDatabase } from "./test-database";

/**
 * A production model whose stored forecasts are each series' mean over the 4 weeks before
 * `trainedTo` (default: the last day with sales) with a negative binomial band: a stand-in for a
 * trained model (training is tested elsewhere), so decisions depend only on stock, terms and
 * these numbers. The busiest series' forecast is tripled, so a reorder is certainly due there.
 */
export async function installFixtureForecasts(database: TestDatabase, tenantId: string, options: { daysBeforeLastSale?: number } = {}) {
  return withTenant(database, tenantId, async (tx) => {
    const [last] = await tx.select({ date: max(sales.date) }).from(sales);
    const trainedTo = addDaysIso(last!.date!, -(options.daysBeforeLastSale ?? 0));
    const means = await tx
      .select({ storeId: sales.storeId, itemId: sales.itemId, mean: sql<number>`avg(${sales.units})::float8` })
      .from(sales)
      .where(sql`${sales.date} > ${addDaysIso(trainedTo, -28)} and ${sales.date} <= ${trainedTo}`)
      .groupBy(sales.storeId, sales.itemId);
    const [model] = await tx
      .insert(modelVersions)
      .values({ tenantId, version: 1, algorithm: "fixture", params: {}, features: [], trainedFrom: "2026-01-01", trainedTo, horizon: 28, metrics: {}, artifacts: {}, status: "production", trainSeconds: 0 })
      .returning();
    const busiest = means.reduce((a, b) => (b.mean > a.mean ? b : a));
    const rows: NewForecast[] = [];
    for (const m of means) {
      const mean = m === busiest ? m.mean * 3 : m.mean;
      const d = negativeBinomial(mean, mean + (mean * mean) / 4);
      const [p10, p50, p90] = mean > 0 ? [d.quantile(0.1), d.quantile(0.5), d.quantile(0.9)] : [0, 0, 0];
      for (let h = 1; h <= 28; h++) rows.push({ tenantId, modelVersionId: model!.id, storeId: m.storeId, itemId: m.itemId, date: addDaysIso(trainedTo, h), p10, p50, p90 });
    }
    await tx.insert(forecasts).values(rows);
    return { modelId: model!.id, trainedTo, hot: { storeId: busiest.storeId, itemId: busiest.itemId } };
  });
}
