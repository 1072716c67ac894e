import "server-only";
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { forecasts } from "@/drizzle/schema";

/** Which value a stored forecast's point forecast is, with the words the app and API show for it. */
export const POINT_SOURCES = {
  mean: "mean — point forecast (expected units)",
  p50: "P50 (median) — point forecast of a version without a mean model",
} as const;
export type PointSource = keyof typeof POINT_SOURCES;

/**
 * A forecast day's point forecast: the mean, which sums and squared errors call for; versions
 * trained before the mean model have none, so their median stands in (and says so).
 */
export function pointForecast(day: { p50: number; mean: number | null }): { value: number; source: PointSource } {
  return day.mean === null ? { value: day.p50, source: "p50" } : { value: day.mean, source: "mean" };
}

/** The same rule in SQL, for queries that sum point forecasts or compare them with actuals (dashboards, accuracy). */
export function pointForecastSql(): SQL<number> {
  return sql<number>`coalesce(${forecasts.mean}, ${forecasts.p50})`;
}
