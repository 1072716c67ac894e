/**
 * What the executive summary costs on the full demo tenants with their shipped models: the whole
 * report through `generateReport` (read, render, record) and, in the same runs, its parts on their
 * own — the read, each section's share of it (`ExecutiveSummaryData.timings`) and the drawing —
 * so a regression shows where it is.
 * Run: `npx tsx --conditions=react-server bench/reports.ts [--data-dir DIR] [--runs N]`.
 * Without --data-dir the tenants are seeded into an in-memory PGlite (as `npm start` does, about
 * a minute); with one they are seeded there once and reused. With DATABASE_URL set it runs on that
 * PostgreSQL instead (migrated and seeded when it has no tenants yet; the URL's role must own the schema). The action center (and the stock risks it keeps) is brought up to date before the runs, as any visit to it does,
 * so the runs measure the report, not a first recomputation. Two periods: the Reports page's default
 * (the last 90 days of sales) and the last 364 days. Raw runs in bench/results/reports-<driver>[-<label>].json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import { tenants } from "../drizzle/schema";
import { addDaysIso } from "../models/data";
import type { Database } from "../server/db/database";
import { migrateDatabase } from "../server/db/migrate";
import { openPglite } from "../server/db/open-pglite";
import { openPostgres } from "../server/db/open-postgres";
import { withAuthRole, withTenant } from "../server/db/tenant-context";
import { currentStockRisk } from "../server/services/actions/refresh-actions";
import { seedDemoTenants } from "../server/services/demo-data/seed-demo";
import { installDemoModel } from "../server/services/forecasting/demo-models";
import { executiveSummaryData, renderExecutiveSummary } from "../server/services/reports/executive-summary";
import { generateReport } from "../server/services/reports/generate-report";
import { salesSummary } from "../server/services/sales/sales-summary";
import { formatSpread, spread } from "./stats";
import type { Spread } from "./stats";

const here = path.dirname(fileURLToPath(import.meta.url));
const { values: args } = parseArgs({ options: { "data-dir": { type: "string" }, runs: { type: "string", default: "5" }, label: { type: "string" } } });
const RUNS = Number(args.runs);

type Result = { slug: string; period: { from: string; to: string; days: number }; reportMs: Spread; pages: number; bytes: number; sectionsMs: Record<string, Spread> };

async function open(): Promise<Database> {
  const database = process.env.DATABASE_URL ? await openPostgres(process.env.DATABASE_URL) : await openPglite(args["data-dir"] ?? null);
  await migrateDatabase(database);
  await seedDemoTenants(database);
  return database;
}

async function main() {
  const database = await open();
  const all = await withAuthRole(database, (tx) => tx.select({ id: tenants.id, slug: tenants.slug }).from(tenants).orderBy(tenants.slug));
  const results: Result[] = [];
  for (const tenant of all) {
    await installDemoModel(database, tenant);
    const actor = { tenantId: tenant.id, role: "owner" as const };
    const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(database, tenant.id, fn);
    await inTenant((tx) => currentStockRisk(tx, tenant.id));
    // The Reports page's default period (the last 90 days of sales) and the last year.
    const latest = (await inTenant((tx) => salesSummary(tx, {}))).period!;
    for (const days of [latest.days, 364]) {
      const to = latest.to;
      const from = addDaysIso(to, 1 - days);
      const reportMs: number[] = [];
      const sections = new Map<string, number[]>();
      const add = (name: string, ms: number) => sections.set(name, [...(sections.get(name) ?? []), ms]);
      let file = { pages: 0, bytes: 0 };
      for (let run = 0; run < RUNS; run++) {
        let started = performance.now();
        const report = await generateReport(database, actor, { kind: "executive", params: { from, to } });
        reportMs.push(performance.now() - started);
        file = { pages: report.pages, bytes: report.bytes.byteLength };
        // Its parts once more on their own, for where the time goes: each section's reads, the whole read, the drawing.
        started = performance.now();
        const data = await inTenant((tx) => executiveSummaryData(tx, tenant.id, { from, to }));
        add("read", performance.now() - started);
        for (const [name, ms] of Object.entries(data.timings)) add(name, ms);
        started = performance.now();
        await renderExecutiveSummary(data, new Date());
        add("render", performance.now() - started);
      }
      results.push({ slug: tenant.slug, period: { from, to, days }, reportMs: spread(reportMs), ...file, sectionsMs: Object.fromEntries([...sections].map(([k, v]) => [k, spread(v)])) });
    }
  }
  await database.close();
  const out = { at: new Date().toISOString(), driver: database.driver, cpus: availableParallelism(), loadavg: loadavg(), runs: RUNS, results };
  mkdirSync(path.join(here, "results"), { recursive: true });
  writeFileSync(path.join(here, "results", `reports-${database.driver}${args.label ? `-${args.label}` : ""}.json`), `${JSON.stringify(out, null, 2)}\n`);
  console.log(`${database.driver}, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${availableParallelism()} cores; median (min–max) ms over ${RUNS} runs\n`);
  const names = [...new Set(results.flatMap((r) => Object.keys(r.sectionsMs)))];
  console.log(`| tenant | days | executive summary | ${names.join(" | ")} |`);
  console.log(`| --- | --- | --- | ${names.map(() => "---").join(" | ")} |`);
  for (const r of results) {
    const cells = names.map((n) => (r.sectionsMs[n] ? formatSpread(r.sectionsMs[n]) : "—"));
    console.log(`| ${r.slug} | ${r.period.days} (${r.period.from} to ${r.period.to}) | ${formatSpread(r.reportMs)} (${r.pages} pages, ${Math.round(r.bytes / 1024)} KB) | ${cells.join(" | ")} |`);
  }
}

await main();
