import "server-only";
import { sql } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/server/db/database";
import { executeRows } from "@/server/db/execute-rows";
import { currentTenantId } from "@/server/db/tenant-context";
import { AppError } from "@/server/errors/app-error";
import { numberFormats } from "@/server/services/explain/number-format";
import { listActions } from "@/server/services/actions/list-actions";
import { currentStockRisk } from "@/server/services/actions/refresh-actions";
import type { StockRisk } from "@/server/services/inventory/stock-risk";
import { getProductionModel } from "@/server/services/models/registry";
import { salesSummary } from "@/server/services/sales/sales-summary";
import { getTenant } from "@/server/services/tenant/get-tenant";
import type { TenantProfile } from "@/server/services/tenant/get-tenant";
import { reportBrand, reportLogo } from "./report-brand";
import type { ReportLogo } from "./report-brand";
import { createReport, heading, MUTED, paragraph, table } from "./report-document";

export const executiveSummarySchema = z
  .object({
    from: z.iso.date("from: dates are YYYY-MM-DD").describe("First day of the period"),
    to: z.iso.date("to: dates are YYYY-MM-DD").describe("Last day of the period"),
  })
  .refine((q) => q.from <= q.to, { message: "from must not be after to", path: ["from"] });
export type ExecutiveSummaryInput = z.input<typeof executiveSummarySchema>;

const SHIFTS = 8;
/** Actions listed, most money first (stock risks list STOCK_RISK_LINES). */
const TOP = 10;
const ACTION_LABEL = { reorder: "Reorder", transfer: "Transfer", expedite: "Expedite", investigate: "Investigate", price_change: "Price change" } as const;

type Shift = { store_id: string; store: string; item_id: string; item: string; next7: number; last28: number };

export type ExecutiveSummaryData = {
  tenant: TenantProfile;
  logo: ReportLogo;
  period: { from: string; to: string };
  summary: Awaited<ReturnType<typeof salesSummary>>;
  model: Awaited<ReturnType<typeof getProductionModel>>;
  shifts: Shift[];
  /** The action center's open actions, highest value first (the same list and values as its page). */
  actions: Awaited<ReturnType<typeof listActions>>;
  /** Stockouts and overstock from the inventory plan; null before a model is in production. */
  stock: StockRisk | null;
  /** Wall time of each section's reads (ms), for the bench and the server log. */
  timings: Record<string, number>;
};

/** The executive summary's figures for a period, read in one tenant transaction. */
export async function executiveSummaryData(tx: Tx, tenantId: string, input: ExecutiveSummaryInput): Promise<ExecutiveSummaryData> {
  const period = executiveSummarySchema.parse(input);
  const timings: Record<string, number> = {};
  const timed = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await fn();
    } finally {
      timings[name] = performance.now() - started;
    }
  };
  const tenant = await timed("tenant", () => getTenant(tx, tenantId));
  const summary = await timed("kpis", () => salesSummary(tx, { ...period, granularity: "week" }));
  if (!summary.kpis || summary.kpis.units === 0) throw new AppError("bad_request:period", `There are no sales between ${period.from} and ${period.to}${summary.dataRange ? `; sales run from ${summary.dataRange.first} to ${summary.dataRange.last}` : ""}.`);
  const model = await timed("model", () => getProductionModel(tx));
  // The tenant filter changes no result (RLS already limits the rows) but lets the planner use the
  // (tenant_id, date) indexes instead of scanning every sale.
  // Demand shifts: the production forecast for the next 7 days against the same series' last 28
  // days scaled to a week, largest relative changes first (series selling at least a unit a day).
  const shifts = model
    ? await timed("shifts", () => executeRows<Shift>(
        tx,
        sql`with f as (
              select store_id, item_id, sum(p50)::float8 as next7 from forecasts
               where tenant_id = ${currentTenantId} and model_version_id = ${model.id} and date <= (${model.trainedTo}::date + 7) group by store_id, item_id),
            h as (
              select store_id, item_id, (sum(units) * 7.0 / 28)::float8 as last28 from sales
               where tenant_id = ${currentTenantId} and date > (${model.trainedTo}::date - 28) and date <= ${model.trainedTo}::date group by store_id, item_id)
            select f.store_id, s.name as store, f.item_id, i.name as item, f.next7, h.last28
              from f join h using (store_id, item_id) join stores s on s.id = f.store_id join items i on i.id = f.item_id
             where h.last28 >= 7
             order by abs(f.next7 / h.last28 - 1) desc, f.store_id, f.item_id limit ${SHIFTS}`,
      ))
    : [];
  // The action center's own list, as its page shows it (recomputed first when out of date), and the
  // stock risks of the inventory plan that recomputation used.
  const actions = await timed("actions", () => listActions(tx, tenantId, { limit: TOP }));
  const stock = await timed("stock", () => currentStockRisk(tx, tenantId));
  const logo = await timed("logo", () => reportLogo(tx, tenant));
  return { tenant, logo, period, summary, model, shifts, actions, stock, timings };
}

/** The executive summary as a branded PDF: KPIs with change, forecast accuracy, demand shifts, top actions, stock risks, category margins. */
export async function renderExecutiveSummary(data: ExecutiveSummaryData, generatedAt: Date): Promise<{ bytes: Uint8Array; pages: number }> {
  const { tenant, summary, model, shifts, actions, stock } = data;
  const f = numberFormats(tenant.locale, tenant.currency);
  const { doc, colors, finish } = createReport(reportBrand(tenant, data.logo, "Executive summary", generatedAt));
  const kpis = summary.kpis!;
  const previous = summary.previousKpis;
  const change = (now: number | null, before: number | null | undefined) => (now === null || before === null || before === undefined || before === 0 ? "—" : `${now >= before ? "+" : "−"}${f.percent(Math.abs(now / before - 1))}`);

  doc.font("bold").fontSize(16).fillColor(colors.brandText).text(`Executive summary, ${data.period.from} to ${data.period.to}`);
  paragraph(doc, `${summary.period!.days} days of sales across ${summary.byStore.length} stores${previous ? ", compared with the period of equal length before" : "; the data does not reach back far enough for a comparison"}.`, { color: MUTED, size: 9 });

  heading(doc, "Key figures", colors.brandText);
  table(
    doc,
    [{ header: "Figure", width: 4 }, { header: "This period", width: 3, align: "right" }, { header: "Previous period", width: 3, align: "right" }, { header: "Change", width: 2, align: "right" }],
    [
      ["Revenue", f.money(kpis.revenue), previous ? f.money(previous.revenue) : "—", change(kpis.revenue, previous?.revenue)],
      ["Units sold", f.units(kpis.units), previous ? f.units(previous.units) : "—", change(kpis.units, previous?.units)],
      ["Gross margin", f.money(kpis.grossMargin), previous ? f.money(previous.grossMargin) : "—", change(kpis.grossMargin, previous?.grossMargin)],
      ["Gross margin %", kpis.grossMarginPct === null ? "—" : f.percent(kpis.grossMarginPct), previous?.grossMarginPct == null ? "—" : f.percent(previous.grossMarginPct), "—"],
      ["Average price", kpis.averagePrice === null ? "—" : f.money(kpis.averagePrice), previous?.averagePrice == null ? "—" : f.money(previous.averagePrice), change(kpis.averagePrice, previous?.averagePrice)],
    ],
    colors.brandText,
  );

  heading(doc, "Forecast accuracy", colors.brandText);
  const m = model?.metrics.model;
  if (!model || !m) paragraph(doc, "No production model yet: train one to get forecasts and their accuracy.", { color: MUTED });
  else {
    const best = Object.entries(model.metrics).filter(([k]) => k !== "model").sort(([, a], [, b]) => a.rmsse - b.rmsse)[0];
    paragraph(
      doc,
      `Model v${model.version} (trained on sales up to ${model.trainedTo}) misses ${f.percent(m.wape)} of units in its rolling backtest ${model.horizon} days ahead${best ? `, against ${f.percent(best[1].wape)} for the best baseline (${best[0]})` : ""}; ${f.percent(m.coverage80)} of actual days fell inside its P10–P90 band.`,
    );
  }

  heading(doc, "Biggest demand shifts next week", colors.brandText);
  paragraph(doc, "The production forecast for the next 7 days against the same store and item's last 4 weeks (as a weekly rate).", { color: MUTED, size: 9 });
  if (shifts.length === 0) paragraph(doc, model ? "No series sells enough for a meaningful comparison." : "No forecasts yet.");
  else
    table(
      doc,
      [{ header: "Item", width: 4 }, { header: "Store", width: 4 }, { header: "Recent weekly avg", width: 3, align: "right" }, { header: "Next 7 days", width: 2, align: "right" }, { header: "Change", width: 2, align: "right" }],
      shifts.map((s) => [`${s.item} (${s.item_id})`, s.store, f.units(s.last28), f.units(s.next7), change(s.next7, s.last28)]),
      colors.brandText,
    );

  heading(doc, "Top actions", colors.brandText);
  if (actions.actions.length === 0) paragraph(doc, model ? "No open actions: no reorder or transfer is worth more than it costs today." : "No actions before a model is in production.", { color: MUTED });
  else {
    paragraph(
      doc,
      `${f.units(actions.total)} open action${actions.total === 1 ? "" : "s"} in the action center, worth ${f.money(actions.totalValue)} in expected margin saved net of their cost${actions.total > actions.actions.length ? `; the ${actions.actions.length} worth most:` : "."}`,
    );
    table(
      doc,
      [{ header: "Action", width: 7 }, { header: "Type", width: 2 }, { header: "Due", width: 2.4 }, { header: "Value", width: 2.2, align: "right" }],
      actions.actions.map((a) => [a.title, ACTION_LABEL[a.type], a.dueDate, f.money(a.value)]),
      colors.brandText,
    );
  }

  heading(doc, "Stockout risk", colors.brandText);
  if (!stock || stock.stockouts.totals.lines === 0) paragraph(doc, model ? "No stock counts to plan from." : "No stock risks before a model is in production.", { color: MUTED });
  else {
    const t = stock.stockouts.totals;
    paragraph(
      doc,
      `Over the next ${stock.horizonDays} days from ${stock.asOf}, at today's stock and open orders, ${f.units(t.lostUnits28d)} units of demand would go unserved across the ${f.units(t.lines)} item × store lines with a stock count: ${f.money(t.revenueAtRisk28d)} revenue and ${f.money(t.marginAtRisk28d)} margin at risk; ${f.units(t.ordersDue)} order${t.ordersDue === 1 ? " is" : "s are"} due today.${stock.stockouts.top.length > 0 ? ` The lines with most margin at risk:` : ""}`,
    );
    if (stock.stockouts.top.length > 0)
      table(
        doc,
        [{ header: "Item", width: 5 }, { header: "Store", width: 3.4 }, { header: "On hand", width: 1.6, align: "right" }, { header: "Stockout risk", width: 1.8, align: "right" }, { header: "Revenue at risk", width: 2.2, align: "right" }, { header: "Margin at risk", width: 2.2, align: "right" }],
        stock.stockouts.top.map((r) => [`${r.itemName} (${r.itemId})`, r.storeName, f.units(r.onHand), f.percent(r.stockoutProbability), f.money(r.revenueAtRisk28d), f.money(r.marginAtRisk28d)]),
        colors.brandText,
      );
  }

  heading(doc, "Overstock", colors.brandText);
  if (!stock || stock.overstock.lines === 0) paragraph(doc, stock ? `No line holds more than its next ${stock.horizonDays} days' demand and its order-up-to level.` : "No stock risks before a model is in production.", { color: MUTED });
  else {
    const o = stock.overstock;
    paragraph(
      doc,
      `${f.units(o.lines)} item × store line${o.lines === 1 ? " holds" : "s hold"} ${f.units(o.units)} units more than the next ${stock.horizonDays} days' expected demand plus the policy's order-up-to level: ${f.money(o.value)} tied up at cost, ${f.money(o.holdingCost28d)} holding cost over those days. The largest:`,
    );
    table(
      doc,
      [{ header: "Item", width: 5 }, { header: "Store", width: 3.4 }, { header: "On hand + on order", width: 2.4, align: "right" }, { header: `Demand ${stock.horizonDays} days`, width: 2.2, align: "right" }, { header: "Excess units", width: 1.9, align: "right" }, { header: "Excess at cost", width: 2.2, align: "right" }],
      o.top.map((r) => [`${r.itemName} (${r.itemId})`, r.storeName, f.units(r.onHand + r.onOrder), f.units(r.demand28d), f.units(r.excessUnits), f.money(r.excessValue)]),
      colors.brandText,
    );
  }

  heading(doc, "Category margins", colors.brandText);
  table(
    doc,
    [{ header: "Category", width: 4 }, { header: "Revenue", width: 3, align: "right" }, { header: "Units", width: 2, align: "right" }, { header: "Gross margin", width: 3, align: "right" }, { header: "Margin %", width: 2, align: "right" }],
    summary.byCategory.map((c) => [c.category, f.money(c.revenue), f.units(c.units), f.money(c.grossMargin), c.revenue > 0 ? f.percent(c.grossMargin / c.revenue) : "—"]),
    colors.brandText,
  );

  heading(doc, "Stores", colors.brandText);
  table(
    doc,
    [{ header: "Store", width: 5 }, { header: "Revenue", width: 3, align: "right" }, { header: "Units", width: 2, align: "right" }],
    summary.byStore.map((s) => [`${s.storeName} (${s.storeId})`, f.money(s.revenue), f.units(s.units)]),
    colors.brandText,
  );
  return finish();
}
