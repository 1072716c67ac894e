import { z } from "zod";
import { modelMetricsSchema } from "./models.types";

/** Output shapes of the forecast procedures the Forecasts page reads. */

const isoDate = z.iso.date();

export const seriesForecastOutputSchema = z.object({
  store: z.object({ id: z.string(), name: z.string() }),
  item: z.object({ id: z.string(), name: z.string(), category: z.string() }),
  model: z.object({ id: z.uuid(), version: z.number().int(), trainedTo: isoDate, horizon: z.number().int(), metrics: modelMetricsSchema }).nullable().describe("The production model; null before one exists"),
  history: z.array(z.object({ date: isoDate, units: z.number(), price: z.number(), promo: z.boolean() })),
  forecast: z.array(z.object({ date: isoDate, p10: z.number(), p50: z.number(), p90: z.number() })),
});

export const topSellerSchema = z.object({ itemId: z.string(), name: z.string(), category: z.string(), units: z.number() });
