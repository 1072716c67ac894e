/**
 * What an explanation and a PDF report cost at the server, on the full demo tenants with their
 * shipped models (seeded into an in-memory PGlite here, as `npm start` does): the first
 * explanation of a version (rebuilds its panel), then warm single-day and week explanations
 * (TreeSHAP + counterfactual search + price curve, through the service), a forecast report and an
 * executive summary (read, render, record). Run: `npx tsx --conditions=react-server bench/explain-reports.ts`.
 * Every figure is the spread (median, min–max) over RUNS runs; raw numbers in bench/results/explain-reports.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { executeRows } from "../server/db/execute-rows";
import { migrateDatabase } from "../server/db/migrate";
import { openPglite } from "../server/db/open-pglite";
import { withTenant } from "../server/db/tenant-context";
import { seedDemoTenants } from "../server/services/demo-data/seed-demo";
import { explainForecast } from "../server/services/explain/explain-forecast";
import { installDemoModel } from "../server/services/forecasting/demo-models";
import { generateReport } from "../server/services/reports/generate-report";
import { salesSummary } from "../server/services/sales/sales-summary";
import { formatSpread, spread } from "./stats";
import type { Spread } from "./stats";

const RUNS = 5;
const EXPLANATIONS_PER_RUN = 20;
const here = path.dirname(fileURLToPath(import.meta.url));

type Result = { slug: string; firstExplanationMs: number; dayMs: Spread; weekMs: Spread; maxAdditivityError: number; forecastReportMs: Spread; forecastReportBytes: number; forecastReportPages: number; executiveMs: Spread; executiveBytes: number; executivePages: number };

async function main() {
  const database = await openPglite(null);
  await migrateDatabase(database);
  const seeded = await seedDemoTenants(database);
  const results: Result[] = [];
  for (const tenant of seeded.tenants) {
    const installed = await installDemoModel(database, { id: tenant.tenantId, slug: tenant.slug });
    if (installed.source !== "shipped") throw new Error(`${tenant.slug}: expected the shipped model, got ${installed.source}`);
    const actor = { tenantId: tenant.tenantId, role: "owner" as const };
    const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(database, tenant.tenantId, fn);
    // Series with a forecast (an item no longer sold at the origin has none), spread evenly.
    const forecastSeries = await inTenant((tx) => executeRows<{ storeId: string; itemId: string; first: string }>(tx, sql`select store_id as "storeId", item_id as "itemId", min(date)::text as first from forecasts group by store_id, item_id order by 1, 2`));
    const step = Math.max(1, Math.floor(forecastSeries.length / EXPLANATIONS_PER_RUN));
    const series = Array.from({ length: EXPLANATIONS_PER_RUN }, (_, k) => forecastSeries[(k * step) % forecastSeries.length]!);
    const first = series[0]!.first;
    let started = performance.now();
    await inTenant((tx) => explainForecast(tx, tenant.tenantId, { storeId: series[0]!.storeId, itemId: series[0]!.itemId, date: first }));
    const firstExplanationMs = performance.now() - started;
    const day: number[] = [];
    const week: number[] = [];
    let maxAdditivityError = 0;
    for (let run = 0; run < RUNS; run++) {
      for (const [times, days] of [[day, 1], [week, 7]] as const) {
        started = performance.now();
        for (const s of series) {
          const e = await inTenant((tx) => explainForecast(tx, tenant.tenantId, { storeId: s.storeId, itemId: s.itemId, date: first, days }));
          maxAdditivityError = Math.max(maxAdditivityError, e.additivityError);
        }
        times.push((performance.now() - started) / series.length);
      }
    }
    const forecastMs: number[] = [];
    const executiveMs: number[] = [];
    let forecastFile = { bytes: 0, pages: 0 };
    let executiveFile = { bytes: 0, pages: 0 };
    const period = (await inTenant((tx) => salesSummary(tx, {}))).period!;
    for (let run = 0; run < RUNS; run++) {
      const s = series[run % series.length]!;
      started = performance.now();
      const f = await generateReport(database, actor, { kind: "forecast", params: { store: s.storeId, item: s.itemId } });
      forecastMs.push(performance.now() - started);
      forecastFile = { bytes: f.bytes.byteLength, pages: f.pages };
      started = performance.now();
      const x = await generateReport(database, actor, { kind: "executive", params: { from: period.from, to: period.to } });
      executiveMs.push(performance.now() - started);
      executiveFile = { bytes: x.bytes.byteLength, pages: x.pages };
    }
    results.push({
      slug: tenant.slug,
      firstExplanationMs,
      dayMs: spread(day),
      weekMs: spread(week),
      maxAdditivityError,
      forecastReportMs: spread(forecastMs),
      forecastReportBytes: forecastFile.bytes,
      forecastReportPages: forecastFile.pages,
      executiveMs: spread(executiveMs),
      executiveBytes: executiveFile.bytes,
      executivePages: executiveFile.pages,
    });
  }
  await database.close();
  const out = { at: new Date().toISOString(), cpus: availableParallelism(), loadavg: loadavg(), runs: RUNS, explanationsPerRun: EXPLANATIONS_PER_RUN, results };
  mkdirSync(path.join(here, "results"), { recursive: true });
  writeFileSync(path.join(here, "results", "explain-reports.json"), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${availableParallelism()} cores; median (min–max) over ${RUNS} runs\n`);
  console.log("| tenant | first explanation of a version | one day (ms) | one week (ms) | max additivity error (units) | forecast report (ms) | executive summary (ms) |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const r of results) {
    console.log(
      `| ${r.slug} | ${(r.firstExplanationMs / 1000).toFixed(1)} s | ${formatSpread(r.dayMs, 1)} | ${formatSpread(r.weekMs, 1)} | ${r.maxAdditivityError.toExponential(1)} | ${formatSpread(r.forecastReportMs)} (${r.forecastReportPages} pages, ${Math.round(r.forecastReportBytes / 1024)} KB) | ${formatSpread(r.executiveMs)} (${r.executivePages} pages, ${Math.round(r.executiveBytes / 1024)} KB) |`,
    );
  }
}

await main();
