import path from "node:path";
import { describe, expect, it } from "vitest";
import { TENANTS_DIR, loadTenantConfig } from "@/server/tenants/tenant-config";
import { simulateAgainstTruth } from "./simulate-against-truth";

/**
 * The Checks' simulation: 8 weeks of following the recommendations on fresh draws from each demo
 * tenant's true demand process (lost sales, actual lead times). Achieved cycle service level and
 * fill rate must be within 2 points of their targets; the naive two-weeks-of-demand rule is the
 * comparison for stock and money. bench/inventory-simulation.ts prints the same at a larger scale.
 */
describe.each(["acme-grocers", "northwind-fashion"])("recommendations against the generator's truth: %s", (slug) => {
  const config = () => loadTenantConfig(path.join(TENANTS_DIR, slug, "tenant.json"));
  const scale = { stores: 4, items: 40 };

  it("reaches a 95% cycle service level within 2 points, at a lower total cost (holding, lost margin, orders) than the naive rule", async () => {
    const sim = simulateAgainstTruth(await config(), { scale, replications: 4 });
    expect(sim.series).toBeGreaterThan(100);
    expect(Math.abs(sim.recommended.cycleServiceLevel - 0.95), JSON.stringify(sim.recommended)).toBeLessThan(0.02);
    expect(sim.recommended.totalCost).toBeLessThan(sim.naive.totalCost);
  });

  it("reaches a 98% fill rate within 2 points", async () => {
    const sim = simulateAgainstTruth(await config(), { scale, replications: 4, target: { measure: "fill_rate", level: 0.98, unmet: "lost_sales" } });
    expect(Math.abs(sim.recommended.fillRate - 0.98), JSON.stringify(sim.recommended)).toBeLessThan(0.02);
  });
});
