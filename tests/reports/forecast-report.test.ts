import { writeFile } from "node:fs/promises";
import { execFileSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withTenant } from "@/server/db/tenant-context";
import { seedDemoTenants } from "@/server/services/demo-data/seed-demo";
import type { SeededTenant } from "@/server/services/demo-data/seed-demo";
import { numberFormats } from "@/server/services/explain/number-format";
import { createTrainingRun, executeTrainingRun } from "@/server/services/forecasting/training-runs";
import { loadTenantPanel } from "@/server/services/forecasting/tenant-panel";
import { forecastReportData, renderForecastReport } from "@/server/services/reports/forecast-report";
import { loadTenantConfigs } from "@/server/tenants/tenant-config";
import { createTestDatabase } from "../helpers/test-database";
import type { TestDatabase } from "../helpers/test-database";
import { countPixels, pdfFonts, pdfText, renderPages } from "./pdf-text";
import { uploadLogo } from "@/server/services/branding/logo";
import { tinyPng } from "../helpers/tiny-png";
import { inventory, reports } from "@/drizzle/schema";
import { createRestApi } from "@/server/rest/endpoints";
import { executiveSummaryData, renderExecutiveSummary } from "@/server/services/reports/executive-summary";
import { listReports } from "@/server/services/reports/generate-report";
import { salesSummary } from "@/server/services/sales/sales-summary";
import { createKey } from "../rest/rest-client";
import { and, eq, max, sql } from "drizzle-orm";
import { executeRows } from "@/server/db/execute-rows";
import { getAggregateForecast } from "@/server/services/forecasting/aggregate-forecast";
import { listActions } from "@/server/services/actions/list-actions";
import { listRecommendations } from "@/server/services/inventory/recommendations";

const SCALE = { stores: 2, items: 6, days: 240 };
const FAST = { horizon: 14, folds: 2, trees: 15 };
const OUT = mkdtempSync(path.join(tmpdir(), "foresight-reports-"));

// PDF rendering does not depend on the driver; one database keeps the two trainings affordable.
describe("forecast explanation report (PDF)", () => {
  let database: TestDatabase;
  const tenants: Record<string, SeededTenant> = {};

  beforeAll(async () => {
    database = await createTestDatabase("pglite");
    const seeded = await seedDemoTenants(database.owner, { scale: SCALE, configs: await loadTenantConfigs() });
    for (const t of seeded.tenants) {
      tenants[t.slug] = t;
      const actor = { tenantId: t.tenantId, role: "owner" as const };
      const run = await withTenant(database, t.tenantId, (tx) => createTrainingRun(tx, actor, FAST));
      await executeTrainingRun(database, actor, run.id);
    }
  }, 300_000);
  afterAll(() => database?.close());

  const firstSeries = async (t: SeededTenant) => (await withTenant(database, t.tenantId, (tx) => loadTenantPanel(tx))).series[0]!;

  it("prints the tenant, the item, the forecast values, the driver sentences and the SHAP numbers of the service; fonts embedded; pages render", async () => {
    const t = tenants["northwind-fashion"]!;
    const s = await firstSeries(t);
    const data = await withTenant(database, t.tenantId, (tx) => forecastReportData(tx, t.tenantId, { store: s.storeId, item: s.itemId }));
    const started = performance.now();
    const { bytes, pages } = await renderForecastReport(data, new Date("2026-03-01T09:30:00Z"));
    const ms = performance.now() - started;
    console.info(`forecast report: ${bytes.byteLength} bytes, ${pages} pages, rendered in ${ms.toFixed(0)} ms`);
    expect(Buffer.from(bytes.subarray(0, 5)).toString()).toBe("%PDF-");
    const file = path.join(OUT, "forecast.pdf");
    await writeFile(file, bytes);

    const { all, pages: pageTexts } = await pdfText(bytes);
    const f = numberFormats(data.tenant.locale, data.tenant.currency);
    const e = data.explanation;
    expect(all).toContain(data.tenant.branding.displayName);
    expect(data.subject.title).toMatch(/ at /);
    expect(all).toContain(data.subject.title);
    for (const sentence of e.sentences) expect(all).toContain(sentence.replace(/\s+/g, " "));
    // One series: its stored forecast as is, the point its mean.
    expect(data.series.band).toBe("series");
    const explained = data.series.forecast.slice(0, e.scope.days).reduce((a, d) => a + d.point, 0);
    expect(all).toContain(`Forecast ${e.scope.period}: ${f.units(explained)} units (the sum of the days' mean forecasts)`);
    expect(all).toContain(`the P50 forecast, ${f.units(e.forecast)} units as served`);
    for (const d of data.series.forecast) expect(all).toContain(f.units(d.point));
    // The waterfall prints the service's driver attributions.
    for (const g of e.groups.filter((x) => Math.abs(x.value) >= 0.05)) expect(all).toContain(`${g.value >= 0 ? "+" : "−"}${f.units(Math.abs(g.value))}`);
    expect(all).toContain(`Model v${data.model.version}`);
    // Every page carries the brand and the generation stamp.
    for (const p of pageTexts) {
      expect(p).toContain(data.tenant.branding.displayName);
      expect(p).toMatch(/generated .* UTC by Foresight/);
    }

    const fonts = pdfFonts(file);
    if (fonts) {
      expect(fonts.length).toBeGreaterThan(0);
      expect(fonts.every((x) => x.embedded)).toBe(true);
      execFileSync("pdftoppm", ["-png", "-r", "60", file, path.join(OUT, "forecast")]);
      console.info(`rendered pages under ${OUT}`);
    }
  });

  it("a Northwind report never contains Acme's names or numbers", async () => {
    const nw = tenants["northwind-fashion"]!;
    const acme = tenants["acme-grocers"]!;
    const s = await firstSeries(nw);
    const data = await withTenant(database, nw.tenantId, (tx) => forecastReportData(tx, nw.tenantId, { store: s.storeId, item: s.itemId }));
    const { all } = await pdfText((await renderForecastReport(data, new Date())).bytes);
    const acmeNames = await withTenant(database, acme.tenantId, async (tx) => {
      const panel = await loadTenantPanel(tx);
      return [...[...panel.items.values()].map((i) => i.name), ...[...panel.stores.values()].map((x) => x.name)].filter((n): n is string => !!n);
    });
    expect(acmeNames.length).toBeGreaterThan(0);
    for (const name of [...acmeNames, "Acme"]) expect(all).not.toContain(name);
    // Acme's item cannot be reported from Northwind's context at all.
    const acmeSeries = await firstSeries(acme);
    await expect(withTenant(database, nw.tenantId, (tx) => forecastReportData(tx, nw.tenantId, { store: acmeSeries.storeId, item: acmeSeries.itemId }))).rejects.toMatchObject({ status: 404 });
  });

  it("renders the executive summary with the sales service's KPIs and category margins, the action center's top actions and the inventory service's stock risks, branded, fonts embedded", async () => {
    const t = tenants["acme-grocers"]!;
    const range = await withTenant(database, t.tenantId, (tx) => salesSummary(tx, {}));
    const period = { from: range.period!.from, to: range.period!.to };
    // The latest stock count found every shelf empty but one, which holds far too much: reorders are due and one line is overstocked.
    await withTenant(database, t.tenantId, async (tx) => {
      const [last] = await tx.select({ date: max(inventory.date) }).from(inventory);
      await tx.update(inventory).set({ onHand: 0, onOrder: 0 }).where(eq(inventory.date, last!.date!));
      const [one] = await tx.select({ storeId: inventory.storeId, itemId: inventory.itemId }).from(inventory).where(eq(inventory.date, last!.date!)).limit(1);
      await tx.update(inventory).set({ onHand: 5000 }).where(and(eq(inventory.date, last!.date!), eq(inventory.storeId, one!.storeId), eq(inventory.itemId, one!.itemId)));
    });
    const data = await withTenant(database, t.tenantId, (tx) => executiveSummaryData(tx, t.tenantId, period));
    const started = performance.now();
    const { bytes, pages } = await renderExecutiveSummary(data, new Date("2026-03-01T09:30:00Z"));
    console.info(`executive summary: ${bytes.byteLength} bytes, ${pages} pages, rendered in ${(performance.now() - started).toFixed(0)} ms`);
    const file = path.join(OUT, "executive.pdf");
    await writeFile(file, bytes);
    const { all } = await pdfText(bytes);
    const f = numberFormats(data.tenant.locale, data.tenant.currency);
    const clean = (x: string) => x.replace(/\s+/g, " ");
    expect(all).toContain(data.tenant.branding.displayName);
    // The numbers of the sales service the report was made from (the dashboard's figures for the same period).
    expect(data.summary.kpis!.revenue).toBeCloseTo(range.kpis!.revenue, 6);
    expect(all).toContain(clean(f.money(data.summary.kpis!.revenue)));
    expect(all).toContain(clean(f.money(data.summary.kpis!.grossMargin)));
    for (const c of data.summary.byCategory) {
      expect(all).toContain(c.category);
      expect(all).toContain(clean(f.money(c.grossMargin)));
    }
    expect(data.shifts.length).toBeGreaterThan(0);
    for (const x of data.shifts) expect(all).toContain(x.item);

    // Top actions: the action center's own top 10, same ids, order and money values.
    const center = await withTenant(database, t.tenantId, (tx) => listActions(tx, t.tenantId, { limit: 10 }));
    expect(center.actions.length).toBeGreaterThan(0);
    expect(data.actions.actions.map((a) => [a.id, a.value])).toEqual(center.actions.map((a) => [a.id, a.value]));
    expect(data.actions.totalValue).toBe(center.totalValue);
    expect(all).toContain(clean(`${f.units(center.total)} open action`));
    expect(all).toContain(clean(f.money(center.totalValue)));
    for (const a of center.actions) {
      expect(all).toContain(clean(a.title));
      expect(all).toContain(clean(f.money(a.value)));
    }
    // Stockouts: the inventory service's totals and ranking; overstock: stock the next 28 days will not use, at cost.
    const recs = await withTenant(database, t.tenantId, (tx) => listRecommendations(tx, { limit: 10 }));
    const stock = data.stock!;
    expect(stock.stockouts.totals).toEqual(recs.totals);
    expect(stock.stockouts.top).toEqual(recs.recommendations.filter((r) => r.marginAtRisk28d > 0));
    expect(all).toContain(clean(f.money(recs.totals!.revenueAtRisk28d)));
    expect(all).toContain(clean(f.money(recs.totals!.marginAtRisk28d)));
    for (const r of stock.stockouts.top) expect(all).toContain(clean(f.money(r.marginAtRisk28d)));
    const byLine = new Map(recs.recommendations.map((r) => [`${r.storeId}|${r.itemId}`, r]));
    for (const o of stock.overstock.top) {
      expect(o.excessUnits).toBeCloseTo(o.onHand + o.onOrder - o.demand28d - o.orderUpTo, 0);
      expect(o.excessValue).toBeGreaterThan(0);
      const r = byLine.get(`${o.storeId}|${o.itemId}`);
      if (r) expect(o.excessValue).toBeCloseTo(o.excessUnits * r.unitCost, 0);
      expect(all).toContain(clean(f.money(o.excessValue)));
    }
    expect(stock.overstock.lines).toBeGreaterThan(0);
    const topValue = stock.overstock.top.reduce((a, o) => a + o.excessValue, 0);
    if (stock.overstock.lines <= 10) expect(stock.overstock.value).toBeCloseTo(topValue, 2);
    else expect(stock.overstock.value).toBeGreaterThan(topValue);
    if (stock.overstock.lines > 0) expect(all).toContain(clean(f.money(stock.overstock.value)));
    // pdftotext (poppler) reads the new sections as real text, and nothing says "not yet available".
    if (pdfFonts(file)) {
      const text = execFileSync("pdftotext", ["-layout", file, "-"], { encoding: "utf8" });
      for (const h of ["Top actions", "Stockout risk", "Overstock", "Category margins"]) expect(text).toContain(h);
      expect(text.toLowerCase()).not.toContain("not yet available");
      expect(text).toContain(center.actions[0]!.title.slice(0, 12));
    }
    const fonts = pdfFonts(file);
    if (fonts) {
      expect(fonts.every((x) => x.embedded)).toBe(true);
      execFileSync("pdftoppm", ["-png", "-r", "60", file, path.join(OUT, "executive")]);
    }
  });

  it("serves both reports over REST as recorded application/pdf downloads; bad parameters get JSON 4xx, never a blank PDF", async () => {
    const t = tenants["northwind-fashion"]!;
    const s = await firstSeries(t);
    const api = createRestApi({ getDatabase: async () => database });
    const { key } = await createKey(database, t.tenantId, "write");
    const get = (handler: (r: Request) => Promise<Response>, p: string, k = key) => handler(new Request(`http://localhost/api/v1${p}`, { headers: { authorization: `Bearer ${k}` } }));
    const before = (await withTenant(database, t.tenantId, (tx) => listReports(tx))).length;

    const forecast = await get(api.forecastReport, `/reports/forecast?store=${s.storeId}&item=${s.itemId}`);
    expect(forecast.status).toBe(200);
    expect(forecast.headers.get("content-type")).toBe("application/pdf");
    expect(forecast.headers.get("content-disposition")).toMatch(/attachment; filename="northwind-fashion-forecast-.*\.pdf"/);
    const pdf = new Uint8Array(await forecast.arrayBuffer());
    expect((await pdfText(pdf)).all).toContain(s.itemId);

    const range = await withTenant(database, t.tenantId, (tx) => salesSummary(tx, {}));
    const executive = await get(api.executiveReport, `/reports/executive?from=${range.period!.from}&to=${range.period!.to}`);
    expect(executive.status).toBe(200);
    expect(executive.headers.get("content-type")).toBe("application/pdf");

    const recorded = await withTenant(database, t.tenantId, (tx) => listReports(tx));
    expect(recorded.length).toBe(before + 2);
    expect(recorded[1]).toMatchObject({ kind: "forecast", params: { store: s.storeId, item: s.itemId, days: 7 }, createdByApiKeyId: expect.any(String), pages: expect.any(Number) });
    const stored = await withTenant(database, t.tenantId, (tx) => tx.select({ bytes: reports.bytes }).from(reports));
    expect(stored.some((r) => Buffer.from(r.bytes).equals(Buffer.from(pdf)))).toBe(true);

    const error = async (response: Promise<Response>) => {
      const r = await response;
      expect(r.headers.get("content-type")).toMatch(/application\/json/);
      return `${r.status} ${((await r.json()) as { error: { code: string } }).error.code}`;
    };
    expect(await error(get(api.forecastReport, `/reports/forecast?store=${s.storeId}&item=nope`))).toBe("404 not_found:item");
    const acme = await firstSeries(tenants["acme-grocers"]!);
    expect(await error(get(api.forecastReport, `/reports/forecast?store=${acme.storeId}&item=${acme.itemId}`))).toMatch(/^404 not_found:(store|item)$/);
    expect(await error(get(api.forecastReport, `/reports/forecast?store=${s.storeId}`))).toBe("400 bad_request:validation");
    expect(await error(get(api.executiveReport, `/reports/executive?from=2001-01-01&to=2001-02-01`))).toBe("400 bad_request:period");
    expect(await error(get(api.executiveReport, `/reports/executive?from=2026-02-01&to=2026-01-01`))).toBe("400 bad_request:validation");
    const read = await createKey(database, t.tenantId, "read");
    expect(await error(get(api.forecastReport, `/reports/forecast?store=${s.storeId}&item=${s.itemId}`, read.key))).toBe("403 forbidden:scope");
    // Refusals record nothing.
    expect((await withTenant(database, t.tenantId, (tx) => listReports(tx))).length).toBe(before + 2);
  });
  it("reports a category at a store and across stores as the sums of its series, over REST too; bad scopes are JSON 4xx", async () => {
    const t = tenants["northwind-fashion"]!;
    const panel = await withTenant(database, t.tenantId, (tx) => loadTenantPanel(tx));
    const s = panel.series[0]!;
    const category = panel.items.get(s.itemId)!.category!;
    const inCategory = panel.series.filter((x) => panel.items.get(x.itemId)?.category === category);
    const atStore = await withTenant(database, t.tenantId, (tx) => forecastReportData(tx, t.tenantId, { store: s.storeId, category }));
    const everywhere = await withTenant(database, t.tenantId, (tx) => forecastReportData(tx, t.tenantId, { category }));
    for (const [data, members] of [
      [atStore, inCategory.filter((x) => x.storeId === s.storeId)],
      [everywhere, inCategory],
    ] as const) {
      expect(data.explanation.scope).toMatchObject({ category, itemId: null, series: members.length });
      expect(data.explanation.additivityError).toBeLessThan(1e-4);
      // The chart and the total are the aggregate forecast service's (the Forecasts page's and REST's): the sum of the means, the band of the total.
      const aggregate = await withTenant(database, t.tenantId, (tx) => getAggregateForecast(tx, { storeId: data.explanation.scope.storeId ?? undefined, category }));
      expect(data.series.band).toBe("total");
      expect(data.series.forecast).toEqual(aggregate.days);
      const means = await withTenant(database, t.tenantId, (tx) =>
        executeRows<{ date: string; mean: number }>(
          tx,
          sql`select f.date::text as date, sum(coalesce(f.mean, f.p50))::float8 as mean from forecasts f join items i on i.id = f.item_id
               where f.model_version_id = ${data.model.id} and i.category = ${category} ${data.explanation.scope.storeId ? sql`and f.store_id = ${data.explanation.scope.storeId}` : sql``} group by f.date order by f.date`,
        ),
      );
      expect(means.length).toBe(aggregate.days.length);
      means.forEach((m, j) => expect(aggregate.days[j]!.point).toBeCloseTo(m.mean, 6));
      const { all: text } = await pdfText((await renderForecastReport(data, new Date())).bytes);
      const f = numberFormats(data.tenant.locale, data.tenant.currency);
      const total = aggregate.days.slice(0, data.explanation.scope.days).reduce((a, d) => a + d.point, 0);
      expect(text).toContain(`${f.units(total)} units (the sum of the days' mean forecasts over every series, as the Forecasts page shows)`);
    }
    expect(everywhere.explanation.scope.storeId).toBeNull();
    const { all } = await pdfText((await renderForecastReport(atStore, new Date())).bytes);
    expect(all).toContain(`${category} at ${panel.stores.get(s.storeId)!.name}`);
    expect(all).toContain("every item summed");
    expect((await pdfText((await renderForecastReport(everywhere, new Date())).bytes)).all).toContain(`${category} across all stores`);

    const api = createRestApi({ getDatabase: async () => database });
    const { key } = await createKey(database, t.tenantId, "write");
    const get = (q: string) => api.forecastReport(new Request(`http://localhost/api/v1/reports/forecast?${q}`, { headers: { authorization: `Bearer ${key}` } }));
    for (const q of [`store=${s.storeId}&category=${encodeURIComponent(category)}`, `category=${encodeURIComponent(category)}&days=14`]) {
      const res = await get(q);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("application/pdf");
    }
    const error = async (q: string) => {
      const r = await get(q);
      expect(r.headers.get("content-type")).toMatch(/application\/json/);
      return `${r.status} ${((await r.json()) as { error: { code: string } }).error.code}`;
    };
    expect(await error(`item=${s.itemId}&category=${encodeURIComponent(category)}`)).toBe("400 bad_request:validation");
    expect(await error(`store=${s.storeId}`)).toBe("400 bad_request:validation");
    expect(await error(`category=No%20such%20category`)).toBe("404 not_found:category");
    expect(await error(`store=nope&category=${encodeURIComponent(category)}`)).toBe("404 not_found:store");
  });

  it("prints the uploaded logo on every page (a PNG as an image, a sanitised SVG as vectors), and the name alone without one", async () => {
    const t = tenants["northwind-fashion"]!;
    const s = await firstSeries(t);
    const actor = { tenantId: t.tenantId, role: "owner" as const };
    const DPI = 72;
    // Where the header draws the logo (points from the top left): the margin, 20 pt above the content.
    const LOGO = { x: 48, y: 28, w: 36, h: 36 };
    const red = (r: number, g: number, b: number) => r > 200 && g < 60 && b < 60;
    const green = (r: number, g: number, b: number) => g > 200 && r < 60 && b < 60;
    const render = async (name: string, logo?: null) => {
      const read = await withTenant(database, t.tenantId, (tx) => forecastReportData(tx, t.tenantId, { store: s.storeId, item: s.itemId }));
      const data = logo === null ? { ...read, logo } : read;
      const { bytes, pages } = await renderForecastReport(data, new Date("2026-03-01T09:30:00Z"));
      const file = path.join(OUT, `${name}.pdf`);
      await writeFile(file, bytes);
      const texts = (await pdfText(bytes)).pages;
      expect(texts.length).toBe(pages);
      for (const p of texts) {
        expect(p).toContain(data.tenant.branding.displayName);
        expect(p).toMatch(/generated .* UTC by Foresight/);
      }
      return { data, hasImage: /\/Subtype \/Image/.test(Buffer.from(bytes).toString("latin1")), rendered: renderPages(file, DPI), pages };
    };
    const logoPixels = (rendered: ReturnType<typeof renderPages>, match: typeof red) => rendered!.map((p) => countPixels(p, DPI, LOGO, match));

    await withTenant(database, t.tenantId, (tx) => uploadLogo(tx, actor, { name: "mark.png", type: "image/png", bytes: tinyPng([255, 0, 0]) }));
    const png = await render("logo-png");
    expect(png.data.logo?.contentType).toBe("image/png");
    expect(png.hasImage).toBe(true);
    expect(png.rendered).not.toBeNull();
    expect(png.rendered!.length).toBe(png.pages);
    for (const n of logoPixels(png.rendered, red)) expect(n).toBeGreaterThan(0.8 * LOGO.w * LOGO.h);

    const svg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10" onload="alert(1)"><script>alert(1)</script><rect width="10" height="10" fill="#00ff00"/></svg>`;
    await withTenant(database, t.tenantId, (tx) => uploadLogo(tx, actor, { name: "mark.svg", type: "image/svg+xml", bytes: new TextEncoder().encode(svg) }));
    const vector = await render("logo-svg");
    expect(vector.data.logo?.contentType).toBe("image/svg+xml");
    expect(new TextDecoder().decode(vector.data.logo!.bytes)).not.toMatch(/script|onload/);
    expect(vector.hasImage).toBe(false);
    for (const n of logoPixels(vector.rendered, green)) expect(n).toBeGreaterThan(0.8 * LOGO.w * LOGO.h);

    const bare = await render("logo-none", null);
    expect(bare.hasImage).toBe(false);
    for (const n of [...logoPixels(bare.rendered, green), ...logoPixels(bare.rendered, red)]) expect(n).toBe(0);
  });
});
