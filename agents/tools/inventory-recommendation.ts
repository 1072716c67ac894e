import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { listRecommendations } from "@/server/services/inventory/recommendations";
import type { AgentContext } from "../context";
import { inTenant, recoverable } from "../context";

/** Reorder quantities, days of cover and stockout risk per store × item. */
export const recommendInventory = (ctx: AgentContext) =>
  tool({
    description:
      "Inventory recommendations per store × item: on hand, days of cover, stockout probability, reorder point, order quantity and date, revenue at risk over the next 28 days, and sales already lost on the stocked-out days of the last 28. " +
      "Use it for 'should I reorder', 'how much to order', 'which store runs out first'. Do NOT use it for past sales or the demand forecast itself.",
    inputSchema: z.object({
      itemId: z.string().max(64).optional().describe("Only this item id (from lookupCatalog)"),
      storeId: z.string().max(64).optional().describe("Only this store id"),
      category: z.string().max(100).optional().describe("Only items of this category"),
      sortBy: z.enum(["marginAtRisk", "daysOfCover", "stockoutProbability"]).default("marginAtRisk").describe("Ranking of the lines returned"),
      ordersDueOnly: z.boolean().default(false).describe("Only lines with an order due now"),
      limit: z.number().int().min(1).max(50).default(10).describe("Lines to return"),
    }),
    execute: async (input) =>
      recoverable(async () => {
        const r = await inTenant(ctx, (tx) =>
          listRecommendations(tx, { item: input.itemId, store: input.storeId, category: input.category, orderOnly: input.ordersDueOnly ? "true" : "false", limit: 20_000 }),
        );
        if (!r.asOf) return { error: "No forecasting model is in production yet, so there are no recommendations.", code: "not_found:model" };
        const cover = (d: number | null) => (d === null ? Number.POSITIVE_INFINITY : d);
        const sorted = [...r.recommendations].sort((a, b) =>
          input.sortBy === "daysOfCover" ? cover(a.daysOfCover) - cover(b.daysOfCover) : input.sortBy === "stockoutProbability" ? b.stockoutProbability - a.stockoutProbability : 0,
        );
        return {
          asOf: r.asOf,
          totals: r.totals,
          lostSalesWindow: r.lostSalesWindow,
          sortBy: input.sortBy,
          lines: sorted.slice(0, input.limit).map((l) => ({
            storeId: l.storeId,
            storeName: l.storeName,
            itemId: l.itemId,
            itemName: l.itemName,
            onHand: l.onHand,
            onOrder: l.onOrder,
            dailyDemand: l.dailyDemand,
            daysOfCover: l.daysOfCover,
            stockoutProbability: l.stockoutProbability,
            reorderPoint: l.reorderPoint,
            orderUpTo: l.orderUpTo,
            orderQuantity: l.orderQuantity,
            orderDate: l.orderDate,
            revenueAtRisk28d: l.revenueAtRisk28d,
            stockoutDaysPast28d: l.stockoutDaysPast28d,
            lostUnitsIncurred28d: l.lostUnitsIncurred28d,
            lostRevenueIncurred28d: l.lostRevenueIncurred28d,
          })),
        };
      }),
  });
