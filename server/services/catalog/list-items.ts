import "server-only";
import { and, asc, count, eq, ilike, or } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/server/validation/text";
import { items } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";

export const listItemsSchema = z.object({
  search: text({ max: 100 }).optional().describe("Matches item id, name or brand (case-insensitive)"),
  category: text({ max: 100 }).optional().describe("Exact category name"),
  limit: z.number().int().min(1).max(500).default(50),
  offset: z.number().int().min(0).default(0),
});
export type ListItemsInput = z.input<typeof listItemsSchema>;

export async function listItems(tx: Tx, input: ListItemsInput) {
  const { search, category, limit, offset } = listItemsSchema.parse(input);
  const filters: SQL[] = [];
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const match = or(ilike(items.id, pattern), ilike(items.name, pattern), ilike(items.brand, pattern));
    if (match) filters.push(match);
  }
  if (category) filters.push(eq(items.category, category));
  const where = filters.length ? and(...filters) : undefined;
  const [rows, [total]] = await Promise.all([
    tx.select().from(items).where(where).orderBy(asc(items.id)).limit(limit).offset(offset),
    tx.select({ n: count() }).from(items).where(where),
  ]);
  return { items: rows, total: total?.n ?? 0 };
}

export async function getItem(tx: Tx, itemId: string) {
  const [row] = await tx.select().from(items).where(eq(items.id, itemId));
  if (!row) throw new AppError("not_found:item", `Item ${itemId} not found.`);
  return row;
}

export async function listCategories(tx: Tx): Promise<string[]> {
  const rows = await tx.selectDistinct({ category: items.category }).from(items).orderBy(asc(items.category));
  return rows.map((r) => r.category);
}
