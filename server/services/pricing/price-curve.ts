import "server-only";
import { z } from "zod";
import type { Panel, Series } from "@/models/data";
import { arcElasticity, priceHistory, recommendPrice, scorePriceGrid } from "@/models/pricing";
import type { CurvePoint, Guardrails, PriceHistory, PriceResponse } from "@/models/pricing";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import { text } from "@/server/validation/text";
import type { PriceCurve, PriceRecommendation } from "@/server/api/routers/pricing.types";
import { getItem } from "@/server/services/catalog/list-items";
import { getStore } from "@/server/services/catalog/list-stores";
import { seriesKey } from "@/server/services/explain/version-inputs";
import { loadProductionScoring } from "./production-scoring";
import { getPricingSettings } from "./settings";

/** Price ratios to the planned net price: 21 points from −30% to +30%. */
export const CURVE_RATIOS = Array.from({ length: 21 }, (_, k) => Math.round((0.7 + 0.03 * k) * 100) / 100);
/** Grid points the arc elasticity spans: −9% and +9% around the planned price (trees are step functions, so a narrower arc often sees no step). */
const ARC = { low: 7, high: 13 } as const;
/** Days of history whose prices count as "sold at". */
export const OBSERVED_WINDOW_DAYS = 365;

const id = text({ min: 1, max: 64 });
const fraction = (max: number) => z.number().min(0).max(max);

/** Guardrails a request may set for itself; each one left out comes from the tenant's pricing settings. */
export const guardrailsSchema = z.object({
  maxStep: fraction(0.5).optional().describe("Largest change from the current price in one step, as a fraction (0.1 = ±10%); default: the tenant's setting"),
  minMargin: fraction(0.95).optional().describe("Smallest margin (price − unit cost) / price, as a fraction; default: the tenant's setting"),
  endings: z
    .union([
      z
        .string()
        .regex(/^(0?\.\d{2})(,0?\.\d{2})*$/, "endings must be cent endings separated by commas, e.g. .49,.99")
        .transform((s) => s.split(",").map(Number)),
      z.array(z.number().min(0).max(0.99)),
    ])
    .optional()
    .describe("Allowed price endings, comma-separated (e.g. .49,.99); default: the tenant's setting"),
  floor: z.number().positive().optional().describe("Competitor or MAP lower bound"),
  ceiling: z.number().positive().optional().describe("Competitor or MAP upper bound"),
  widen: z
    .union([z.enum(["true", "false"]).transform((v) => v === "true"), z.boolean()])
    .default(false)
    .describe("Allow prices outside the range the item sold at (shown as extrapolation)"),
});

const seriesQuerySchema = z.object({ store: id.describe("Store id"), item: id.describe("Item id") });
export const priceQuerySchema = seriesQuerySchema.extend(guardrailsSchema.shape);
export type PriceQuery = z.input<typeof priceQuerySchema>;

/** What re-scoring an item × store over prices gives: the response, and what it was computed from. */
export type ScoredSeries = {
  base: Omit<PriceCurve, "currentPrice" | "elasticity" | "points">;
  series: Series;
  panel: Panel;
  history: PriceHistory;
  unitCost: number | null;
  response: PriceResponse;
};

/**
 * The production model's P10/P50/P90 for one item × store at each price ratio (of the planned
 * net price), every other feature at its planned value, re-scored through onnxruntime — what the
 * price curve and the markdown plan both stand on. `mean` also scores the version's mean model
 * (when it has one) into the periods' expected units.
 */
export async function scoreSeriesPrices(tx: Tx, input: z.input<typeof seriesQuerySchema>, ratios: readonly number[], options: { mean?: boolean } = {}): Promise<ScoredSeries> {
  const q = seriesQuerySchema.parse(input);
  const [store, item] = await Promise.all([getStore(tx, q.store), getItem(tx, q.item)]);
  const { version, inputs, onnx, calibration } = await loadProductionScoring(tx, "price responses");
  const block = inputs.seriesBlock.get(seriesKey(store.id, item.id));
  if (block === undefined) throw new AppError("not_found:series", `Item ${item.id} has no forecast at store ${store.id} (not on sale there at the model's last training day).`);
  const { panel, rows } = inputs;
  const series = panel.series[rows.seriesIndices[block]!]!;
  const history = priceHistory([series], panel.nDays - OBSERVED_WINDOW_DAYS, panel.nDays - 1);
  const unitCost = panel.items.get(item.id)?.unitCost ?? null;
  const base = {
    store: { id: store.id, name: store.name },
    item: { id: item.id, name: item.name, category: item.category, unitCost },
    model: { id: version.id, version: version.version, trainedTo: version.trainedTo },
    horizonDays: version.horizon,
    observed: history.observed,
    insufficient: history.reason,
  };
  // The curve needs quantiles only; the markdown plan also scores the mean model.
  const { mean, ...quantiles } = onnx;
  const response = await scorePriceGrid(options.mean && mean ? { ...quantiles, mean } : quantiles, rows, [block], ratios, calibration);
  return { base, series, panel, history, unitCost, response };
}

/**
 * The production model's response to the item's price at one store over its forecast horizon:
 * P10/P50/P90 units at 21 net prices from −30% to +30% of the planned price, every other feature
 * at its planned value, re-scored through onnxruntime. Points outside the prices the item sold at
 * in the last year are flagged as extrapolation. With too little price variation, no curve is
 * drawn: `insufficient` says why and what history would be needed.
 */
export async function getPriceCurve(tx: Tx, input: PriceQuery): Promise<PriceCurve> {
  const q = priceQuerySchema.parse(input);
  const { base, history, unitCost, response } = await scoreSeriesPrices(tx, q, CURVE_RATIOS);
  const currentPrice = response.plannedNet[0]!;
  const units = response.units[0]!;
  if (!history.enough) return { ...base, currentPrice, elasticity: null, points: [] };
  const observed = history.observed;
  const points = CURVE_RATIOS.map((ratio, g) => {
    const price = currentPrice * ratio;
    const u = units[g]!;
    const m = unitCost === null ? null : price - unitCost;
    return {
      price,
      units: u,
      revenue: price * u.p50,
      profit: m === null ? null : m >= 0 ? { p10: m * u.p10, p50: m * u.p50, p90: m * u.p90 } : { p10: m * u.p90, p50: m * u.p50, p90: m * u.p10 },
      extrapolated: observed !== null && (price < observed.min - 1e-9 || price > observed.max + 1e-9),
    };
  });
  const elasticity = arcElasticity(points[ARC.low]!.price, units[ARC.low]!.p50, points[ARC.high]!.price, units[ARC.high]!.p50);
  return { ...base, currentPrice, elasticity: Number.isFinite(elasticity) ? elasticity : null, points };
}

/**
 * The profit-maximising price within the guardrails (see `recommendPrice`), with the expected
 * profit and its P10–P90 at the current and at the recommended price. No recommendation without
 * a learnable price response or a unit cost.
 */
export async function getPriceRecommendation(tx: Tx, input: PriceQuery): Promise<PriceRecommendation> {
  const q = priceQuerySchema.parse(input);
  const [curve, settings] = await Promise.all([getPriceCurve(tx, input), getPricingSettings(tx)]);
  const guardrails = { maxStep: q.maxStep ?? settings.maxStep, minMargin: q.minMargin ?? settings.minMargin, endings: q.endings ?? settings.priceEndings, floor: q.floor ?? null, ceiling: q.ceiling ?? null, widen: q.widen };
  const { points, ...rest } = curve;
  const none = (reason: string) => ({ ...rest, guardrails, allowed: null, bindings: [], current: null, recommended: null, reason });
  if (curve.insufficient) return none(curve.insufficient);
  if (curve.item.unitCost === null) return none("The item has no unit cost in the catalog, so profit cannot be computed. Import it with the catalog.");
  const g: Guardrails = { ...guardrails, observed: curve.observed, allowExtrapolation: q.widen };
  const r = recommendPrice(points as CurvePoint[], curve.currentPrice, curve.item.unitCost, g);
  return {
    ...rest,
    guardrails,
    allowed: r.allowed,
    bindings: r.bindings,
    current: r.current,
    recommended: r.recommended,
    reason: r.recommended ? null : `No price satisfies every guardrail (${r.bindings.join(", ")} conflict).`,
  };
}
