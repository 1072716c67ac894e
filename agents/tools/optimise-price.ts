import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { getMarkdownPlan } from "@/server/services/pricing/markdown-plan";
import { getPriceRecommendation } from "@/server/services/pricing/price-curve";
import type { AgentContext } from "../context";
import { inTenant, recoverable } from "../context";
import { round, roundOrNull } from "./round";

const outcome = (o: { units: number; revenue: number; leftover: number; margin: number }) => ({ units: round(o.units, 1), revenue: round(o.revenue), leftover: round(o.leftover, 1), margin: round(o.margin) });

/** The profit-optimal price within the tenant's guardrails and, with a sell-by date, the markdown ladder. Read-only. */
export const optimisePrice = (ctx: AgentContext) =>
  tool({
    description:
      "Price recommendation for one item at one store: elasticity, current and profit-maximising price within the tenant's guardrails, expected profit at both; " +
      "with a sell-by date, also the markdown ladder (discount per week) that maximises margin plus salvage, beside the fixed −30%/−50% schedule. Read-only: it changes no price. " +
      "Use it for 'what price should I charge', 'how should I mark down', 'clearance plan'. Do NOT use it for past sales, the demand forecast or reorders.",
    inputSchema: z.object({
      itemId: z.string().min(1).max(64).describe("Item id (from lookupCatalog)"),
      storeId: z.string().min(1).max(64).describe("Store id"),
      sellBy: z
        .string()
        .regex(/^\d{4}-\d{2}-\d{2}$/)
        .optional()
        .describe("Last day the stock may sell (YYYY-MM-DD); give it for a markdown plan"),
      stock: z.number().int().min(0).max(1_000_000).optional().describe("Units on hand for the markdown plan; default: the latest stock count"),
    }),
    execute: async (input) =>
      recoverable(async () => {
        const q = { store: input.storeId, item: input.itemId };
        const r = await inTenant(ctx, (tx) => getPriceRecommendation(tx, q));
        const price = {
          itemName: r.item.name,
          storeName: r.store.name,
          elasticity: roundOrNull(r.elasticity),
          currentPrice: round(r.currentPrice),
          recommendedPrice: r.recommended ? round(r.recommended.price) : null,
          profitAtCurrent: r.current ? round(r.current.profit.p50) : null,
          profitAtRecommended: r.recommended ? round(r.recommended.profit.p50) : null,
          horizonDays: r.horizonDays,
          guardrails: { maxStepPct: round(r.guardrails.maxStep * 100, 1), minMarginPct: round(r.guardrails.minMargin * 100, 1), endings: r.guardrails.endings },
          boundBy: r.bindings,
          reason: r.reason,
        };
        if (!input.sellBy) return { price, markdown: null };
        const m = await inTenant(ctx, (tx) => getMarkdownPlan(tx, { ...q, sellBy: input.sellBy!, stock: input.stock }));
        const steps = m.ladder.flatMap((w, k) => (k === 0 || w.discount !== m.ladder[k - 1]!.discount ? [{ from: w.weekStart, discountPct: round(w.discount * 100, 0), price: round(w.price) }] : []));
        return {
          price,
          markdown: {
            stock: m.stock,
            weeks: m.weeks,
            sellBy: m.sellBy,
            steps,
            plan: m.plan ? outcome(m.plan) : null,
            fixedSchedule: m.fixed ? outcome(m.fixed) : null,
            marginGain: m.plan && m.fixed ? round(m.plan.margin - m.fixed.margin) : null,
            notes: m.notes,
            reason: m.reason,
          },
        };
      }),
  });
