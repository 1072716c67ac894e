import "server-only";
import { and, desc, eq, gt, max, sql } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/server/validation/text";
import { items, sales } from "@/drizzle/schema";
import { addDaysIso } from "@/models/data";
import type { Tx } from "@/server/db/database";
import { getStore } from "@/server/services/catalog/list-stores";

export const topSellersSchema = z.object({
  storeId: text({ min: 1, max: 64, required: "storeId is required" }),
  days: z.number().int().min(7).max(730).default(90).describe("window, counted back from the store's latest sale"),
  limit: z.number().int().min(1).max(50).default(10),
});
export type TopSellersInput = z.input<typeof topSellersSchema>;


/** A store's best-selling items by units over its most recent days; an unknown store is NOT_FOUND. */
export async function listTopSellers(tx: Tx, input: TopSellersInput) {
  const { storeId, days, limit } = topSellersSchema.parse(input);
  await getStore(tx, storeId);
  const [last] = await tx.select({ date: max(sales.date) }).from(sales).where(eq(sales.storeId, storeId));
  if (!last?.date) return [];
  const units = sql<number>`sum(${sales.units})::float8`;
  return tx
    .select({ itemId: items.id, name: items.name, category: items.category, units })
    .from(sales)
    .innerJoin(items, eq(items.id, sales.itemId))
    .where(and(eq(sales.storeId, storeId), gt(sales.date, addDaysIso(last.date, -days))))
    .groupBy(items.id, items.name, items.category)
    .orderBy(desc(units), items.id)
    .limit(limit);
}
