/**
 * What a what-if scenario costs at the server, on the full Acme demo tenant with its shipped model
 * (seeded into an in-memory PGlite here, as `npm start` does): the first evaluation of a version
 * (rebuilds its panel and feature rows), then warm evaluations of growing scopes up to the size
 * limit, through `evaluateScenario` (scope checks, re-scoring through onnxruntime, stored
 * forecasts, stock positions, totals). Run: `npx tsx --conditions=react-server bench/scenarios.ts`.
 * Every figure is the spread (median, min–max) over RUNS runs; raw numbers in bench/results/scenarios.json.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { asc } from "drizzle-orm";
import { items, stores } from "../drizzle/schema";
import { addDaysIso } from "../models/data";
import { migrateDatabase } from "../server/db/migrate";
import { openPglite } from "../server/db/open-pglite";
import { withTenant } from "../server/db/tenant-context";
import { seedDemoTenants } from "../server/services/demo-data/seed-demo";
import { installDemoModel } from "../server/services/forecasting/demo-models";
import { getProductionModel } from "../server/services/models/registry";
import { evaluateScenario } from "../server/services/scenarios/evaluate-scenario";
import type { ScenarioDefinitionInput } from "../server/services/scenarios/scenario-definition";
import { loadTenantConfigs } from "../server/tenants/tenant-config";
import { formatSpread, spread } from "./stats";

const RUNS = 5;
const here = path.dirname(fileURLToPath(import.meta.url));

async function main() {
  const database = await openPglite(null);
  await migrateDatabase(database);
  const configs = (await loadTenantConfigs()).filter((c) => c.slug === "acme-grocers");
  const tenant = (await seedDemoTenants(database, { configs })).tenants[0]!;
  const installed = await installDemoModel(database, { id: tenant.tenantId, slug: tenant.slug });
  if (installed.source !== "shipped") throw new Error(`expected the shipped model, got ${installed.source}`);
  const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(database, tenant.tenantId, fn);
  const model = (await inTenant((tx) => getProductionModel(tx)))!;
  const first = addDaysIso(model.trainedTo, 1);
  const allItems = await inTenant((tx) => tx.select().from(items).orderBy(asc(items.id)));
  const allStores = await inTenant((tx) => tx.select().from(stores).orderBy(asc(stores.id)));
  const category = allItems[0]!.category;
  const twoCategories = [...new Set(allItems.map((i) => i.category))].slice(0, 2);
  const define = (name: string, scope: Pick<ScenarioDefinitionInput, "items" | "stores">, days: number): ScenarioDefinitionInput => ({ name, ...scope, from: first, to: addDaysIso(first, days - 1), change: { price: { kind: "percent", value: -10 } } });
  const cases = [
    define("1 item × 1 store × 7 days", { items: { by: "ids", ids: [allItems[0]!.id] }, stores: { by: "ids", ids: [allStores[0]!.id] } }, 7),
    define("category × 1 store × 7 days", { items: { by: "category", category }, stores: { by: "ids", ids: [allStores[0]!.id] } }, 7),
    define("category × all stores × 7 days", { items: { by: "category", category }, stores: { by: "all" } }, 7),
    define("2 categories × all stores × 14 days", { items: { by: "ids", ids: allItems.filter((i) => twoCategories.includes(i.category)).map((i) => i.id) }, stores: { by: "all" } }, 14),
  ];
  let started = performance.now();
  const cold = await inTenant((tx) => evaluateScenario(tx, cases[0]!));
  const firstEvaluationMs = performance.now() - started;
  const results = [];
  for (const c of cases) {
    const times: number[] = [];
    let cells = 0;
    let scoredRows = 0;
    for (let run = 0; run < RUNS; run++) {
      started = performance.now();
      const r = await inTenant((tx) => evaluateScenario(tx, c));
      times.push(performance.now() - started);
      cells = r.scope.cells;
      scoredRows = r.scoredRows;
    }
    const ms = spread(times);
    results.push({ scenario: c.name, cells, scoredRows, ms });
    console.log(`${c.name}: ${cells} cells, ${scoredRows} rows scored, ${formatSpread(ms, 0)} ms`);
  }
  const out = { at: new Date().toISOString(), cores: availableParallelism(), loadAverage: loadavg()[0], model: model.version, firstEvaluationMs, firstEvaluationCells: cold.scope.cells, results };
  console.log(`first evaluation of the version (panel + features): ${firstEvaluationMs.toFixed(0)} ms; load average ${loadavg()[0]!.toFixed(1)}`);
  mkdirSync(path.join(here, "results"), { recursive: true });
  writeFileSync(path.join(here, "results", "scenarios.json"), `${JSON.stringify(out, null, 2)}\n`);
  await database.close();
}

await main();
