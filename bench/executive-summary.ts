/**
 * Where the executive summary's time goes on full Acme (seeded into an in-memory PGlite, shipped
 * model installed, as `npm start` does): the sales summary it prints, the demand-shift query, the
 * whole data read, and the PDF drawing, each timed on its own over RUNS runs.
 * Run: `npx tsx --conditions=react-server bench/executive-summary.ts`; raw numbers in
 * bench/results/executive-summary.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { migrateDatabase } from "../server/db/migrate";
import { openPglite } from "../server/db/open-pglite";
import { withTenant } from "../server/db/tenant-context";
import { seedDemoTenants } from "../server/services/demo-data/seed-demo";
import { installDemoModel } from "../server/services/forecasting/demo-models";
import { executiveSummaryData, renderExecutiveSummary } from "../server/services/reports/executive-summary";
import { salesSummary } from "../server/services/sales/sales-summary";
import { loadTenantConfigs } from "../server/tenants/tenant-config";
import { formatSpread, spread } from "./stats";

const RUNS = 3;
const SLUG = "acme-grocers";
const here = path.dirname(fileURLToPath(import.meta.url));

async function main() {
  const database = await openPglite(null);
  await migrateDatabase(database);
  const seeded = await seedDemoTenants(database, { configs: (await loadTenantConfigs()).filter((c) => c.slug === SLUG) });
  const tenant = seeded.tenants[0]!;
  await installDemoModel(database, { id: tenant.tenantId, slug: tenant.slug });
  const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(database, tenant.tenantId, fn);
  const period = (await inTenant((tx) => salesSummary(tx, {}))).period!;
  const input = { from: period.from, to: period.to };
  const timed = async <T>(times: number[], fn: () => Promise<T>) => {
    const started = performance.now();
    const out = await fn();
    times.push(performance.now() - started);
    return out;
  };
  const summaryMs: number[] = [];
  const dataMs: number[] = [];
  const renderMs: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    await timed(summaryMs, () => inTenant((tx) => salesSummary(tx, { ...input, granularity: "week" })));
    const data = await timed(dataMs, () => inTenant((tx) => executiveSummaryData(tx, tenant.tenantId, input)));
    await timed(renderMs, () => renderExecutiveSummary(data, new Date()));
  }
  const result = {
    slug: SLUG,
    period: input,
    salesSummaryMs: spread(summaryMs),
    dataReadMs: spread(dataMs),
    restOfDataReadMs: spread(dataMs.map((d, i) => d - summaryMs[i]!)),
    renderMs: spread(renderMs),
    machine: { cores: availableParallelism(), loadavg: loadavg() },
    at: new Date().toISOString(),
  };
  mkdirSync(path.join(here, "results"), { recursive: true });
  writeFileSync(path.join(here, "results", "executive-summary.json"), `${JSON.stringify(result, null, 2)}\n`);
  console.log(`${SLUG} ${input.from}…${input.to}: sales summary ${formatSpread(result.salesSummaryMs, 0)} ms; whole data read ${formatSpread(result.dataReadMs, 0)} ms; rest of the read ${formatSpread(result.restOfDataReadMs, 0)} ms; render ${formatSpread(result.renderMs, 0)} ms`);
  await database.close();
}

await main();
