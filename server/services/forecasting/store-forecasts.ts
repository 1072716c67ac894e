import "server-only";
import { forecasts } from "@/drizzle/schema";
import type { NewForecast } from "@/drizzle/schema";
import type { Panel, SeriesForecast } from "@/models/data";
import { epochDayToIso } from "@/models/data";
import type { Tx } from "@/server/db/database";
import { recordUsage } from "@/server/services/billing/usage";

/** Rows per INSERT: well under Postgres' 65,535 bind parameters at 9 columns a row. */
const INSERT_BATCH = 5_000;

/** Stores a model version's forecasts (already sorted P10 ≤ P50 ≤ P90, with the mean when it has a mean model) for the days after the panel's last day. */
export async function storeForecasts(tx: Tx, tenantId: string, modelVersionId: string, panel: Panel, predicted: readonly SeriesForecast[]): Promise<number> {
  const lastEpochDay = panel.startEpochDay + panel.nDays - 1;
  const rows: NewForecast[] = [];
  for (const f of predicted) {
    const series = panel.series[f.series]!;
    for (let h = 0; h < f.p50.length; h++) {
      rows.push({ tenantId, modelVersionId, storeId: series.storeId, itemId: series.itemId, date: epochDayToIso(lastEpochDay + 1 + h), p10: f.p10[h]!, p50: f.p50[h]!, p90: f.p90[h]!, mean: f.mean?.[h] ?? null });
    }
  }
  for (let i = 0; i < rows.length; i += INSERT_BATCH) await tx.insert(forecasts).values(rows.slice(i, i + INSERT_BATCH));
  // One prediction batch per model version's forecasts: storing them again does not count twice.
  await recordUsage(tx, tenantId, { metric: "prediction_batches", unitKey: modelVersionId });
  return rows.length;
}
