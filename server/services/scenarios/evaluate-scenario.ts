import "server-only";
import { asc, eq, inArray } from "drizzle-orm";
import { items, stores } from "@/drizzle/schema";
import { addDaysIso, isoToEpochDay } from "@/models/data";
import { F } from "@/models/features";
import { aggregateDays, DEFAULT_SERIES_CORRELATION } from "@/models/inventory";
import { controlsOf, priceHistory, scenarioEdit, scoreEditedRows, stockoutDays, totalBand } from "@/models/pricing";
import type { DayForecast, EditedCell } from "@/models/pricing";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import type { ScenarioResult } from "@/server/api/routers/scenarios.types";
import { seriesKey } from "@/server/services/explain/version-inputs";
import { pointForecast } from "@/server/services/forecasting/point-forecast";
import { loadDemandForecasts } from "@/server/services/inventory/demand-forecasts";
import { getInventorySettings } from "@/server/services/inventory/settings";
import { loadStockPositions } from "@/server/services/inventory/stock-positions";
import { OBSERVED_WINDOW_DAYS } from "@/server/services/pricing/price-curve";
import { getProductionModel } from "@/server/services/models/registry";
import { loadProductionScoring } from "@/server/services/pricing/production-scoring";
import { MAX_SCENARIO_CELLS, modelChange, scenarioDefinitionSchema } from "./scenario-definition";
import type { ScenarioDefinition, ScenarioDefinitionInput } from "./scenario-definition";

const listed = (ids: readonly string[]) => (ids.length > 5 ? `${ids.slice(0, 5).join(", ")} and ${ids.length - 5} more` : ids.join(", "));
const unchanged = () => undefined;
const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** The items and stores a definition names, refused as NOT_FOUND when one is unknown to this tenant (RLS hides every other tenant's). */
async function resolveScope(tx: Tx, def: ScenarioDefinition) {
  const itemRows =
    def.items.by === "ids"
      ? await tx.select().from(items).where(inArray(items.id, def.items.ids)).orderBy(asc(items.id))
      : await tx.select().from(items).where(eq(items.category, def.items.category)).orderBy(asc(items.id));
  if (def.items.by === "ids") {
    const found = new Set(itemRows.map((i) => i.id));
    const missing = [...new Set(def.items.ids)].filter((i) => !found.has(i));
    if (missing.length) throw new AppError("not_found:item", `Item${missing.length === 1 ? "" : "s"} ${listed(missing)} not found.`);
  } else if (itemRows.length === 0) throw new AppError("not_found:category", `Category ${def.items.category} not found.`);
  const storeRows = def.stores.by === "ids" ? await tx.select().from(stores).where(inArray(stores.id, def.stores.ids)).orderBy(asc(stores.id)) : await tx.select().from(stores).orderBy(asc(stores.id));
  if (def.stores.by === "ids") {
    const found = new Set(storeRows.map((s) => s.id));
    const missing = [...new Set(def.stores.ids)].filter((s) => !found.has(s));
    if (missing.length) throw new AppError("not_found:store", `Store${missing.length === 1 ? "" : "s"} ${listed(missing)} not found.`);
  }
  return { itemRows, storeRows };
}

/** The forecast days a scenario may cover (the production model's horizon) and its size limit. */
export async function scenarioHorizon(tx: Tx) {
  const version = await getProductionModel(tx);
  if (!version) return { model: null, firstDate: null, lastDate: null, maxCells: MAX_SCENARIO_CELLS };
  return { model: { id: version.id, version: version.version }, firstDate: addDaysIso(version.trainedTo, 1), lastDate: addDaysIso(version.trainedTo, version.horizon), maxCells: MAX_SCENARIO_CELLS };
}

/**
 * Evaluates a what-if without saving it: every affected item × store × day is re-scored through
 * the production model (mean and P10/P50/P90) with its changed price, discount or promotion, next
 * to the same day re-scored as planned, and the difference — the model's effect of the change —
 * is added to the stored forecast (analysts' overrides applied), the baseline. A day the change
 * leaves as it was keeps its stored forecast exactly. Totals of units, revenue (net price × units)
 * and margin ((net price − catalog unit cost) × units) are sums of means with the band of the
 * total as forecast aggregates compute it; the stock impact counts the days on which demand since
 * the first forecast day exceeds stock on hand plus open orders.
 */
export async function evaluateScenario(tx: Tx, input: ScenarioDefinitionInput, options: { maxCells?: number } = {}): Promise<ScenarioResult> {
  const maxCells = options.maxCells ?? MAX_SCENARIO_CELLS;
  const started = performance.now();
  const def = scenarioDefinitionSchema.parse(input);
  const { itemRows, storeRows } = await resolveScope(tx, def);
  const { version, inputs, onnx, calibration } = await loadProductionScoring(tx, "what-if scenarios");
  const firstDate = addDaysIso(version.trainedTo, 1);
  const lastDate = addDaysIso(version.trainedTo, version.horizon);
  if (def.from < firstDate || def.to > lastDate) {
    throw new AppError("bad_request:scenario_dates", `from and to must lie within the forecast horizon of model v${version.version}: ${firstDate} … ${lastDate} (got ${def.from} … ${def.to}).`);
  }
  const fromH = isoToEpochDay(def.from)! - isoToEpochDay(firstDate)!;
  const toH = isoToEpochDay(def.to)! - isoToEpochDay(firstDate)!;
  const nDays = toH - fromH + 1;

  const { panel, rows, seriesBlock } = inputs;
  const pairs = storeRows.flatMap((store) => itemRows.flatMap((item) => {
    const block = seriesBlock.get(seriesKey(store.id, item.id));
    return block === undefined ? [] : [{ store, item, block }];
  }));
  const skippedPairs = storeRows.length * itemRows.length - pairs.length;
  if (pairs.length === 0) throw new AppError("bad_request:scenario_empty", "None of the chosen items has a forecast at the chosen stores (not on sale there at the model's last training day).");
  const cellCount = pairs.length * nDays;
  if (cellCount > maxCells) {
    throw new AppError("payload_too_large:scenario_size", `The scenario covers ${cellCount.toLocaleString("en")} item × store × days (${pairs.length} series × ${nDays} days); at most ${maxCells.toLocaleString("en")} per scenario. Choose fewer items, stores or days.`);
  }
  const change = modelChange(def.change);
  const width = rows.nFeatures;
  if (change.price || change.discount !== undefined) {
    const priceless = pairs.filter((p) => Number.isNaN(rows.X[(p.block * rows.horizon + fromH) * width + F.target_price]!));
    if (priceless.length) throw new AppError("bad_request:scenario_prices", `A price or discount change needs prices in the sales history; ${listed(priceless.map((p) => `${p.item.id} at ${p.store.id}`))} ha${priceless.length === 1 ? "s" : "ve"} none.`);
  }

  // Each changed day is scored twice, as planned and as changed, in one run per model.
  const edit = scenarioEdit(change);
  const cells: EditedCell[] = [];
  const cellOf = new Int32Array(cellCount).fill(-1);
  const prices: { baseline: number; scenario: number }[] = new Array(cellCount);
  const scratch = new Float32Array(width);
  pairs.forEach((p, s) => {
    for (let j = 0; j < nDays; j++) {
      const h = fromH + j;
      const planned = rows.X.subarray((p.block * rows.horizon + h) * width, (p.block * rows.horizon + h + 1) * width);
      scratch.set(planned);
      edit(scratch);
      const c = s * nDays + j;
      // A series imported without prices is valued at the catalog's base price (a price change was refused above).
      const net = (row: Float32Array) => (Number.isNaN(row[F.target_price]!) ? p.item.basePrice : controlsOf(row).netPrice);
      prices[c] = { baseline: net(planned), scenario: net(scratch) };
      if (scratch.every((v, f) => Object.is(v, planned[f]))) continue;
      if (prices[c]!.scenario <= 0) throw new AppError("bad_request:scenario_price", `The change makes the price of ${p.item.id} at ${p.store.id} ${prices[c]!.scenario.toFixed(2)}; prices must stay above zero.`);
      cellOf[c] = cells.length;
      cells.push({ block: p.block, h, edit: unchanged }, { block: p.block, h, edit });
    }
  });
  const scored = cells.length ? await scoreEditedRows(onnx, rows, cells, calibration, { mean: true }) : null;

  // Only the scenario's items are read: the whole tenant's forecasts and stock counts took seconds.
  const scopeFilter = { storeId: storeRows.length === 1 ? storeRows[0]!.id : undefined, itemIds: [...new Set(pairs.map((p) => p.item.id))] };
  // Overrides match by category; only the scenario's own series are read from the result.
  const categoryOf = new Map(itemRows.map((i) => [i.id, i.category]));
  const [demand, positions, settings] = await Promise.all([
    loadDemandForecasts(tx, scopeFilter, (id) => categoryOf.get(id)),
    loadStockPositions(tx, scopeFilter),
    getInventorySettings(tx),
  ]);
  if (!demand || demand.model.id !== version.id) throw new AppError("conflict:scenario_model", "The production model changed during the evaluation; try again.");
  const stockBy = new Map(positions.map((s) => [seriesKey(s.storeId, s.itemId), s]));
  const correlation = { days: settings.calibration.correlation, series: settings.calibration.seriesCorrelation ?? DEFAULT_SERIES_CORRELATION };

  const delta = (k: number, q: "p10" | "p50" | "p90" | "mean") => {
    const pick = (i: number) => (q === "mean" ? (scored!.mean ?? scored!.p50)[i]! : scored![q][i]!);
    return pick(k + 1) - pick(k);
  };
  let extrapolated = 0;
  const perSeries = pairs.map((p, s) => {
    const stored = demand.series.get(seriesKey(p.store.id, p.item.id));
    if (!stored) throw new AppError("conflict:scenario_forecast", `Item ${p.item.id} at ${p.store.id} has no stored forecast from model v${version.version}.`);
    const all: DayForecast[] = stored.days.map((d) => ({ p10: d.p10, p50: d.p50, p90: d.p90, mean: pointForecast({ p50: d.p50, mean: d.mean ?? null }).value }));
    const baseline = all.slice(fromH, toH + 1);
    const scenario = baseline.map((day, j) => {
      const k = cellOf[s * nDays + j]!;
      if (k < 0) return day;
      const [p10, p50, p90] = [day.p10 + delta(k, "p10"), day.p50 + delta(k, "p50"), day.p90 + delta(k, "p90")].map((v) => Math.max(0, v)).sort((a, b) => a - b) as [number, number, number];
      return { p10, p50, p90, mean: Math.max(0, day.mean + delta(k, "mean")) };
    });
    const price = (which: "baseline" | "scenario") => baseline.map((_, j) => prices[s * nDays + j]![which]);
    const series = panel.series[rows.seriesIndices[p.block]!]!;
    const observed = priceHistory([series], panel.nDays - OBSERVED_WINDOW_DAYS, panel.nDays - 1).observed;
    const planned = price("baseline");
    const outside = observed !== null && price("scenario").some((v, j) => v !== planned[j] && (v < observed.min - 1e-9 || v > observed.max + 1e-9));
    if (outside) extrapolated++;
    const stock = stockBy.get(seriesKey(p.store.id, p.item.id));
    const stockout = (days: readonly DayForecast[], q: "mean" | "p10" | "p90") =>
      stock ? stockoutDays([...all.slice(0, fromH), ...days].map((d) => d[q]), stock.onHand + stock.onOrder, fromH) : null;
    return { p, baseline, scenario, price, outside, stockout, hasStock: stock !== undefined };
  });

  const measure = (weight: (s: (typeof perSeries)[number], which: "baseline" | "scenario") => number[], kind: "units" | "money") => {
    const total = (which: "baseline" | "scenario") => totalBand(perSeries.map((s) => ({ days: s[which], weights: weight(s, which) })), correlation, kind);
    const baseline = total("baseline");
    const scenario = total("scenario");
    return { baseline, scenario, change: scenario.mean - baseline.mean };
  };
  const ones = () => new Array<number>(nDays).fill(1);
  const margins = (s: (typeof perSeries)[number], which: "baseline" | "scenario") => s.price(which).map((v) => v - s.p.item.unitCost);
  const stockTotal = (which: "baseline" | "scenario") => {
    const of = (q: "mean" | "p10" | "p90") => sum(perSeries.map((s) => s.stockout(s[which], q) ?? 0));
    return { mean: of("mean"), p10: of("p10"), p90: of("p90") };
  };
  const chart = (which: "baseline" | "scenario") => aggregateDays(perSeries.map((s) => s[which]), correlation.series);
  const [baselineDays, scenarioDays] = [chart("baseline"), chart("scenario")];
  const dot = (days: readonly DayForecast[], weights: readonly number[]) => sum(days.map((d, j) => d.mean * weights[j]!));

  const warnings: string[] = [];
  if (extrapolated) warnings.push(`${extrapolated} of ${pairs.length} item × store pairs get prices outside the range they sold at in the last year: the model extrapolates there.`);
  if (skippedPairs) warnings.push(`${skippedPairs} item × store pairs have no forecast (not on sale at the model's last training day) and are left out.`);
  const noStock = perSeries.filter((s) => !s.hasStock).length;
  if (noStock) warnings.push(`${noStock} item × store pairs have no stock count and are left out of the stock impact.`);
  if (!onnx.mean) warnings.push(`Model v${version.version} has no mean model: P50 stands in for the mean.`);

  return {
    model: { id: version.id, version: version.version, trainedTo: version.trainedTo },
    evaluatedAt: new Date().toISOString(),
    evaluationMs: Math.round(performance.now() - started),
    scoredRows: cells.length,
    scope: { from: def.from, to: def.to, days: nDays, series: pairs.length, cells: cellCount, skippedPairs },
    units: measure(ones, "units"),
    revenue: measure((s, which) => s.price(which), "money"),
    margin: measure(margins, "money"),
    stock: { baseline: stockTotal("baseline"), scenario: stockTotal("scenario"), seriesWithStock: perSeries.length - noStock },
    days: baselineDays.map((b, j) => ({ date: addDaysIso(def.from, j), baseline: b, scenario: scenarioDays[j]! })),
    series: perSeries.map((s) => ({
      storeId: s.p.store.id,
      storeName: s.p.store.name,
      itemId: s.p.item.id,
      itemName: s.p.item.name,
      unitCost: s.p.item.unitCost,
      baselinePrice: sum(s.price("baseline")) / nDays,
      scenarioPrice: sum(s.price("scenario")) / nDays,
      baselineUnits: sum(s.baseline.map((d) => d.mean)),
      scenarioUnits: sum(s.scenario.map((d) => d.mean)),
      baselineMargin: dot(s.baseline, margins(s, "baseline")),
      scenarioMargin: dot(s.scenario, margins(s, "scenario")),
      baselineStockoutDays: s.stockout(s.baseline, "mean"),
      scenarioStockoutDays: s.stockout(s.scenario, "mean"),
      extrapolated: s.outside,
    })),
    warnings,
  };
}
