/**
 * Offline planner latency on the demo tenants (full seed and shipped models in an in-memory PGlite,
 * as `npm start` has them): whole `askAssistant` calls — planning, tool calls through the services,
 * the answer — for single-tool and multi-step questions, RUNS times each. Raw numbers go to
 * bench/results/assistant-latency.json.
 *
 *   nice npx tsx --conditions=react-server bench/assistant-latency.ts
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism, loadavg } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { askAssistant } from "../agents/agent";
import { loadCatalog } from "../agents/catalog";
import { migrateDatabase } from "../server/db/migrate";
import { openPglite } from "../server/db/open-pglite";
import { seedDemoTenants } from "../server/services/demo-data/seed-demo";
import { installDemoModel } from "../server/services/forecasting/demo-models";
import { quantile } from "./stats";

const RUNS = 5;
const SINGLE = ["sales at store 3 last month", "revenue last month vs the same period last year", "what's in my action center?", "where are we likely to have stockouts?"];
const MULTI = ["How many units of {item} will store 3 sell next week, and should I reorder?", "forecast {item} at store 2 next week and tell me the reorder quantity"];

async function main() {
  const database = await openPglite(null);
  await migrateDatabase(database);
  const seeded = await seedDemoTenants(database);
  const results = [];
  for (const tenant of seeded.tenants) {
    await installDemoModel(database, { id: tenant.tenantId, slug: tenant.slug });
    const ctx = { database, tenantId: tenant.tenantId, tenantSlug: tenant.slug, role: "analyst" as const };
    // A single-tool forecast question about the tenant's first item, then the multi-step ones about it.
    const itemName = (await loadCatalog(ctx)).items[0]!.name;
    const single = [...SINGLE, `forecast ${itemName} at store 1 next week`];
    const multi = MULTI.map((q) => q.replace("{item}", itemName));
    const time = async (questions: string[]) => {
      const ms: number[] = [];
      for (let run = 0; run < RUNS; run++) {
        for (const q of questions) {
          const started = performance.now();
          await askAssistant(ctx, q);
          ms.push(performance.now() - started);
        }
      }
      return { n: ms.length, p50: quantile(ms, 0.5), p95: quantile(ms, 0.95), raw: ms };
    };
    results.push({ slug: tenant.slug, item: itemName, singleTool: await time(single), multiStep: await time(multi) });
    console.log(`${tenant.slug}: single-tool p50 ${results.at(-1)!.singleTool.p50.toFixed(0)} ms p95 ${results.at(-1)!.singleTool.p95.toFixed(0)} ms; multi-step p50 ${results.at(-1)!.multiStep.p50.toFixed(0)} ms p95 ${results.at(-1)!.multiStep.p95.toFixed(0)} ms`);
  }
  const out = path.join(path.dirname(fileURLToPath(import.meta.url)), "results", "assistant-latency.json");
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify({ date: new Date().toISOString(), cores: availableParallelism(), loadavg: loadavg(), runs: RUNS, results }, null, 2));
  await database.close();
}

await main();
