import "server-only";
import { z } from "zod";
import { availableLevers, currentControl, findCounterfactual, LEVERS } from "@/models/xai";
import type { ControllableFeature, Lever } from "@/models/xai";
import { controlPredictor } from "./control-predictor";
import type { NumberFormats } from "./number-format";
import type { VersionInputs } from "./version-inputs";

export const counterfactualBoundsSchema = z.object({
  target: z.number().nonnegative().optional().describe("Forecast to reach, in units over the explained days (default: 20% above the current forecast)"),
  maxPriceChange: z.number().min(0).max(0.5).default(0.3).describe("Largest price change searched, as a share of the current price"),
  maxDiscount: z.number().min(0).max(0.9).default(0.5).describe("Largest discount searched (0–0.9)"),
  maxMarkdown: z.number().min(0).max(0.9).default(0.5).describe("Largest markdown searched (0–0.9)"),
});
export type CounterfactualBounds = z.output<typeof counterfactualBoundsSchema>;

/** Candidate rows (controls × explained rows) searched exhaustively; beyond it the search is greedy and says so. */
const MAX_SCORED_ROWS = 400_000;

const LEVER_INDEX = Object.fromEntries(LEVERS.map((l, i) => [l, i])) as Record<Lever, number>;

function grid(lever: Lever, bounds: CounterfactualBounds): ControllableFeature {
  const feature = LEVER_INDEX[lever];
  if (lever === "price") return { feature, min: 1 - bounds.maxPriceChange, max: 1 + bounds.maxPriceChange, step: bounds.maxPriceChange > 0 ? bounds.maxPriceChange / 6 : 1 };
  if (lever === "discount") return { feature, min: 0, max: bounds.maxDiscount, step: 0.05 };
  if (lever === "promo") return { feature, min: 0, max: 1, step: 1 };
  return { feature, min: 0, max: bounds.maxMarkdown, step: 0.1 };
}

type Change = { lever: Lever; from: number | null; to: number };

function describeChange(c: Change, f: NumberFormats): string {
  if (c.lever === "price") return `a price ${f.percent(Math.abs(c.to - 1))} ${c.to < 1 ? "lower" : "higher"}`;
  if (c.lever === "promo") return c.to > 0 ? "a promotion" : "no promotion";
  if (c.to === 0) return `no ${c.lever}`;
  return `a ${f.percent(c.to)} ${c.lever}`;
}

/**
 * Smallest changes of the controllable levers (each alone, then all together) that move the
 * served P50 over the explained rows to the target, searched on a grid within the bounds and
 * scored through onnxruntime. "None found within these bounds" is an answer, not an error.
 */
export async function findForecastCounterfactuals(inputs: VersionInputs, X: Float32Array, scales: readonly number[], bounds: CounterfactualBounds, period: string, f: NumberFormats) {
  const n = scales.length;
  const predict = controlPredictor(inputs, X, scales);
  const start = Float32Array.from(currentControl(X, n));
  const from = (await predict(start, 1))[0]!;
  const target = bounds.target ?? Math.round(from * 1.2 * 10) / 10;
  const direction: "increase" | "decrease" = target >= from ? "increase" : "decrease";
  const levers = availableLevers(X, n);
  const searches: Lever[][] = [...levers.map((l) => [l]), ...(levers.length > 1 ? [levers] : [])];
  const results = [];
  for (const searched of searches) {
    const controllable = searched.map((l) => grid(l, bounds));
    const result = await findCounterfactual(predict, start, { controllable, target, direction, maxEvaluations: Math.max(1, Math.floor(MAX_SCORED_ROWS / n)) });
    if (result.found) {
      // All levers together only add something when the cheapest answer moves more than one.
      if (searched.length > 1 && result.changes.length < 2) continue;
      const changes: Change[] = result.changes.map((c) => ({ lever: LEVERS[c.feature]!, from: Number.isNaN(c.from) ? null : c.from, to: c.to }));
      const verb = direction === "increase" ? "lift" : "lower";
      const what = changes.length ? changes.map((c) => describeChange(c, f)).join(" with ") : "No change";
      results.push({
        levers: searched,
        found: true as const,
        changes,
        prediction: result.prediction,
        search: result.search,
        sentence: changes.length
          ? `${capitalise(what)} would ${verb} the forecast ${period} from ${f.units(from)} to ${f.units(result.prediction)} units.`
          : `The forecast ${period} already reaches ${f.units(target)} units.`,
      });
    } else {
      results.push({
        levers: searched,
        found: false as const,
        changes: [],
        prediction: result.bestPrediction,
        search: result.search,
        sentence: `No change of ${searched.join(", ")} within these bounds brings the forecast ${period} to ${f.units(target)} units (the closest is ${f.units(result.bestPrediction)}).`,
      });
    }
  }
  return { from, target, direction, levers, bounds, results };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
