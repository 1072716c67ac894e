import { z } from "zod";
import { DRIVER_GROUPS, LEVERS } from "@/models/xai";

/** Output of an explanation, the same for tRPC (the "why?" page), REST and the PDF report. */

const isoDate = z.iso.date();
const group = z.enum(DRIVER_GROUPS);
const step = z.object({ label: z.string(), value: z.number(), start: z.number(), end: z.number(), kind: z.enum(["base", "driver", "rest", "total"]) });

export const explanationSchema = z.object({
  modelVersion: z.object({ id: z.uuid(), version: z.number().int(), trainedTo: isoDate }).describe("The production version whose trees were explained"),
  scope: z.object({
    storeId: z.string().nullable(),
    itemId: z.string().nullable(),
    category: z.string().nullable(),
    from: isoDate,
    to: isoDate,
    days: z.number().int(),
    series: z.number().int().describe("Store × item series summed"),
    period: z.string().describe("The period in words, as the sentences name it"),
  }),
  locale: z.string(),
  currency: z.string(),
  baseValue: z.number().describe("Expected forecast (units) before any feature of these rows is known: the TreeSHAP base value times each row's scale, summed"),
  forecast: z.number().describe("The served P50 forecast (units), summed over the rows"),
  p10: z.number(),
  p90: z.number(),
  modelOutput: z.number().describe("baseValue + Σ shap: onnxruntime's P50 output in units"),
  adjustment: z.number().describe("forecast − modelOutput: non-zero only where the P50 was floored at zero or reordered against P10/P90"),
  additivityError: z.number().describe("|baseValue + Σ shap − onnxruntime's output| in units"),
  shap: z.array(z.object({ feature: z.string(), label: z.string(), group, value: z.number().describe("Units"), shown: z.string().nullable().describe("The feature's value in words (single rows only)") })),
  groups: z.array(z.object({ group, label: z.string(), value: z.number().describe("Units") })),
  waterfall: z.array(step).describe("Base value, each driver, forecast"),
  featureWaterfall: z.array(step).describe("Base value, the six strongest features, the rest, forecast"),
  recent: z.object({ mean: z.number().describe("The same days at the average of the 28 days before the forecast (units)"), spread80: z.number() }),
  sentences: z.array(z.string()).min(2).max(4),
  counterfactuals: z.object({
    from: z.number(),
    target: z.number(),
    direction: z.enum(["increase", "decrease"]),
    levers: z.array(z.enum(LEVERS)),
    bounds: z.object({ maxPriceChange: z.number(), maxDiscount: z.number(), maxMarkdown: z.number(), target: z.number().optional() }),
    results: z.array(
      z.object({
        levers: z.array(z.enum(LEVERS)),
        found: z.boolean(),
        changes: z.array(z.object({ lever: z.enum(LEVERS), from: z.number().nullable(), to: z.number() })),
        prediction: z.number(),
        search: z.enum(["exact", "grid", "greedy"]),
        sentence: z.string(),
      }),
    ),
  }),
  priceCurve: z.array(z.object({ priceChange: z.number().describe("Share of the current price, e.g. -0.1"), forecast: z.number() })),
  globalImportance: z.array(z.object({ group, label: z.string(), meanAbsUnits: z.number(), share: z.number() })).describe("The model's drivers over all its forecasts (mean |SHAP| per row)"),
});
export type Explanation = z.output<typeof explanationSchema>;
