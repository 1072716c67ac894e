import "server-only";
import { z } from "zod";
import type { Panel } from "@/models/data";
import { epochDayToIso, isoToEpochDay } from "@/models/data/dates";
import { FIXED_SCHEDULE, MAX_STOCK_STATES, planMarkdown } from "@/models/pricing";
import type { DemandDistribution, MarkdownInput, PeriodBand } from "@/models/pricing";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import { text } from "@/server/validation/text";
import type { MarkdownPlanResult } from "@/server/api/routers/pricing.types";
import { loadStockPositions } from "@/server/services/inventory/stock-positions";
import { scoreSeriesPrices } from "./price-curve";
import type { ScoredSeries } from "./price-curve";
import { getPricingSettings } from "./settings";

const MAX_WEEKS = 52;
const DAYS_PER_YEAR_ALIGNED = 364; // 52 weeks: the same weekdays one year back
/** Seasonal index bounds: a year-ago week with almost no sales must not scale demand by 50×. */
const SEASON_CLAMP = [0.1, 10] as const;

export const markdownQuerySchema = z.object({
  store: text({ min: 1, max: 64 }).describe("Store id"),
  item: text({ min: 1, max: 64 }).describe("Item id"),
  sellBy: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, "sellBy must be a date YYYY-MM-DD")
    .refine((d) => isoToEpochDay(d) !== null, "sellBy is not a valid date")
    .describe("Last day the stock may sell at retail (YYYY-MM-DD); what is left after it is salvaged"),
  stock: z.coerce.number().int("stock must be a whole number of units").min(0, "stock must be ≥ 0").max(1_000_000, "stock must be at most 1,000,000").optional().describe("Units on hand; default: the latest stock count"),
});
export type MarkdownQuery = z.input<typeof markdownQuerySchema>;

/** Everything the markdown programme runs on for one item × store, and where each part came from. */
export type MarkdownSetup = {
  scored: ScoredSeries;
  input: MarkdownInput | null;
  start: string;
  weeks: number;
  stock: number;
  stockSource: "request" | "inventory";
  settings: { ladder: number[]; minWeeksPerStep: number; salvageRate: number };
  /** Discounts whose price lies below anything the item sold at (the model extrapolates there). */
  extrapolatedDiscounts: number[];
  notes: string[];
};

/**
 * Year-ago units a day of the item's category (all stores) over a window, each day's units divided
 * by the model's own lift at that day's discount off the regular price (`lift`): the seasonal shape
 * beyond the model's horizon, without last year's clearance and promotions read as season. Null
 * when the window is outside the history or has no sales days.
 */
function categoryRate(panel: Panel, category: string | undefined, from: number, to: number, lift: (discount: number) => number): number | null {
  if (from < 0 || to >= panel.nDays) return null;
  let units = 0;
  let days = 0;
  for (const s of panel.series) {
    if (panel.items.get(s.itemId)?.category !== category) continue;
    for (let d = Math.max(from, s.firstDay); d <= Math.min(to, s.lastDay); d++) {
      const u = s.units[d]!;
      if (Number.isNaN(u)) continue;
      const off = 1 - (1 - (s.markdown?.[d] ?? 0)) * (1 - (s.discount?.[d] ?? 0));
      units += u / lift(off);
      days++;
    }
  }
  return days > 0 ? units / days : null;
}

/** Piecewise-linear lift over the discount grid (1 at no discount), flat beyond its ends. */
function liftCurve(discounts: readonly number[], units: readonly number[]): (discount: number) => number {
  const base = units[discounts.indexOf(0)]!;
  const rel = units.map((u) => (base > 0 ? Math.max(1e-6, u / base) : 1));
  return (d) => {
    if (d <= discounts[0]!) return rel[0]!;
    for (let k = 1; k < discounts.length; k++) {
      if (d <= discounts[k]!) return rel[k - 1]! + ((rel[k]! - rel[k - 1]!) * (d - discounts[k - 1]!)) / (discounts[k]! - discounts[k - 1]!);
    }
    return rel.at(-1)!;
  };
}

/**
 * Negative-binomial size of weekly demand from the model's expected units and day-level P10–P90 (days independent):
 * variance = μ + μ²/size, pooled over the horizon's weeks at the planned price. Poisson when the
 * band is no wider than Poisson's.
 */
export function weeklyDispersion(weeks: readonly PeriodBand[]): DemandDistribution {
  let mean2 = 0;
  let excess = 0;
  for (const w of weeks) {
    mean2 += w.mean * w.mean;
    excess += w.variance - w.mean;
  }
  return { kind: "negativeBinomial", size: excess > 0 && mean2 > 0 ? Math.max(0.5, mean2 / excess) : Infinity };
}

/**
 * The weekly demand response of an item × store from the production model: weeks inside the
 * model's horizon are its re-scored P50 at each discount; later weeks repeat the last forecast
 * week's response scaled by the category's sales in the same weeks a year earlier.
 */
export async function markdownSetup(tx: Tx, query: MarkdownQuery): Promise<MarkdownSetup> {
  const q = markdownQuerySchema.parse(query);
  const settings = await getPricingSettings(tx);
  const ladder = settings.markdownLadder;
  const discounts = [...new Set([...ladder, ...FIXED_SCHEDULE.map((f) => f.discount)])].sort((a, b) => a - b);
  const ratios = discounts.map((d) => Math.round((1 - d) * 1e6) / 1e6);
  const scored = await scoreSeriesPrices(tx, q, ratios, { mean: true });
  const { base, panel, series, history, unitCost, response } = scored;
  const startDay = isoToEpochDay(base.model.trainedTo)! + 1;
  const start = epochDayToIso(startDay);
  const sellByDay = isoToEpochDay(q.sellBy)!;
  const days = sellByDay - startDay + 1;
  if (days < 7) throw new AppError("bad_request:sell_by", `sellBy must be at least a week after the forecast starts (${start}); got ${q.sellBy}.`);
  const weeks = Math.ceil(days / 7);
  if (weeks > MAX_WEEKS) throw new AppError("bad_request:sell_by", `sellBy must be within ${MAX_WEEKS} weeks of ${start}; got ${q.sellBy} (${weeks} weeks).`);
  const horizonWeeks = Math.floor(base.horizonDays / 7);
  if (horizonWeeks < 1) throw new AppError("bad_request:model", `The production model forecasts ${base.horizonDays} days, less than the week a markdown step lasts.`);

  let stock = q.stock;
  let stockSource: MarkdownSetup["stockSource"] = "request";
  if (stock === undefined) {
    const [position] = await loadStockPositions(tx, { storeId: base.store.id, itemId: base.item.id });
    if (!position) throw new AppError("bad_request:stock", `No stock count for item ${base.item.id} at store ${base.store.id}; give stock on hand.`);
    stock = Math.max(0, Math.round(position.onHand));
    stockSource = "inventory";
  }
  const notes: string[] = [];
  const observedMin = history.observed?.min ?? null;
  const currentPrice = response.plannedNet[0]!;
  const extrapolatedDiscounts = observedMin === null ? [] : ladder.filter((d) => currentPrice * (1 - d) < observedMin - 1e-9);
  if (extrapolatedDiscounts.length > 0) {
    notes.push(`Discounts of ${extrapolatedDiscounts.map((d) => `${Math.round(d * 100)}%`).join(", ")} price the item below anything it sold at (${observedMin!.toFixed(2)}): the model cannot see demand rise there, so the plan undervalues them.`);
  }
  const out = { scored, start, weeks, stock, stockSource, settings: { ladder, minWeeksPerStep: settings.minWeeksPerStep, salvageRate: settings.salvageRate }, extrapolatedDiscounts, notes };
  if (!history.enough || unitCost === null) return { ...out, input: null };

  const periods = response.periods[0]!;
  const at = (discount: number) => discounts.indexOf(discount);
  const lastWeek = horizonWeeks - 1;
  const category = panel.items.get(series.itemId)?.category;
  // Day index of the forecast's first day in the panel; the year-ago window spans the week ± 1 week.
  const origin = startDay - isoToEpochDay(panel.dates[0]!)!;
  const lift = liftCurve(discounts, discounts.map((d) => periods[at(d)]![lastWeek]!.mean));
  const yearAgo = (w: number) => categoryRate(panel, category, origin + 7 * w - DAYS_PER_YEAR_ALIGNED - 7, origin + 7 * w - DAYS_PER_YEAR_ALIGNED + 13, lift);
  const anchor = yearAgo(lastWeek);
  const season = Array.from({ length: weeks }, (_, w) => {
    if (w <= lastWeek) return 1;
    const then = yearAgo(w);
    if (anchor === null || then === null || anchor <= 0) return 1;
    return Math.min(SEASON_CLAMP[1], Math.max(SEASON_CLAMP[0], then / anchor));
  });
  if (weeks > horizonWeeks) {
    const seasonal = anchor !== null && anchor > 0 && yearAgo(weeks - 1) !== null;
    notes.push(
      seasonal
        ? `Weeks ${horizonWeeks + 1}–${weeks} are beyond the model's ${base.horizonDays}-day horizon: they repeat its last week's price response, scaled by ${category ?? "the category"}'s sales in the same weeks a year earlier (each day's divided by the model's lift at its discount).`
        : `Weeks ${horizonWeeks + 1}–${weeks} are beyond the model's ${base.horizonDays}-day horizon and there is no year-ago history to scale them: they repeat its last week's demand.`,
    );
  }
  const distribution = weeklyDispersion(periods[at(0)]!.slice(0, horizonWeeks));
  const input: MarkdownInput = {
    stock,
    weeks,
    regularPrice: currentPrice,
    unitCost,
    ladder,
    minWeeksPerStep: settings.minWeeksPerStep,
    salvagePerUnit: settings.salvageRate * unitCost,
    demand: (w, d) => periods[at(d)]![Math.min(w, lastWeek)]!.mean * season[w]!,
    distribution,
  };
  return { ...out, input };
}

/**
 * The margin-maximising markdown ladder for an item × store until a sell-by date (models/pricing/
 * markdown.ts), on the production model's weekly price response, with the fixed −30%/−50%
 * schedule's outcome beside it. No plan without a learnable price response or a unit cost.
 */
export async function getMarkdownPlan(tx: Tx, query: MarkdownQuery): Promise<MarkdownPlanResult> {
  const q = markdownQuerySchema.parse(query);
  const setup = await markdownSetup(tx, q);
  const { scored, input, start, weeks, stock, stockSource, settings, notes } = setup;
  const { base, response } = scored;
  const head = {
    store: base.store,
    item: base.item,
    model: base.model,
    start,
    sellBy: q.sellBy,
    weeks,
    stock,
    stockSource,
    currentPrice: response.plannedNet[0]!,
    observed: base.observed,
    settings: { ...settings, salvagePerUnit: base.item.unitCost === null ? null : settings.salvageRate * base.item.unitCost },
    notes,
  };
  if (!input) {
    const reason = base.insufficient ?? "The item has no unit cost in the catalog, so margin cannot be computed. Import it with the catalog.";
    return { ...head, distribution: null, ladder: [], plan: null, fixed: null, reason };
  }
  const plan = planMarkdown(input);
  const startDay = isoToEpochDay(start)!;
  const week = (w: { week: number; weeksLeft: number; discount: number; price: number; stock: number; units: number }) => ({
    ...w,
    weekStart: epochDayToIso(startDay + 7 * w.week),
    extrapolated: setup.extrapolatedDiscounts.includes(w.discount),
  });
  if (plan.unitsPerState > 1) notes.push(`${stock} units are planned in packs of ${plan.unitsPerState} (the programme tracks at most ${MAX_STOCK_STATES} stock levels).`);
  const { ladder: fixedLadder, ...fixed } = plan.fixed;
  const size = input.distribution?.kind === "negativeBinomial" ? input.distribution.size : null;
  return {
    ...head,
    distribution: { kind: "negativeBinomial", size: size !== null && Number.isFinite(size) ? size : null },
    ladder: plan.ladder.map(week),
    plan: plan.plan,
    fixed: { ...fixed, ladder: fixedLadder.map(week) },
    reason: null,
  };
}
