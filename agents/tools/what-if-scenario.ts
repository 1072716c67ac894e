import "server-only";
import { tool } from "ai";
import { z } from "zod";
import type { Tx } from "@/server/db/database";
import { addDaysIso } from "@/models/data";
import { describeChange } from "@/server/api/routers/scenarios.types";
import type { ScenarioResult } from "@/server/api/routers/scenarios.types";
import { evaluateScenario, scenarioHorizon } from "@/server/services/scenarios/evaluate-scenario";
import type { ScenarioDefinitionInput } from "@/server/services/scenarios/scenario-definition";
import type { AgentContext } from "../context";
import { inTenant, recoverable } from "../context";
import { round } from "./round";

/** What the model may ask: a scope, days from the first forecast day, and the change in percents or an amount. */
export const whatIfInputSchema = z
  .object({
    itemIds: z.array(z.string().max(64)).max(50).optional().describe("Item ids (from lookupCatalog); give these or category"),
    category: z.string().max(120).optional().describe("Category name; give this or itemIds"),
    storeIds: z.array(z.string().max(64)).max(50).optional().describe("Store ids; omit for all stores"),
    from: z.iso.date().optional().describe("First day of the change (YYYY-MM-DD, within the forecast horizon); omit for the first forecast day"),
    days: z.number().int().min(1).max(28).default(7).describe("How many days the change lasts"),
    priceChangePercent: z.number().min(-90).max(200).optional().describe("Change of the list price in % (−10 = 10% cheaper)"),
    priceChangeAmount: z.number().optional().describe("Change of the list price in the tenant's currency (−0.5 = 50 cents cheaper); not with priceChangePercent"),
    discountPercent: z.number().min(0).max(90).optional().describe("Promotional discount in %, replacing the planned one"),
    promo: z.boolean().optional().describe("Promotion flag on (true) or off (false) on those days"),
  })
  .refine((v) => (v.itemIds === undefined) !== (v.category === undefined), { message: "Give exactly one of itemIds or category" })
  .refine((v) => v.priceChangePercent === undefined || v.priceChangeAmount === undefined, { message: "Give priceChangePercent or priceChangeAmount, not both" });
export type WhatIfInput = z.input<typeof whatIfInputSchema>;

/** The tool's input as a scenario definition, dated from the production model's horizon. */
export async function whatIfDefinition(tx: Tx, input: z.output<typeof whatIfInputSchema>, name: string): Promise<ScenarioDefinitionInput> {
  const horizon = await scenarioHorizon(tx);
  const from = input.from ?? horizon.firstDate ?? "";
  const to = addDaysIso(from || "1970-01-01", input.days - 1);
  return {
    name,
    items: input.itemIds ? { by: "ids", ids: input.itemIds } : { by: "category", category: input.category! },
    stores: input.storeIds?.length ? { by: "ids", ids: input.storeIds } : { by: "all" },
    from,
    to: horizon.lastDate && to > horizon.lastDate ? horizon.lastDate : to,
    change: {
      ...(input.priceChangePercent !== undefined && { price: { kind: "percent" as const, value: input.priceChangePercent } }),
      ...(input.priceChangeAmount !== undefined && { price: { kind: "absolute" as const, value: input.priceChangeAmount } }),
      ...(input.discountPercent !== undefined && { discount: input.discountPercent }),
      ...(input.promo !== undefined && { promo: input.promo }),
    },
  };
}

const band = (b: { mean: number; p10: number; p90: number }, digits: number) => ({ mean: round(b.mean, digits), p10: round(b.p10, digits), p90: round(b.p90, digits) });

/** A result as the assistant reports it: rounded totals with their intervals, the top series, the caveats. */
export function whatIfSummary(definition: ScenarioDefinitionInput, r: ScenarioResult) {
  const measure = (m: ScenarioResult["units"], digits: number) => ({ baseline: band(m.baseline, digits), scenario: band(m.scenario, digits), change: round(m.change, digits) });
  return {
    change: describeChange(definition.change),
    scope: r.scope,
    model: { version: r.model.version, trainedTo: r.model.trainedTo },
    units: measure(r.units, 1),
    revenue: measure(r.revenue, 2),
    margin: measure(r.margin, 2),
    stockoutDays: { baseline: round(r.stock.baseline.mean, 0), scenario: round(r.stock.scenario.mean, 0) },
    series: r.series.slice(0, 10).map((s) => ({ storeId: s.storeId, itemId: s.itemId, itemName: s.itemName, baselinePrice: round(s.baselinePrice, 2), scenarioPrice: round(s.scenarioPrice, 2), baselineUnits: round(s.baselineUnits, 1), scenarioUnits: round(s.scenarioUnits, 1) })),
    evaluationMs: r.evaluationMs,
    interval: "80% (P10–P90) of each total",
    warnings: r.warnings,
  };
}

/** Evaluates a what-if against the production model without saving it (read-only). */
export const whatIfScenario = (ctx: AgentContext) =>
  tool({
    description:
      "What-if: re-score the production model with a price change (% or amount), a discount or a promotion for some items or a category at some stores over some days, " +
      "and compare projected units, revenue, margin and stock-out days with the baseline forecast, each with an 80% interval. Read-only: nothing is saved. " +
      "Do NOT use it for the forecast as planned (use forecastDemand) or to save a scenario (use saveScenario).",
    inputSchema: whatIfInputSchema,
    execute: async (input) =>
      recoverable(() =>
        inTenant(ctx, async (tx) => {
          const definition = await whatIfDefinition(tx, input, "assistant what-if");
          return whatIfSummary(definition, await evaluateScenario(tx, definition));
        }),
      ),
  });
