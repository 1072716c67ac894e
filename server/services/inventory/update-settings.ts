import "server-only";
import { eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { POLICY_KINDS, SERVICE_MEASURES, UNMET_DEMAND, categoryServiceLevels, inventorySettings, items } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { refreshActions } from "@/server/services/actions/refresh-actions";
import { recordAudit } from "@/server/services/audit/record-audit";
import { text } from "@/server/validation/text";
import { getInventorySettings } from "./settings";
import type { ResolvedSettings } from "./settings";

const level = (name: string) => z.number(`${name}: a number`).min(0.5, `${name}: between 0.5 and 0.999`).max(0.999, `${name}: between 0.5 and 0.999`);
const money = (name: string, max: number) => z.number(`${name}: a number`).finite().min(0, `${name}: not negative`).max(max, `${name}: at most ${max}`);
const days = (name: string, min: number, max: number) => z.number(`${name}: a number`).int(`${name}: whole days`).min(min, `${name}: ${min} to ${max} days`).max(max, `${name}: ${min} to ${max} days`);

/** What an admin edits. The lead-time calibration is fitted (bench/lead-time-calibration.ts), not typed in. */
export const inventorySettingsInputSchema = z.strictObject({
  serviceLevel: level("serviceLevel").describe("Target for every category without its own: a cycle service level (P(no stockout in a cycle)) or a fill rate, 0.5–0.999"),
  serviceMeasure: z.enum(SERVICE_MEASURES).describe("What the target measures"),
  unmetDemand: z.enum(UNMET_DEMAND).describe("Whether a customer who finds the shelf empty is lost or waits"),
  policy: z.enum(POLICY_KINDS).describe("Periodic review order-up-to (R, S) or continuous review (s, Q) with EOQ"),
  reviewPeriodDays: days("reviewPeriodDays", 1, 90).describe("Days between reviews (R)"),
  transferCostPerUnit: money("transferCostPerUnit", 100_000).describe("Cost of moving one unit between stores"),
  transferFixedCost: money("transferFixedCost", 1_000_000).describe("Cost of one shipment between stores"),
  expediteLeadTimeDays: days("expediteLeadTimeDays", 0, 60).describe("Days a rushed delivery of an open order takes"),
  expediteCostPerUnit: money("expediteCostPerUnit", 100_000).describe("Extra cost per unit of rushing an open order"),
  categoryLevels: z
    .array(z.strictObject({ category: text({ min: 1, max: 100 }), serviceLevel: level("categoryLevels.serviceLevel") }))
    .max(500)
    .refine((list) => new Set(list.map((c) => c.category)).size === list.length, "categoryLevels: each category at most once")
    .describe("Categories held to a target other than the tenant's"),
});
export type InventorySettingsInput = z.input<typeof inventorySettingsInputSchema>;

/** The settings as the page and the API show them. */
export function settingsView(settings: ResolvedSettings) {
  const { calibration, categoryLevels, ...rest } = settings;
  return {
    ...rest,
    transferCostPerUnit: Number(rest.transferCostPerUnit),
    transferFixedCost: Number(rest.transferFixedCost),
    expediteCostPerUnit: Number(rest.expediteCostPerUnit),
    calibration,
    categoryLevels: [...categoryLevels].map(([category, serviceLevel]) => ({ category, serviceLevel })).sort((a, b) => a.category.localeCompare(b.category)),
  };
}
export type InventorySettingsView = ReturnType<typeof settingsView>;

/** The tenant's settings and the categories its items have (those a per-category target can name). */
export async function inventorySettingsWithCategories(tx: Tx) {
  const [settings, categories] = await Promise.all([getInventorySettings(tx), tx.selectDistinct({ category: items.category }).from(items).orderBy(items.category)]);
  return { settings: settingsView(settings), categories: categories.map((c) => c.category) };
}

/**
 * Replaces the tenant's replenishment settings and per-category targets, audited with before and
 * after, then recomputes the action center in the same transaction (recommendations are computed
 * per request, so they follow at once). A category no item has is refused, so a target never
 * silently applies to nothing.
 */
export async function updateInventorySettings(tx: Tx, actor: Actor, input: InventorySettingsInput) {
  const { categoryLevels, ...fields } = inventorySettingsInputSchema.parse(input);
  const named = categoryLevels.map((c) => c.category);
  if (named.length) {
    const known = new Set((await tx.selectDistinct({ category: items.category }).from(items).where(inArray(items.category, named))).map((c) => c.category));
    const unknown = named.filter((c) => !known.has(c));
    if (unknown.length) throw new AppError("not_found:category", `No items in category ${unknown.join(", ")}.`);
  }
  const before = settingsView(await getInventorySettings(tx));
  // updated_at moves on every save, category targets included: the action center's stamp reads it.
  await tx
    .insert(inventorySettings)
    .values({ tenantId: actor.tenantId, ...fields })
    .onConflictDoUpdate({ target: inventorySettings.tenantId, set: { ...fields, updatedAt: sql`clock_timestamp()` } });
  // RLS scopes the delete to the tenant already; the where says so to the reader too.
  await tx.delete(categoryServiceLevels).where(eq(categoryServiceLevels.tenantId, actor.tenantId));
  if (categoryLevels.length) await tx.insert(categoryServiceLevels).values(categoryLevels.map((c) => ({ tenantId: actor.tenantId, ...c })));
  const after = settingsView(await getInventorySettings(tx));
  const { calibration: _before, ...beforeAudited } = before;
  const { calibration: _after, ...afterAudited } = after;
  await recordAudit(tx, actor, { action: "inventory.settings_updated", targetType: "inventory_settings", targetId: actor.tenantId, details: { before: beforeAudited, after: afterAudited } });
  await refreshActions(tx, actor.tenantId, { force: true });
  return after;
}
