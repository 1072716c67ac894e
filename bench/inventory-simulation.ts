/**
 * 8 weeks of following the recommendations on fresh draws from each demo tenant's true demand
 * process, beside the naive rule (order up to two weeks of average demand), for a cycle-service
 * target and a fill-rate target, with the policy seeing either the true daily moments or the true
 * daily P10/P50/P90 (the product's quantile-to-moment step). Prints the README table; writes
 * bench/results/inventory-simulation.json.
 * Run: `npx tsx --conditions=react-server bench/inventory-simulation.ts [stores] [items] [replications]`.
 */
import { writeFileSync } from "node:fs";
import path from "node:path";
import type { ServiceTarget } from "../models/inventory";
import { simulateAgainstTruth } from "../server/services/inventory/simulate-against-truth";
import type { ForecastSource } from "../server/services/inventory/simulate-against-truth";
import { TENANTS_DIR, loadTenantConfig } from "../server/tenants/tenant-config";

const TARGETS: ServiceTarget[] = [
  { measure: "cycle_service_level", level: 0.95, unmet: "lost_sales" },
  { measure: "fill_rate", level: 0.98, unmet: "lost_sales" },
];
const SOURCES: ForecastSource[] = ["true_moments", "true_quantiles"];

async function main(): Promise<void> {
  const [stores = "10", items = "100", replications = "3"] = process.argv.slice(2);
  const results = [];
  const reps = Number(replications);
  console.log("Money per 8 weeks, summed over the series (the mean of the replications), in each tenant's currency.\n");
  console.log("| tenant | target | policy sees | series | achieved CSL | achieved fill rate | avg units on hand (ours / naive) | holding cost (ours / naive) | lost margin (ours / naive) | order cost (ours / naive) | holding + lost margin saved |");
  console.log("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const slug of ["acme-grocers", "northwind-fashion"]) {
    const config = await loadTenantConfig(path.join(TENANTS_DIR, slug, "tenant.json"));
    const listed = config.generator.stores;
    const scale = { stores: Math.min(Number(stores), Array.isArray(listed) ? listed.length : listed.count), items: Number(items) };
    for (const target of TARGETS) {
      for (const forecast of SOURCES) {
        const started = performance.now();
        const sim = simulateAgainstTruth(config, { scale, replications: Number(replications), target, forecast });
        results.push({ ...sim, scale, forecast, seconds: (performance.now() - started) / 1000 });
        const { recommended: o, naive: n } = sim;
        const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
        const money = (x: number) => Math.round(x / reps).toLocaleString("en-US");
        const inventoryCost = (p: typeof o) => p.holdingCost + p.lostMargin;
        console.log(
          `| ${slug} | ${target.measure === "fill_rate" ? "fill rate" : "CSL"} ${pct(target.level)} | ${forecast.replace("_", " ")} | ${sim.series} | ${pct(o.cycleServiceLevel)} | ${pct(o.fillRate)} | ${o.averageOnHandUnits.toFixed(1)} / ${n.averageOnHandUnits.toFixed(1)} | ${money(o.holdingCost)} / ${money(n.holdingCost)} | ${money(o.lostMargin)} / ${money(n.lostMargin)} | ${money(o.orderCost)} / ${money(n.orderCost)} | ${money(inventoryCost(n) - inventoryCost(o))} |`,
        );
      }
    }
  }
  writeFileSync(path.join("bench", "results", "inventory-simulation.json"), JSON.stringify({ replications: reps, results }, null, 2));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
