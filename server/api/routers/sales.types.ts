import { z } from "zod";

/** Output shapes of the dashboard cards beside the sales summary (whose shape is the REST one, in server/rest/schemas.ts). */

const isoDate = z.iso.date();
const ratio = z.number().nullable();

export const forecastVsActualOutputSchema = z.object({
  model: z.object({ version: z.number().int(), trainedTo: isoDate }).nullable().describe("The production model whose stored forecast is shown; null without one"),
  actualWeeks: z.array(z.object({ week: isoDate.describe("Monday of the week (the first may be partial)"), actual: z.number().describe("Units sold") })),
  forecastWeeks: z.array(
    z.object({
      week: isoDate.describe("Monday of the week"),
      forecast: z.number().describe("Sum of the point forecasts"),
      p10: z.number().describe("Sum of the item-day P10s (wider than the total's own interval)"),
      p90: z.number().describe("Sum of the item-day P90s"),
    }),
  ),
  accuracy: z.array(
    z.object({ week: isoDate, actual: z.number(), forecast: z.number(), wape: ratio, bias: ratio, days: z.number().int().describe("Realised store × item × days") }),
  ),
});

export const stockSummaryOutputSchema = z.object({
  countedOn: isoDate.nullable().describe("Latest stock count used"),
  onHandUnits: z.number(),
  inventoryValue: z.number().describe("On hand at catalog unit cost"),
  daysOfCover: ratio.describe("On hand over the last 28 days' daily sales"),
  stockCounts: z.number().int(),
  stockoutRate: ratio.describe("Share of the period's stock counts that found nothing on hand"),
});
