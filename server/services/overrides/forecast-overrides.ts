import "server-only";
import { desc, eq } from "drizzle-orm";
import { z } from "zod";
import { OVERRIDE_MODES, forecastOverrides, items, users } from "@/drizzle/schema";
import { text } from "@/server/validation/text";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import { getItem } from "@/server/services/catalog/list-items";
import { getStore } from "@/server/services/catalog/list-stores";
import { getProductionModel } from "@/server/services/models/registry";

const isoDate = z.iso.date("Dates are YYYY-MM-DD");
const MAX_DAYS = 366;

export const createOverrideSchema = z
  .strictObject({
    storeId: text({ min: 1, max: 64 }).optional().describe("One store; every store when left out"),
    itemId: text({ min: 1, max: 64 }).optional().describe("One item (give this or category)"),
    category: text({ min: 1, max: 100 }).optional().describe("Every item of a category (give this or itemId)"),
    fromDate: isoDate,
    toDate: isoDate,
    mode: z.enum(OVERRIDE_MODES).describe("scale: multiply the model's forecast; units: daily P50 in units"),
    value: z.number().finite().min(0),
    reason: text({ min: 3, max: 500, required: "reason: Say why (at least 3 characters)" }),
  })
  .refine((o) => (o.itemId === undefined) !== (o.category === undefined), { message: "Give either itemId or category, not both", path: ["itemId"] })
  .refine((o) => o.fromDate <= o.toDate, { message: "fromDate must not be after toDate", path: ["toDate"] })
  .refine((o) => (Date.parse(o.toDate) - Date.parse(o.fromDate)) / 86_400_000 < MAX_DAYS, { message: `An override covers at most ${MAX_DAYS} days`, path: ["toDate"] })
  .refine((o) => o.mode !== "scale" || o.value <= 10, { message: "A scale is at most 10 (×10)", path: ["value"] })
  .refine((o) => o.mode !== "units" || o.value <= 1_000_000, { message: "At most 1,000,000 units a day", path: ["value"] });
export type CreateOverrideInput = z.input<typeof createOverrideSchema>;

/**
 * Records an analyst's override of the production model's forecast, audited; inventory decisions
 * use it from the next recomputation on. Unknown stores, items or categories are refused, so an
 * override never silently applies to nothing.
 */
export async function createOverride(tx: Tx, actor: Actor, input: CreateOverrideInput) {
  const o = createOverrideSchema.parse(input);
  if (o.storeId) await getStore(tx, o.storeId);
  if (o.itemId) await getItem(tx, o.itemId);
  if (o.category) {
    const [known] = await tx.select({ id: items.id }).from(items).where(eq(items.category, o.category)).limit(1);
    if (!known) throw new AppError("not_found:category", `No items in category ${o.category}.`);
  }
  const model = await getProductionModel(tx);
  if (!model) throw new AppError("conflict:no_model", "There is no production model to override yet.");
  const [row] = await tx
    .insert(forecastOverrides)
    .values({ tenantId: actor.tenantId, storeId: o.storeId ?? null, itemId: o.itemId ?? null, category: o.category ?? null, fromDate: o.fromDate, toDate: o.toDate, mode: o.mode, value: o.value, reason: o.reason, modelVersionId: model.id, createdBy: actor.userId ?? null })
    .returning();
  if (!row) throw new Error("override insert returned no row");
  await recordAudit(tx, actor, { action: "forecast.overridden", targetType: "forecast_override", targetId: row.id, details: { ...o, modelVersion: model.version } });
  return row;
}

/** Overrides newest first, with who made them. */
export function listOverrides(tx: Tx) {
  return tx
    .select({
      id: forecastOverrides.id,
      storeId: forecastOverrides.storeId,
      itemId: forecastOverrides.itemId,
      category: forecastOverrides.category,
      fromDate: forecastOverrides.fromDate,
      toDate: forecastOverrides.toDate,
      mode: forecastOverrides.mode,
      value: forecastOverrides.value,
      reason: forecastOverrides.reason,
      createdBy: users.name,
      createdAt: forecastOverrides.createdAt,
    })
    .from(forecastOverrides)
    .leftJoin(users, eq(users.id, forecastOverrides.createdBy))
    .orderBy(desc(forecastOverrides.createdAt));
}
