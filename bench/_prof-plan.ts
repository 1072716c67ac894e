import { tenants } from "../drizzle/schema";
import { openPglite } from "../server/db/open-pglite";
import { withAuthRole, withTenant } from "../server/db/tenant-context";
import { loadDemandForecasts } from "../server/services/inventory/demand-forecasts";
import { loadStockPositions } from "../server/services/inventory/stock-positions";
import { computeInventoryPlan } from "../server/services/inventory/inventory-plan";
const database = await openPglite("/tmp/rep-bench");
const [acme] = await withAuthRole(database, (tx) => tx.select({ id: tenants.id }).from(tenants).orderBy(tenants.slug));
for (let i = 0; i < 3; i++) {
  await withTenant(database, acme!.id, async (tx) => {
    let t = performance.now();
    const f = await loadDemandForecasts(tx, {}, () => undefined);
    const a = performance.now() - t; t = performance.now();
    const p = await loadStockPositions(tx, {});
    const b = performance.now() - t; t = performance.now();
    const plan = await computeInventoryPlan(tx);
    const c = performance.now() - t;
    console.log(`forecasts ${a.toFixed(0)} (${f?.series.size}) positions ${b.toFixed(0)} (${p.length}) plan ${c.toFixed(0)} (${plan?.lines.length})`);
  });
}
await database.close();
