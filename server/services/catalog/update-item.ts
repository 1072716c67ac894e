import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/server/validation/text";
import { items } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";

// numeric(12,2) columns: more decimals would be rounded silently by Postgres, so refuse them.
const money = z.number().min(0).max(9_999_999_999.99).multipleOf(0.01, "At most 2 decimals");
const optionalText = (max: number) => text({ min: 1, max }).nullable().optional();

/** Catalog fields an integration may change; unknown fields are refused so typos never pass silently. */
export const updateItemSchema = z
  .strictObject({
    name: text({ min: 1, max: 200 }).optional().describe("Display name"),
    category: text({ min: 1, max: 100 }).optional().describe("Category name"),
    subcategory: optionalText(100).describe("Subcategory, or null to clear it"),
    brand: optionalText(100).describe("Brand, or null to clear it"),
    unitCost: money.optional().describe("What one unit costs the tenant"),
    basePrice: money.positive().optional().describe("Regular shelf price before discounts"),
  })
  .refine((v) => Object.values(v).some((value) => value !== undefined), {
    message: "Give at least one of name, category, subcategory, brand, unitCost, basePrice",
  });
export type UpdateItemInput = z.input<typeof updateItemSchema>;

/** Changes an item's catalog fields and audits each field's old and new value in the same transaction. */
export async function updateItem(tx: Tx, actor: Actor, itemId: string, input: UpdateItemInput) {
  const changes = updateItemSchema.parse(input);
  // Locked so the audited "from" values are the ones this update replaced.
  const [before] = await tx.select().from(items).where(eq(items.id, itemId)).for("update");
  if (!before) throw new AppError("not_found:item", `Item ${itemId} not found.`);
  const [after] = await tx.update(items).set(changes).where(eq(items.id, itemId)).returning();
  if (!after) throw new Error("item update returned no row");
  const fields = Object.keys(changes) as (keyof typeof changes)[];
  await recordAudit(tx, actor, {
    action: "item.updated",
    targetType: "item",
    targetId: itemId,
    details: { changes: Object.fromEntries(fields.map((f) => [f, { from: before[f], to: after[f] }])) },
  });
  return after;
}
