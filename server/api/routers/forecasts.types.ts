import { z } from "zod";
import { modelMetricsSchema } from "./models.types";

/** Output shapes of the forecast procedures the Forecasts page reads. */

const isoDate = z.iso.date();

const pointSchema = z
  .object({ source: z.enum(["mean", "p50"]), label: z.string() })
  .nullable()
  .describe("Which value `point` is: the mean, or P50 for a version trained before the mean model; null without a forecast");

export const seriesForecastOutputSchema = z.object({
  store: z.object({ id: z.string(), name: z.string() }),
  item: z.object({ id: z.string(), name: z.string(), category: z.string() }),
  model: z.object({ id: z.uuid(), version: z.number().int(), trainedTo: isoDate, horizon: z.number().int(), metrics: modelMetricsSchema }).nullable().describe("The production model; null before one exists"),
  history: z.array(z.object({ date: isoDate, units: z.number(), price: z.number(), promo: z.boolean() })),
  point: pointSchema,
  forecast: z.array(
    z.object({
      date: isoDate,
      point: z.number().describe("The point forecast: the mean when the version has one, else P50"),
      mean: z.number().nullable().describe("Expected units; null for versions without a mean model"),
      p10: z.number().describe("Bottom of the P10–P90 band (80% interval)"),
      p50: z.number().describe("The median"),
      p90: z.number().describe("Top of the P10–P90 band"),
    }),
  ),
});

export const topSellerSchema = z.object({ itemId: z.string(), name: z.string(), category: z.string(), units: z.number() });

export const aggregateForecastOutputSchema = z.object({
  scope: z.object({ storeId: z.string().nullable(), category: z.string().nullable() }).describe("What is summed: null means every store / category"),
  model: z.object({ id: z.uuid(), version: z.number().int(), trainedTo: isoDate }).nullable().describe("The production model; null before one exists"),
  point: pointSchema,
  series: z.number().int().describe("Item × store series summed"),
  seriesCorrelation: z.number().describe("Between-series error correlation the band assumes (fitted per tenant on backtests)"),
  days: z.array(
    z.object({
      date: isoDate,
      point: z.number().describe("Sum of the series' point forecasts (their means): the total's mean"),
      p10: z.number().describe("Bottom of the total's P10–P90 band (not the sum of P10s: quantiles do not add)"),
      p90: z.number().describe("Top of the total's P10–P90 band"),
    }),
  ),
});
