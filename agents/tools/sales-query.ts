import "server-only";
import { tool } from "ai";
import { z } from "zod";
import { salesSummary } from "@/server/services/sales/sales-summary";
import type { AgentContext } from "../context";
import { inTenant, recoverable } from "../context";
import { yearEarlier } from "../planner/dates";
import { round, roundOrNull } from "./round";

const isoDate = z.iso.date();

type Kpis = { revenue: number; units: number; averagePrice: number | null; grossMargin: number; grossMarginPct: number | null };
const kpis = (k: Kpis) => ({ revenue: round(k.revenue), units: round(k.units, 0), averagePrice: roundOrNull(k.averagePrice), grossMargin: round(k.grossMargin), grossMarginPct: roundOrNull(k.grossMarginPct === null ? null : k.grossMarginPct * 100, 1) });
const change = (now: number, before: number) => (before === 0 ? null : round(((now - before) / before) * 100, 1));

/** Sales KPIs for a period, store and category, optionally against the previous period or the same period a year earlier. */
export const querySales = (ctx: AgentContext) =>
  tool({
    description:
      "Past sales KPIs (revenue, units, average price, gross margin) for a period, optionally one store and/or one category, with a breakdown and a comparison. " +
      "Do NOT use it for future demand (use forecastDemand) or stock questions (use recommendInventory).",
    inputSchema: z.object({
      from: isoDate.optional().describe("First day, YYYY-MM-DD (default: 90 days before the latest sale)"),
      to: isoDate.optional().describe("Last day, YYYY-MM-DD (default: the latest sale)"),
      storeId: z.string().max(64).optional().describe("Only this store id (from lookupCatalog)"),
      category: z.string().max(100).optional().describe("Only this category name (from lookupCatalog)"),
      groupBy: z.enum(["store", "category", "period"]).default("store").describe("Breakdown returned beside the totals"),
      compareWith: z.enum(["none", "previous_period", "same_period_last_year"]).default("none").describe("Comparison period"),
    }),
    execute: async (input) =>
      recoverable(async () => {
        const now = await inTenant(ctx, (tx) => salesSummary(tx, { from: input.from, to: input.to, storeId: input.storeId, category: input.category }));
        if (!now.period || !now.kpis) return { error: "This tenant has no sales yet.", code: "not_found:sales" };
        let comparison = null;
        if (input.compareWith === "previous_period" && now.previousKpis) {
          comparison = { kind: "previous_period" as const, kpis: kpis(now.previousKpis) };
        } else if (input.compareWith === "same_period_last_year") {
          const back = yearEarlier({ ...now.period, label: "" });
          if (back.from >= now.dataRange.first) {
            const before = await inTenant(ctx, (tx) => salesSummary(tx, { from: back.from, to: back.to, storeId: input.storeId, category: input.category }));
            if (before.kpis && before.period) comparison = { kind: "same_period_last_year" as const, from: before.period.from, to: before.period.to, kpis: kpis(before.kpis) };
          }
        }
        const current = kpis(now.kpis);
        const breakdown =
          input.groupBy === "category"
            ? now.byCategory.slice(0, 12).map((c) => ({ key: c.category, revenue: round(c.revenue), units: round(c.units, 0) }))
            : input.groupBy === "period"
              ? now.series.slice(-60).map((s) => ({ key: s.period, revenue: round(s.revenue), units: round(s.units, 0) }))
              : now.byStore.slice(0, 12).map((s) => ({ key: s.storeName, storeId: s.storeId, revenue: round(s.revenue), units: round(s.units, 0) }));
        return {
          period: { from: now.period.from, to: now.period.to, days: now.period.days },
          filters: { storeId: input.storeId ?? null, category: input.category ?? null },
          kpis: current,
          comparison: comparison && {
            ...comparison,
            revenueChangePct: change(current.revenue, comparison.kpis.revenue),
            unitsChangePct: change(current.units, comparison.kpis.units),
          },
          comparisonUnavailable: input.compareWith !== "none" && !comparison ? "The data does not reach back far enough for that comparison." : null,
          groupBy: input.groupBy,
          breakdown,
        };
      }),
  });
