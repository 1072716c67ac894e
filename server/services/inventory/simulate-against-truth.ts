import "server-only";
import { dailyMoments, negativeBinomial, recommend, simulatePolicy } from "@/models/inventory";
import type { DailyMoments, ServiceTarget } from "@/models/inventory";
import { sampleNegativeBinomial, samplePoisson } from "@/server/services/demo-data/distributions";
import { generateTenantData } from "@/server/services/demo-data/generate-tenant-data";
import { Rng } from "@/server/services/demo-data/prng";
import type { Scale } from "@/server/services/demo-data/types";
import type { TenantConfig } from "@/server/tenants/tenant-config";

/** What the recommendations are computed from in the simulation. */
export type ForecastSource = "true_moments" | "true_quantiles";

export type SimulationOptions = {
  scale?: Scale;
  days?: number;
  replications?: number;
  target?: ServiceTarget;
  /** Naive rule: order up to this many days of average demand at every review. */
  naiveCoverDays?: number;
  forecast?: ForecastSource;
};

export type PolicyOutcome = { fillRate: number; cycleServiceLevel: number; averageOnHandUnits: number; holdingCost: number; lostMargin: number; orderCost: number; totalCost: number };

export type TruthSimulation = { slug: string; series: number; days: number; target: ServiceTarget; reviewPeriodDays: number; recommended: PolicyOutcome; naive: PolicyOutcome };

type Totals = { demand: number; served: number; cycles: number; clean: number; onHandDays: number; holding: number; lostMargin: number; orders: number; orderCost: number };

const emptyTotals = (): Totals => ({ demand: 0, served: 0, cycles: 0, clean: 0, onHandDays: 0, holding: 0, lostMargin: 0, orders: 0, orderCost: 0 });

function outcome(t: Totals, seriesDays: number): PolicyOutcome {
  return {
    fillRate: t.served / t.demand,
    cycleServiceLevel: t.clean / t.cycles,
    averageOnHandUnits: t.onHandDays / seriesDays,
    holdingCost: t.holding,
    lostMargin: t.lostMargin,
    orderCost: t.orderCost,
    totalCost: t.holding + t.lostMargin + t.orderCost,
  };
}

/**
 * Follows the recommendations for `days` (8 weeks by default) on fresh draws from the demo
 * generator's own demand process — negative binomial in store with the tenant's dispersion plus
 * Poisson web orders from the same shelf, around the generator's true daily means — with lost
 * sales and each series' actual lead time, beside a naive rule (order up to two weeks of average
 * demand). The window ends four weeks before the history does, so every decision's look-ahead has
 * true means. `forecast` says what the policy sees: the true daily moments, or the true daily
 * P10/P50/P90 read back through the same quantile-to-moment step the product uses.
 */
export function simulateAgainstTruth(config: TenantConfig, options: SimulationOptions = {}): TruthSimulation {
  const days = options.days ?? 56;
  const replications = options.replications ?? 3;
  const target = options.target ?? { measure: "cycle_service_level", level: 0.95, unmet: "lost_sales" };
  const naiveCover = options.naiveCoverDays ?? 14;
  const data = generateTenantData(config, { scale: options.scale });
  const { params } = data.truth;
  const k = params.demandDispersion;
  const onlineRatio = params.online.share / (1 - params.online.share);
  const R = params.inventory.reviewPeriodDays;
  const items = new Map(data.items.map((i) => [i.id, i]));
  const terms = new Map(data.inventory.map((r) => [`${r.storeId}|${r.itemId}`, r]));
  const { sales } = data;

  // Rows are ordered by store, item, date: collect each series' true means.
  const series = new Map<string, { storeId: string; itemId: string; mean: number[] }>();
  for (let i = 0; i < sales.length; i++) {
    const storeId = sales.storeIds[sales.storeIndex[i]!]!;
    const itemId = sales.itemIds[sales.itemIndex[i]!]!;
    const key = `${storeId}|${itemId}`;
    const s = series.get(key) ?? { storeId, itemId, mean: [] };
    s.mean.push(data.truth.latentDemandMean[i]!);
    series.set(key, s);
  }

  const ours = emptyTotals();
  const naive = emptyTotals();
  let seriesDays = 0;
  let counted = 0;
  for (const [key, s] of series) {
    const term = terms.get(key);
    const item = items.get(s.itemId);
    const end = s.mean.length - 28;
    const start = end - days;
    if (!term || !item || start < 28) continue;
    counted++;
    const L = term.leadTimeDays;
    const moments = (d: number): DailyMoments => {
      const m = s.mean[Math.min(d, s.mean.length - 1)] ?? 0;
      const exact = { mean: m * (1 + onlineRatio), sd: Math.sqrt(m + (m * m) / k + m * onlineRatio) };
      if (options.forecast !== "true_quantiles" || exact.mean === 0) return exact;
      const dist = negativeBinomial(exact.mean, exact.sd * exact.sd);
      return dailyMoments({ p10: dist.quantile(0.1), p50: dist.quantile(0.5), p90: dist.quantile(0.9) }, { varianceScale: 1, meanScale: 1 });
    };
    const horizon = (from: number) => Array.from({ length: L + R + 28 }, (_, j) => moments(from + j));
    const averageDemand = s.mean.slice(start - 28, start).reduce((a, b) => a + b, 0) / 28 * (1 + onlineRatio);
    const naiveLevel = Math.ceil(averageDemand * naiveCover);
    const margin = item.basePrice - item.unitCost;
    const holdingPerUnitDay = (term.holdingCostRate * item.unitCost) / 365;
    const recommendAt = (t: number, onHand: number, onOrder: number) =>
      recommend({
        days: horizon(start + t),
        correlation: 0,
        onHand,
        onOrder,
        leadTimeDays: L,
        reviewPeriodDays: R,
        policy: "periodic_review",
        target,
        unitCost: item.unitCost,
        unitPrice: item.basePrice,
        orderCost: term.orderCost,
        holdingCostRate: term.holdingCostRate,
        terms: { packSize: 1, minimumOrder: 0 },
      });
    const initial = recommendAt(0, 0, 0).orderUpTo;
    for (let rep = 0; rep < replications; rep++) {
      for (const [totals, decide, startStock] of [
        [ours, (t: number, onHand: number, onOrder: number) => recommendAt(t, onHand, onOrder).orderQuantity, initial],
        [naive, (_t: number, onHand: number, onOrder: number) => Math.max(0, naiveLevel - onHand - onOrder), naiveLevel],
      ] as const) {
        // The same demand draws for both rules: a paired comparison.
        const rng = new Rng(params.seed, "policy-simulation", key, rep);
        const draws = Array.from({ length: days }, (_, t) => {
          const m = s.mean[start + t] ?? 0;
          return sampleNegativeBinomial(rng, m, k) + samplePoisson(rng, m * onlineRatio);
        });
        const result = simulatePolicy({
          days,
          leadTimeDays: L,
          reviewPeriodDays: R,
          initialOnHand: startStock,
          unmet: target.unmet,
          demand: (t) => draws[t] ?? 0,
          decide: ({ day, onHand, onOrder }) => (day % R === 0 ? decide(day, onHand, onOrder) : 0),
        });
        totals.demand += result.demand;
        totals.served += result.served;
        totals.cycles += result.cycles;
        totals.clean += result.cycleServiceLevel * result.cycles;
        totals.onHandDays += result.averageOnHand * days;
        totals.holding += result.averageOnHand * days * holdingPerUnitDay;
        totals.lostMargin += (result.demand - result.served) * margin;
        totals.orders += result.orders;
        totals.orderCost += result.orders * term.orderCost;
      }
      seriesDays += days;
    }
  }
  return { slug: config.slug, series: counted, days, target, reviewPeriodDays: R, recommended: outcome(ours, seriesDays), naive: outcome(naive, seriesDays) };
}
