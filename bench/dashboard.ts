/**
 * How long the dashboard's data takes at the server for a demo tenant at full size (Acme: about
 * a million sales rows, with its shipped production model), for periods from a week to two years
 * ending at the latest sale, for the whole tenant, one store, one category, and one store ×
 * category (the item level, read from the raw rows). Times the sales summary alone and all the
 * page asks for (summary, forecast vs actual, stock card), one after the other. Runs on PGlite
 * and, when DATABASE_URL is set, on PostgreSQL as the app's login role. Target: under 500 ms.
 * Prints the README table; writes bench/results/dashboard-<slug>.json.
 * Run: `DATABASE_URL=… npx tsx --conditions=react-server bench/dashboard.ts [slug] [runs]`.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { executeRows } from "../server/db/execute-rows";
import { analyzeTablesWithoutStatistics } from "../server/db/planner-statistics";
import { withTenant } from "../server/db/tenant-context";
import { seedDemoTenants } from "../server/services/demo-data/seed-demo";
import { installDemoModel } from "../server/services/forecasting/demo-models";
import { stockSummary } from "../server/services/inventory/stock-summary";
import { forecastVsActual } from "../server/services/sales/forecast-vs-actual";
import { salesSummary } from "../server/services/sales/sales-summary";
import type { SalesSummaryInput } from "../server/services/sales/sales-summary";
import { TENANTS_DIR, loadTenantConfig } from "../server/tenants/tenant-config";
import { createTestDatabase, testDrivers } from "../tests/helpers/test-database";
import { formatSpread, spread } from "./stats";
import type { Spread } from "./stats";

const PERIOD_DAYS = [7, 30, 90, 365, 730];
const addDays = (iso: string, n: number) => new Date(Date.parse(iso) + n * 86_400_000).toISOString().slice(0, 10);

type Case = { driver: string; days: number; filter: string; summaryMs: Spread; allMs: Spread };

async function main(): Promise<void> {
  const [slug = "acme-grocers", runs = "5"] = process.argv.slice(2);
  const config = await loadTenantConfig(path.join(TENANTS_DIR, slug, "tenant.json"));
  const cases: Case[] = [];
  let salesRows = 0;
  let rollupRows = 0;
  for (const driver of testDrivers()) {
    const database = await createTestDatabase(driver);
    try {
      const seeded = await seedDemoTenants(database.owner, { configs: [config] });
      const tenantId = seeded.tenants[0]!.tenantId;
      // As start-up does after seeding (scripts/prepare-database.ts): PGlite never analyzes by itself.
      await analyzeTablesWithoutStatistics(database.owner);
      await installDemoModel(database, { id: tenantId, slug });
      const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(database, tenantId, fn);
      const [facts] = await inTenant((tx) =>
        executeRows<{ last: string; store: string; category: string; sales: number; rollups: number }>(tx, sql`
          select (select max(date)::text from sales) as last, (select min(id) from stores) as store, (select min(category) from items) as category,
                 (select count(*)::int from sales) as sales, (select count(*)::int from sales_daily_rollups) as rollups`),
      );
      const { last, store, category } = facts!;
      salesRows = facts!.sales;
      rollupRows = facts!.rollups;
      const filters: [string, Partial<SalesSummaryInput>][] = [
        ["tenant", {}],
        ["one store", { storeId: store }],
        ["one category", { category }],
        ["store × category (items)", { storeId: store, category }],
      ];
      for (const days of PERIOD_DAYS) {
        for (const [filter, extra] of filters) {
          const input = { from: addDays(last, 1 - days), to: last, ...extra };
          const summary = () => inTenant((tx) => salesSummary(tx, input));
          // The page's three requests, each in its own transaction as tRPC runs them.
          const all = async () => {
            await summary();
            await inTenant((tx) => forecastVsActual(tx, input));
            await inTenant((tx) => stockSummary(tx, input));
          };
          await all(); // warm-up: plans and caches, not counted
          const summaryMs: number[] = [];
          const allMs: number[] = [];
          for (let i = 0; i < Number(runs); i++) {
            let started = performance.now();
            await summary();
            summaryMs.push(performance.now() - started);
            started = performance.now();
            await all();
            allMs.push(performance.now() - started);
          }
          cases.push({ driver, days, filter, summaryMs: spread(summaryMs), allMs: spread(allMs) });
        }
      }
    } finally {
      await database.close();
    }
  }
  writeFileSync(path.join("bench", "results", `dashboard-${slug}.json`), JSON.stringify({ slug, salesRows, dailyRollupRows: rollupRows, runs: Number(runs), cases }, null, 2));
  console.log(`${slug}: ${salesRows.toLocaleString("en-US")} sales rows, ${rollupRows.toLocaleString("en-US")} daily rollup rows`);
  console.log("| database | period | filter | sales summary, ms (median, min–max) | whole page's data, ms |");
  console.log("| --- | ---: | --- | ---: | ---: |");
  for (const c of cases) console.log(`| ${c.driver} | ${c.days} days | ${c.filter} | ${formatSpread(c.summaryMs)} | ${formatSpread(c.allMs)} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
