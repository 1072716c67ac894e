import "server-only";
import { z } from "zod";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import { explainForecast } from "@/server/services/explain/explain-forecast";
import type { ForecastExplanation } from "@/server/services/explain/explain-forecast";
import { numberFormats } from "@/server/services/explain/number-format";
import { getSeriesForecast } from "@/server/services/forecasting/series-forecast";
import { getTenant } from "@/server/services/tenant/get-tenant";
import type { TenantProfile } from "@/server/services/tenant/get-tenant";
import { text } from "@/server/validation/text";
import { waterfall } from "@/models/xai";
import { drawForecastChart, drawWaterfall } from "./report-charts";
import { reportBrand } from "./report-brand";
import { createReport, heading, MUTED, paragraph, table } from "./report-document";

const id = text({ min: 1, max: 64 });

export const forecastReportSchema = z.object({
  store: id.describe("Store id"),
  item: id.describe("Item id"),
  days: z.number().int().min(1).max(28).default(7).describe("Forecast days explained from the first one (default a week)"),
});
export type ForecastReportInput = z.input<typeof forecastReportSchema>;

const HISTORY_DAYS = 56;
const TOP_FACTORS = 10;

export type ForecastReportData = {
  tenant: TenantProfile;
  series: Awaited<ReturnType<typeof getSeriesForecast>>;
  explanation: ForecastExplanation;
};

/** Everything the forecast report prints, read in one tenant transaction (the PDF is drawn after it closes). */
export async function forecastReportData(tx: Tx, tenantId: string, input: ForecastReportInput): Promise<ForecastReportData> {
  const q = forecastReportSchema.parse(input);
  const tenant = await getTenant(tx, tenantId);
  const series = await getSeriesForecast(tx, { storeId: q.store, itemId: q.item, historyDays: HISTORY_DAYS });
  const first = series.forecast[0];
  if (!series.model || !first) throw new AppError("not_found:forecast", `No production forecast for item ${q.item} at store ${q.store}; train a model first.`);
  const explanation = await explainForecast(tx, tenantId, { storeId: q.store, itemId: q.item, date: first.date, days: Math.min(q.days, series.forecast.length) });
  return { tenant, series, explanation };
}

/** The forecast explanation report as a branded PDF: chart with band, drivers in words and numbers, counterfactuals, accuracy. */
export async function renderForecastReport(data: ForecastReportData, generatedAt: Date): Promise<{ bytes: Uint8Array; pages: number }> {
  const { tenant, series, explanation: e } = data;
  const model = series.model!;
  const f = numberFormats(tenant.locale, tenant.currency);
  const dateLabel = (iso: string) => new Intl.DateTimeFormat(tenant.locale, { day: "numeric", month: "short", timeZone: "UTC" }).format(new Date(`${iso}T00:00:00Z`));
  const { doc, colors, finish } = createReport(await reportBrand(tenant, "Forecast explanation report", generatedAt));
  const brand = { brand: tenant.branding.primaryColor, accent: tenant.branding.accentColor };
  const rmsse = new Intl.NumberFormat(tenant.locale, { minimumFractionDigits: 3, maximumFractionDigits: 3 });

  doc.font("bold").fontSize(16).fillColor(colors.brandText).text(`${series.item.name} at ${series.store.name}`);
  paragraph(doc, `Item ${series.item.id} (${series.item.category}) · store ${series.store.id} · production model v${model.version}, trained on sales up to ${model.trainedTo}`, { color: MUTED, size: 9 });
  paragraph(doc, `Forecast ${e.scope.period}: ${f.units(e.forecast)} units (P50), likely between ${f.units(e.p10)} and ${f.units(e.p90)} units (P10–P90).`, { size: 11 });

  heading(doc, "Sales and forecast", colors.brandText);
  drawForecastChart(doc, { history: series.history.map((h) => ({ date: h.date, value: h.units })), forecast: series.forecast, format: f.units, dateLabel }, brand);

  heading(doc, "Why the model forecasts this", colors.brandText);
  for (const s of e.sentences) paragraph(doc, s);

  heading(doc, `From the base value to the forecast, by driver (units, ${e.scope.period})`, colors.brandText);
  drawWaterfall(doc, visibleDrivers(e), f.units);
  paragraph(
    doc,
    `Exact TreeSHAP on the served trees: base value ${f.units(e.baseValue)} plus the drivers gives ${f.units(e.modelOutput)} units, which onnxruntime's prediction matches to ${e.additivityError.toExponential(1)} units.`,
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
  paragraph(doc, "Not yet available: inventory recommendations are not part of this workspace yet.", { color: MUTED });

  heading(doc, "Forecast by day (units)", colors.brandText);
  table(
    doc,
    [{ header: "Day", width: 3 }, { header: "P10", width: 2, align: "right" }, { header: "P50", width: 2, align: "right" }, { header: "P90", width: 2, align: "right" }],
    series.forecast.map((d) => [new Intl.DateTimeFormat(tenant.locale, { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" }).format(new Date(`${d.date}T00:00:00Z`)), f.units(d.p10), f.units(d.p50), f.units(d.p90)]),
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
