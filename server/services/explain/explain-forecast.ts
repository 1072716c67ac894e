import "server-only";
import { and, eq, gte, lte } from "drizzle-orm";
import { z } from "zod";
import { forecasts } from "@/drizzle/schema";
import { addDaysIso, epochDayToIso } from "@/models/data";
import { F, FEATURE_NAMES, N_FEATURES } from "@/models/features";
import type { FeatureName } from "@/models/features";

import { FEATURE_INFO, groupContributions, treeShap, waterfall } from "@/models/xai";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import { getItem } from "@/server/services/catalog/list-items";
import { getStore } from "@/server/services/catalog/list-stores";
import { getProductionModel } from "@/server/services/models/registry";
import { getTenant } from "@/server/services/tenant/get-tenant";
import { text } from "@/server/validation/text";
import { priceCurve } from "./control-predictor";
import { counterfactualBoundsSchema, findForecastCounterfactuals } from "./find-counterfactuals";
import { globalImportance } from "./global-importance";
import { numberFormats } from "./number-format";
import type { NumberFormats } from "./number-format";
import { seriesKey, versionInputs } from "./version-inputs";
import type { VersionInputs } from "./version-inputs";
import { writeSentences } from "./write-sentences";

const id = text({ min: 1, max: 64 });

const scopeFields = {
  category: text({ min: 1, max: 120 }).optional().describe("Category: its items at the store summed, or across every store without one"),
  date: z.iso.date().describe("First forecast day explained (YYYY-MM-DD)"),
  days: z.number().int().min(1).max(28).default(1).describe("Number of days from `date` summed, e.g. 7 for a week"),
  ...counterfactualBoundsSchema.shape,
};
const oneScope = (q: { item?: string; category?: string }) => (q.item !== undefined) !== (q.category !== undefined);
const SCOPE_RULE = { message: "Give an item or a category (either optionally with a store), not both" };

export const explainForecastSchema = z
  .object({
    storeId: id.optional().describe("Store id; with `itemId` one series, with `category` a category at that store; without it, summed across stores"),
    itemId: id.optional().describe("Item id; without `storeId` the item summed across stores"),
    ...scopeFields,
  })
  .refine((q) => oneScope({ item: q.itemId, category: q.category }), SCOPE_RULE);

/** The REST query of `GET /api/v1/explain?store=&item=&date=`: the same fields, named as the issue's API names them. */
export const explainQuerySchema = z
  .object({
    store: id.optional().describe("Store id; with `item` one series, with `category` a category at that store; without it, summed across stores"),
    item: id.optional().describe("Item id; without `store` the item summed across stores"),
    ...scopeFields,
  })
  .refine((q) => oneScope(q), SCOPE_RULE);
export type ExplainForecastInput = z.input<typeof explainForecastSchema>;

/** Rows of the version's inference set that the explained forecast sums, with their stored forecasts. */
type Selection = { rows: number[]; series: { storeId: string; itemId: string }[]; from: string; to: string };

/** Rows whose forecast is explained, after checking the ids exist in this tenant and the dates are forecast. */
async function selectRows(tx: Tx, inputs: VersionInputs, q: z.output<typeof explainForecastSchema>): Promise<Selection> {
  const { panel, rows, version } = inputs;
  if (q.storeId) await getStore(tx, q.storeId);
  if (q.itemId) await getItem(tx, q.itemId);
  const firstDay = epochDayToIso(panel.startEpochDay + panel.nDays);
  const lastDay = addDaysIso(firstDay, rows.horizon - 1);
  const to = addDaysIso(q.date, q.days - 1);
  if (q.date < firstDay || to > lastDay) {
    throw new AppError("bad_request:date", `Model v${version.version} forecasts ${firstDay} to ${lastDay}; ${q.days === 1 ? q.date : `${q.date} to ${to}`} is outside that range.`);
  }
  const h0 = Math.round((Date.parse(q.date) - Date.parse(firstDay)) / 86_400_000) + 1;
  const series = panel.series.filter((s) =>
    (!q.storeId || s.storeId === q.storeId) && (q.itemId ? s.itemId === q.itemId : panel.items.get(s.itemId)?.category === q.category),
  );
  const blocks = series.map((s) => inputs.seriesBlock.get(seriesKey(s.storeId, s.itemId))).filter((k) => k !== undefined);
  if (blocks.length === 0) {
    throw new AppError("not_found:forecast", q.category ? `No forecast for category ${q.category}${q.storeId ? ` at store ${q.storeId}` : ""}.` : `No forecast for item ${q.itemId}${q.storeId ? ` at store ${q.storeId}` : ""}.`);
  }
  const selected = blocks.flatMap((k) => Array.from({ length: q.days }, (_, j) => k * rows.horizon + h0 - 1 + j));
  const seriesOf = (k: number) => panel.series[rows.seriesIndices[k]!]!;
  return { rows: selected, series: blocks.map((k) => ({ storeId: seriesOf(k).storeId, itemId: seriesOf(k).itemId })), from: q.date, to };
}

/** Feature rows `rows` of the inference set, copied into one matrix. */
export function gatherRows(inputs: VersionInputs, rows: readonly number[]): Float32Array {
  const X = new Float32Array(rows.length * N_FEATURES);
  rows.forEach((r, i) => X.set(inputs.rows.X.subarray(r * N_FEATURES, (r + 1) * N_FEATURES), i * N_FEATURES));
  return X;
}

async function servedForecasts(tx: Tx, inputs: VersionInputs, selection: Selection) {
  const stored = await tx
    .select({ storeId: forecasts.storeId, itemId: forecasts.itemId, date: forecasts.date, p10: forecasts.p10, p50: forecasts.p50, p90: forecasts.p90 })
    .from(forecasts)
    .where(and(eq(forecasts.modelVersionId, inputs.version.id), gte(forecasts.date, selection.from), lte(forecasts.date, selection.to)));
  const wanted = new Set(selection.series.map((s) => seriesKey(s.storeId, s.itemId)));
  return stored.filter((r) => wanted.has(seriesKey(r.storeId, r.itemId)));
}

/** A feature's value as a manager reads it: `_rel` levels back in units a day, shares in %, money in the tenant's currency. */
function showFeature(name: FeatureName, value: number, scale: number, f: NumberFormats): string {
  if (Number.isNaN(value)) return "not known";
  const unit = FEATURE_INFO[name].unit;
  if (unit === "units_per_day") return `${f.units(name.endsWith("_rel") ? value * scale : value)} a day`;
  if (unit === "share") return f.percent(value);
  if (unit === "money") return f.money(value);
  if (unit === "flag") return value > 0 ? "yes" : "no";
  if (unit === "days") return `${f.units(value)} days`;
  return f.units(value);
}

/**
 * Exact TreeSHAP of the production P50 model on the feature rows its stored forecast was
 * predicted from, in units: each row's scaled attributions times its scale, summed over the
 * rows (attributions of a sum are sums of attributions). The rows are rebuilt from the history
 * up to the version's last training day and re-scored through onnxruntime; if that does not give
 * the stored forecast, the history has changed and the explanation is refused, not guessed.
 */
export async function explainForecast(tx: Tx, tenantId: string, input: ExplainForecastInput) {
  const q = explainForecastSchema.parse(input);
  const version = await getProductionModel(tx);
  if (!version) throw new AppError("not_found:model", "This workspace has no production model yet; train one to get explanations.");
  const inputs = await versionInputs(tx, version);
  const selection = await selectRows(tx, inputs, q);
  const tenant = await getTenant(tx, tenantId);
  const f = numberFormats(tenant.locale, tenant.currency);

  const X = gatherRows(inputs, selection.rows);
  const n = selection.rows.length;
  const raw = await inputs.p50.onnx.predict(X, n);
  const shap = treeShap(inputs.p50.trees, { data: X, nRows: n, nFeatures: N_FEATURES });
  const scales = selection.rows.map((r) => inputs.rows.scale[r]!);
  const values = new Float64Array(N_FEATURES);
  let baseValue = 0;
  let onnxUnits = 0;
  let recentTypical = 0;
  let recentVariance = 0;
  scales.forEach((s, i) => {
    baseValue += shap.expectedValue * s;
    onnxUnits += raw[i]! * s;
    for (let j = 0; j < N_FEATURES; j++) values[j] = values[j]! + shap.values[i * N_FEATURES + j]! * s;
    recentTypical += X[i * N_FEATURES + F.mean_28d_rel]! * s;
    recentVariance += (X[i * N_FEATURES + F.std_28d_rel]! * s) ** 2;
  });
  const modelOutput = baseValue + values.reduce((a, b) => a + b, 0);

  const served = await servedForecasts(tx, inputs, selection);
  if (served.length !== n) throw new AppError("conflict:explanation_stale", `Model v${version.version} stored ${served.length} of the ${n} forecast days explained; retrain to explain them.`);
  const sum = (key: "p10" | "p50" | "p90") => served.reduce((a, r) => a + r[key], 0);
  const forecast = sum("p50");
  // The served P50 is the model output floored at zero (and ordered against P10/P90); a
  // rebuilt row that does not reproduce it was not the row the forecast came from.
  const floored = selection.rows.reduce((a, _, i) => a + Math.fround(Math.max(0, raw[i]! * scales[i]!)), 0);
  if (Math.abs(floored - forecast) > 1e-3 * Math.max(1, Math.abs(forecast)) && Math.abs(onnxUnits - forecast) > 1e-3 * Math.max(1, Math.abs(forecast))) {
    throw new AppError("conflict:explanation_stale", `The sales history up to ${version.trainedTo} has changed since model v${version.version} forecast it, so its forecast can no longer be explained exactly; retrain to explain the current history.`);
  }

  const single = n === 1;
  const shapList = FEATURE_NAMES.map((feature, j) => ({
    feature,
    label: FEATURE_INFO[feature].label,
    group: FEATURE_INFO[feature].group,
    value: values[j]!,
    shown: single ? showFeature(feature, X[j]!, scales[0]!, f) : null,
  }));
  const groups = groupContributions(FEATURE_NAMES, values);
  const adjustment = forecast - modelOutput;
  const p10 = sum("p10");
  const p90 = sum("p90");
  const period = q.days === 1 ? `on ${formatDate(q.date, tenant.locale)}` : `for ${formatDate(selection.from, tenant.locale)} – ${formatDate(selection.to, tenant.locale)}`;
  const counterfactuals = await findForecastCounterfactuals(inputs, X, scales, q, period, f);
  const prices = counterfactuals.levers.includes("price") ? await priceCurve(inputs, X, scales) : [];
  const sentences = writeSentences({ period, forecast, baseValue, p10, p90, groups, recentTypical, recentSpread: 2.56 * Math.sqrt(recentVariance) }, f);
  return {
    modelVersion: { id: version.id, version: version.version, trainedTo: version.trainedTo },
    scope: { storeId: q.storeId ?? null, itemId: q.itemId ?? null, category: q.category ?? null, from: selection.from, to: selection.to, days: q.days, series: selection.series.length, period },
    locale: tenant.locale,
    currency: tenant.currency,
    baseValue,
    forecast,
    p10,
    p90,
    modelOutput,
    /** Served forecast minus model output: non-zero only where the P50 was floored at zero or reordered against P10/P90. */
    adjustment,
    /** |base + Σ shap − onnxruntime's output| in units: the additivity check, shown so anyone can verify it. */
    additivityError: Math.abs(modelOutput - onnxUnits),
    shap: shapList,
    groups,
    waterfall: waterfall(baseValue, groups.map((g) => ({ label: g.label, value: g.value })), groups.length),
    featureWaterfall: waterfall(baseValue, shapList.map((s) => ({ label: s.label, value: s.value }))),
    recent: { mean: recentTypical, spread80: 2.56 * Math.sqrt(recentVariance) },
    sentences,
    counterfactuals,
    priceCurve: prices,
    globalImportance: globalImportance(inputs),
    selection,
  };
}

export type ForecastExplanation = Awaited<ReturnType<typeof explainForecast>>;

function formatDate(iso: string, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
}
