import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { addDaysIso } from "@/models/data";
import { explainForecast as explain } from "@/server/services/explain/explain-forecast";
import { getProductionModel } from "@/server/services/models/registry";
import type { AgentContext } from "../context";
import { inTenant, recoverable } from "../context";
import { round } from "./round";

/** Why the forecast is what it is: TreeSHAP drivers as a waterfall, and the smallest changes that would move it. */
export const explainForecast = (ctx: AgentContext) =>
  tool({
    description:
      "Explain a forecast: the drivers (seasonality, price, promotions, recent sales…) as a waterfall from the base level, plain-language sentences and counterfactuals " +
      "(the smallest price/discount/promo change reaching a target). Give an item (optionally a store) or a category with a store. Do NOT use it for the forecast numbers alone.",
    inputSchema: z.object({
      itemId: z.string().max(64).optional().describe("Item id (from lookupCatalog)"),
      storeId: z.string().max(64).optional().describe("Store id; required with category"),
      category: z.string().max(120).optional().describe("Category name, with a store"),
      date: z.iso.date().optional().describe("First forecast day explained, YYYY-MM-DD (default: the first forecast day)"),
      days: z.number().int().min(1).max(28).default(7).describe("Days summed from date"),
    }),
    execute: async (input) =>
      recoverable(() =>
        inTenant(ctx, async (tx) => {
          const model = await getProductionModel(tx);
          if (!model) return { error: "No forecasting model is in production yet.", code: "not_found:model" };
          const e = await explain(tx, ctx.tenantId, { itemId: input.itemId, storeId: input.storeId, category: input.category, date: input.date ?? addDaysIso(model.trainedTo, 1), days: input.days });
          return {
            scope: e.scope,
            forecast: round(e.forecast, 1),
            p10: round(e.p10, 1),
            p90: round(e.p90, 1),
            interval: "80% (P10–P90)",
            baseValue: round(e.baseValue, 1),
            waterfall: e.waterfall.map((s) => ({ label: s.label, value: round(s.value, 1), start: round(s.start, 1), end: round(s.end, 1), kind: s.kind })),
            sentences: e.sentences,
            counterfactuals: e.counterfactuals.results.map((r) => r.sentence),
          };
        }),
      ),
  });
