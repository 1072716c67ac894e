import "server-only";
import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { forecasts } from "@/drizzle/schema";

/**
 * The one number a stored forecast contributes where a point is summed or compared with actuals
 * (dashboard totals, accuracy). The median today; sums of medians are not the median of the sum,
 * which is why the mean forecast is meant to replace it here, and only here.
 */
export function pointForecast(): SQL<number> {
  return sql<number>`${forecasts.p50}`;
}
