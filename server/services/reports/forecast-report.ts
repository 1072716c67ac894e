import "server-only";
import { z } from "zod";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import { explainForecast } from "@/server/services/explain/explain-forecast";
import type { ForecastExplanation } from "@/server/services/explain/explain-forecast";
import { numberFormats } from "@/server/services/explain/number-format";
import { getItem } from "@/server/services/catalog/list-items";
import { getStore } from "@/server/services/catalog/list-stores";
import { listRecommendations } from "@/server/services/inventory/recommendations";
import { getProductionModel } from "@/server/services/models/registry";
import { getTenant } from "@/server/services/tenant/get-tenant";
import type { TenantProfile } from "@/server/services/tenant/get-tenant";
import { text } from "@/server/validation/text";
import { waterfall } from "@/models/xai";
import { drawForecastChart, drawWaterfall } from "./report-charts";
import { reportSeries } from "./report-series";
import type { ReportSeries } from "./report-series";
import { reportBrand, reportLogo } from "./report-brand";
import type { ReportLogo } from "./report-brand";
import { createReport, heading, MUTED, paragraph, table } from "./report-document";

const id = text({ min: 1, max: 64 });

export const forecastReportSchema = z
  .object({
    store: id.optional().describe("Store id; without it, the item or category summed across every store"),
    item: id.optional().describe("Item id (give an item or a category)"),
    category: text({ min: 1, max: 120 }).optional().describe("Category: its items summed (give an item or a category)"),
    days: z.number().int().min(1).max(28).default(7).describe("Forecast days explained from the first one (default a week)"),
  })
  .refine((q) => (q.item !== undefined) !== (q.category !== undefined), { message: "Give an item or a category (either optionally with a store), not both" });
export type ForecastReportInput = z.input<typeof forecastReportSchema>;

const HISTORY_DAYS = 56;
const TOP_FACTORS = 10;
const TOP_LINES = 12;

export type ForecastReportData = {
  tenant: TenantProfile;
  logo: ReportLogo;
  /** What the report is about, in words: "Oat milk at Store 3", "Dairy across all stores". */
  subject: { title: string; detail: string; single: boolean };
  model: NonNullable<Awaited<ReturnType<typeof getProductionModel>>>;
  series: ReportSeries;
  explanation: ForecastExplanation;
  inventory: Awaited<ReturnType<typeof listRecommendations>>;
};

/** Everything the forecast report prints, read in one tenant transaction (the PDF is drawn after it closes). */
export async function forecastReportData(tx: Tx, tenantId: string, input: ForecastReportInput): Promise<ForecastReportData> {
  const q = forecastReportSchema.parse(input);
  const [tenant, store, item, model] = await Promise.all([getTenant(tx, tenantId), q.store ? getStore(tx, q.store) : null, q.item ? getItem(tx, q.item) : null, getProductionModel(tx)]);
  const where = store ? `at ${store.name}` : "across all stores";
  const subject = item
    ? { title: `${item.name} ${where}`, detail: `Item ${item.id} (${item.category})${store ? ` · store ${store.id}` : ""}`, single: store !== null }
    : { title: `${q.category} ${where}`, detail: `Category ${q.category}${store ? ` · store ${store.id}` : ""}, every item summed`, single: false };
  const scope = { storeId: q.store, itemId: q.item, category: q.category };
  const series = await reportSeries(tx, scope, model?.id ?? null, HISTORY_DAYS);
  const first = series.forecast[0];
  if (!model || !first) throw new AppError("not_found:forecast", `No production forecast for ${subject.title}; train a model first.`);
  const explanation = await explainForecast(tx, tenantId, { ...scope, date: first.date, days: Math.min(q.days, series.forecast.length) });
  const inventory = await listRecommendations(tx, { store: q.store, item: q.item, category: q.category, limit: TOP_LINES });
  return { tenant, logo: await reportLogo(tx, tenant), subject, model, series, explanation, inventory };
}

/** The forecast explanation report as a branded PDF: chart with band, drivers in words and numbers, counterfactuals, inventory, accuracy. */
export async function renderForecastReport(data: ForecastReportData, generatedAt: Date): Promise<{ bytes: Uint8Array; pages: number }> {
  const { tenant, series, explanation: e, model, subject, inventory } = data;
  const f = numberFormats(tenant.locale, tenant.currency);
  const dateLabel = (iso: string) => new Intl.DateTimeFormat(tenant.locale, { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
  const { doc, colors, finish } = createReport(reportBrand(tenant, data.logo, "Forecast explanation report", generatedAt));
  const brand = { brand: tenant.branding.primaryColor, accent: tenant.branding.accentColor };
  const rmsse = new Intl.NumberFormat(tenant.locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });

  doc.font("bold").fontSize(16).fillColor(colors.brandText).text(subject.title);
  paragraph(doc, `${subject.detail} · ${e.scope.series} series · production model v${model.version}, trained on sales up to ${model.trainedTo}`, { color: MUTED, size: 9 });
  const explained = series.forecast.slice(0, e.scope.days);
  const pointName = series.point?.source === "p50" ? "P50" : "mean";
  paragraph(doc, `Forecast ${e.scope.period}: ${f.units(explained.reduce((a, d) => a + d.point, 0))} units (the sum of the days' ${pointName} forecasts${subject.single ? "" : " over every series, as the Forecasts page shows"}); each day's P10–P90 band is in the table below.`, { size: 11 });

  heading(doc, "Sales and forecast", colors.brandText);
  drawForecastChart(doc, { history: series.history.map((h) => ({ date: h.date, value: h.units })), forecast: series.forecast, pointLabel: `forecast (${pointName})`, format: f.units, dateLabel }, brand);
  if (series.band === "total") paragraph(doc, `Daily units summed over the series; the point is the sum of their ${pointName} forecasts and the band is the total's own P10–P90 (with the tenant's fitted correlation between series), not the sum of theirs.`, { color: MUTED, size: 8.5 });

  heading(doc, "Why the model forecasts this", colors.brandText);
  for (const s of e.sentences) paragraph(doc, s);

  heading(doc, `From the base value to the forecast, by driver (units, ${e.scope.period})`, colors.brandText);
  drawWaterfall(doc, visibleDrivers(e), f.units);
  paragraph(
    doc,
    `Exact TreeSHAP on the served P50 model's trees: base value ${f.units(e.baseValue)} plus the drivers gives ${f.units(e.modelOutput)} units (the P50 forecast, ${f.units(e.forecast)} units as served), which onnxruntime's prediction matches to ${e.additivityError.toExponential(1)} units.`,
    { color: MUTED, size: 8.5 },
  );

  heading(doc, "Strongest single factors", colors.brandText);
  const factors = [...e.shap].sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, TOP_FACTORS);
  table(
    doc,
    [{ header: "Factor", width: 4 }, { header: "Driver", width: 3 }, { header: "Value", width: 3 }, { header: "Effect (units)", width: 2, align: "right" }],
    factors.map((x) => [x.label, e.groups.find((g) => g.group === x.group)!.label, x.shown ?? `summed over ${e.scope.days} days`, `${x.value >= 0 ? "+" : "−"}${f.units(Math.abs(x.value))}`]),
    colors.brandText,
  );

  heading(doc, "What would change the forecast", colors.brandText);
  paragraph(doc, `Target ${f.units(e.counterfactuals.target)} units; searched within a price change of ±${f.percent(e.counterfactuals.bounds.maxPriceChange)}, discounts up to ${f.percent(e.counterfactuals.bounds.maxDiscount)} and markdowns up to ${f.percent(e.counterfactuals.bounds.maxMarkdown)}, each scored by the served model.`, { color: MUTED, size: 9 });
  if (e.counterfactuals.results.length === 0) paragraph(doc, "This item has no price, discount, promotion or markdown to change.");
  for (const r of e.counterfactuals.results) paragraph(doc, `• ${r.sentence}`);

  heading(doc, "Inventory recommendation", colors.brandText);
  if (!inventory.totals || inventory.recommendations.length === 0) paragraph(doc, "No recommendation: no stock position or production forecast for these series.", { color: MUTED });
  else {
    const t = inventory.totals;
    paragraph(doc, `${f.units(t.lines)} item × store line${t.lines === 1 ? "" : "s"}, ${f.units(t.ordersDue)} order${t.ordersDue === 1 ? "" : "s"} due today; over the next 28 days ${f.money(t.revenueAtRisk28d)} revenue and ${f.money(t.marginAtRisk28d)} margin at risk from stockouts.${inventory.total > inventory.recommendations.length ? ` The ${inventory.recommendations.length} lines with most margin at risk:` : ""}`);
    table(
      doc,
      [{ header: "Store", width: 3 }, { header: "Item", width: 4 }, { header: "On hand", width: 2, align: "right" }, { header: "Stockout risk", width: 2, align: "right" }, { header: "Order", width: 3, align: "right" }, { header: "Margin at risk", width: 2, align: "right" }],
      inventory.recommendations.map((r) => [r.storeName, r.itemName, f.units(r.onHand), f.percent(r.stockoutProbability), r.orderQuantity > 0 ? `${f.units(r.orderQuantity)} on ${r.orderDate}` : "—", f.money(r.marginAtRisk28d)]),
      colors.brandText,
    );
  }

  heading(doc, "Forecast by day (units)", colors.brandText);
  table(
    doc,
    [{ header: "Day", width: 3 }, { header: "P10", width: 2, align: "right" }, { header: pointName === "mean" ? "Mean" : "P50", width: 2, align: "right" }, { header: "P90", width: 2, align: "right" }],
    series.forecast.map((d) => [new Intl.DateTimeFormat(tenant.locale, { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${d.date}T00:00:00Z`)), f.units(d.p10), f.units(d.point), f.units(d.p90)]),
    colors.brandText,
  );

  heading(doc, `Model v${model.version} and backtest accuracy`, colors.brandText);
  paragraph(doc, `Rolling-origin backtest over all of ${tenant.name}'s series, ${model.horizon} days ahead. WAPE: share of units missed (lower is better); RMSSE below 1 beats the naive forecast; coverage: share of actuals inside the P10–P90 band (80% is ideal).`, { color: MUTED, size: 9 });
  table(
    doc,
    [{ header: "Forecaster", width: 3 }, { header: "WAPE", width: 2, align: "right" }, { header: "RMSSE", width: 2, align: "right" }, { header: "Coverage P10–P90", width: 3, align: "right" }],
    Object.entries(model.metrics)
      .sort(([a, x], [b, y]) => (a === "model" ? -1 : b === "model" ? 1 : x.rmsse - y.rmsse))
      .map(([name, m]) => [name === "model" ? `Model v${model.version}` : name, f.percent(m.wape), rmsse.format(m.rmsse), Number.isFinite(m.coverage80) ? f.percent(m.coverage80) : "—"]),
    colors.brandText,
  );
  return finish();
}

/** The driver waterfall with drivers too small to print (under 0.05 units) folded into one step, so no bar reads "−0". */
export function visibleDrivers(e: ForecastExplanation) {
  const shown = e.groups.filter((g) => Math.abs(g.value) >= 0.05).length;
  return waterfall(e.baseValue, e.groups.map((g) => ({ label: g.label, value: g.value })), shown);
}
