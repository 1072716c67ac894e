import { z } from "zod";

const band = z.object({ mean: z.number(), p10: z.number(), p90: z.number() });
/** A measure at the baseline and in the scenario, each a total with its 80% interval. */
const measure = z.object({ baseline: band, scenario: band, change: z.number() });
/** Item × store × days with projected demand above stock on hand + open orders: at the mean, and at P10 and P90 demand. */
const stockouts = z.object({ mean: z.number(), p10: z.number(), p90: z.number() });

/** One evaluation of a scenario against the production model: what `POST /api/v1/scenarios` and `scenarios.evaluate` return and what is saved. */
export const scenarioResultSchema = z.object({
  model: z.object({ id: z.string(), version: z.number(), trainedTo: z.string() }),
  evaluatedAt: z.string(),
  /** Wall time of the evaluation at the server, and how many feature rows went through each ONNX model. */
  evaluationMs: z.number(),
  scoredRows: z.number(),
  scope: z.object({ from: z.string(), to: z.string(), days: z.number(), series: z.number(), cells: z.number(), skippedPairs: z.number() }),
  units: measure,
  revenue: measure,
  margin: measure,
  stock: z.object({
    baseline: stockouts,
    scenario: stockouts,
    /** Item × store pairs with a stock count; the others are left out of the stock impact. */
    seriesWithStock: z.number(),
  }),
  /** Units per day, summed over the scenario's series, each total with its band. */
  days: z.array(z.object({ date: z.string(), baseline: band, scenario: band })),
  series: z.array(
    z.object({
      storeId: z.string(),
      storeName: z.string(),
      itemId: z.string(),
      itemName: z.string(),
      unitCost: z.number(),
      baselinePrice: z.number(),
      scenarioPrice: z.number(),
      baselineUnits: z.number(),
      scenarioUnits: z.number(),
      baselineMargin: z.number(),
      scenarioMargin: z.number(),
      baselineStockoutDays: z.number().nullable(),
      scenarioStockoutDays: z.number().nullable(),
      extrapolated: z.boolean(),
    }),
  ),
  warnings: z.array(z.string()),
});
export type ScenarioResult = z.infer<typeof scenarioResultSchema>;

/** A saved scenario: `GET /api/v1/scenarios/{id}`, `POST /api/v1/scenarios` and `scenarios.*`. */
export const savedScenarioSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** The definition as saved (see `scenarioDefinitionSchema`). */
  definition: z.record(z.string(), z.unknown()),
  result: scenarioResultSchema,
  computedAgainst: scenarioResultSchema.shape.model,
  /** The production model is another version than the one `result` was computed against. */
  stale: z.boolean(),
  createdAt: z.string(),
  evaluatedAt: z.string(),
});

export const scenarioActionsSchema = z.object({ created: z.number(), updated: z.number(), skipped: z.number(), actionIds: z.array(z.string()) });

/** A scenario's change as saved: percents for price (kind percent) and discount. */
export type ScenarioChangeInput = { price?: { kind: "percent" | "absolute"; value: number }; discount?: number; promo?: boolean };

/** "price −10%, discount 20%, promotion on": how the UI, the actions and the assistant name a change. */
export function describeChange(change: ScenarioChangeInput): string {
  const parts: string[] = [];
  const signed = (v: number, digits: number) => `${v > 0 ? "+" : v < 0 ? "−" : "±"}${Math.abs(v).toFixed(digits)}`;
  if (change.price) parts.push(change.price.kind === "percent" ? `price ${signed(change.price.value, 0)}%` : `price ${signed(change.price.value, 2)}`);
  if (change.discount !== undefined) parts.push(`discount ${change.discount}%`);
  if (change.promo !== undefined) parts.push(`promotion ${change.promo ? "on" : "off"}`);
  return parts.join(", ");
}

/** The days a scenario may cover and how large it may be, for the form. */
export const scenarioHorizonSchema = z.object({ model: z.object({ id: z.string(), version: z.number() }).nullable(), firstDate: z.string().nullable(), lastDate: z.string().nullable(), maxCells: z.number() });
