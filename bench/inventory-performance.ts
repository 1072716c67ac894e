/**
 * How long the inventory decisions take at a demo tenant's full size: every item × store
 * recommendation recomputed (target < 5 s), the action center recomputed from scratch, and the
 * action center answering when nothing changed (target < 300 ms at the server). Seeds the tenant
 * into an in-memory PGlite with its shipped model (as first start does), then times each step
 * several times. Prints the README table; writes bench/results/inventory-performance-<slug>.json.
 * Run: `npx tsx --conditions=react-server bench/inventory-performance.ts [slug] [runs]`.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import { migrateDatabase } from "../server/db/migrate";
import { openPglite } from "../server/db/open-pglite";
import { withTenant } from "../server/db/tenant-context";
import { listActions } from "../server/services/actions/list-actions";
import { refreshActions } from "../server/services/actions/refresh-actions";
import { seedDemoTenants } from "../server/services/demo-data/seed-demo";
import { installDemoModel } from "../server/services/forecasting/demo-models";
import { computeInventoryPlan } from "../server/services/inventory/inventory-plan";
import { TENANTS_DIR, loadTenantConfig } from "../server/tenants/tenant-config";

async function time<T>(runs: number, fn: () => Promise<T>): Promise<{ ms: number[]; last: T }> {
  const ms: number[] = [];
  let last: T | undefined;
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    last = await fn();
    ms.push(performance.now() - started);
  }
  return { ms, last: last as T };
}

const stats = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { min: sorted[0]!, median: sorted[Math.floor(sorted.length / 2)]!, max: sorted.at(-1)! };
};

async function main(): Promise<void> {
  const [slug = "acme-grocers", runs = "5"] = process.argv.slice(2);
  const n = Number(runs);
  const config = await loadTenantConfig(path.join(TENANTS_DIR, slug, "tenant.json"));
  const database = await openPglite(null);
  await migrateDatabase(database);
  const seeded = await seedDemoTenants(database, { configs: [config] });
  const tenantId = seeded.tenants[0]!.tenantId;
  const model = await installDemoModel(database, { id: tenantId, slug });
  const inTenant = <T>(fn: Parameters<typeof withTenant<T>>[2]) => withTenant(database, tenantId, fn, { statementTimeoutMs: 600_000 });

  const plan = await time(n, () => inTenant((tx) => computeInventoryPlan(tx)));
  const refresh = await time(n, () => inTenant((tx) => refreshActions(tx, tenantId, { force: true })));
  const cached = await time(n * 4, () => inTenant((tx) => listActions(tx, tenantId, { limit: 50 })));
  const list = cached.last;
  await database.close();

  const result = {
    slug,
    model: model.source,
    pairs: plan.last?.lines.length ?? 0,
    openActions: list.total,
    actionValue: list.totalValue,
    recommendationsMs: stats(plan.ms),
    refreshActionsMs: stats(refresh.ms),
    actionCenterMs: stats(cached.ms),
  };
  writeFileSync(path.join("bench", "results", `inventory-performance-${slug}.json`), JSON.stringify({ ...result, raw: { plan: plan.ms, refresh: refresh.ms, cached: cached.ms } }, null, 2));
  const f = (s: { min: number; median: number; max: number }) => `${Math.round(s.median)} (${Math.round(s.min)}–${Math.round(s.max)})`;
  console.log(`| tenant | item × store pairs | all recommendations, ms (median, min–max) | action center recomputed, ms | action center unchanged, ms | open actions | their value |`);
  console.log(`| --- | ---: | ---: | ---: | ---: | ---: | ---: |`);
  console.log(`| ${slug} | ${result.pairs.toLocaleString("en-US")} | ${f(result.recommendationsMs)} | ${f(result.refreshActionsMs)} | ${f(result.actionCenterMs)} | ${result.openActions} | ${Math.round(result.actionValue).toLocaleString("en-US")} ${config.currency} |`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
