import "server-only";
import { z } from "zod";
import { pricingSettings } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";

const fraction = (name: string, max: number) => z.number({ error: `${name}: a number` }).min(0, `${name}: between 0 and ${max}`).max(max, `${name}: between 0 and ${max}`);

/** A tenant's pricing guardrails (admins edit them; every recommendation and markdown plan uses them). */
export const pricingSettingsSchema = z.object({
  maxStep: fraction("maxStep", 0.5).describe("Largest change from the current price in one step, as a fraction (0.1 = ±10%)"),
  minMargin: fraction("minMargin", 0.95).describe("Smallest margin (price − unit cost) / price, as a fraction"),
  priceEndings: z
    .array(z.number().min(0, "priceEndings: cent endings from 0.00 to 0.99").max(0.99, "priceEndings: cent endings from 0.00 to 0.99").refine((e) => Math.abs(e * 100 - Math.round(e * 100)) < 1e-6, "priceEndings: whole cents, e.g. 0.49"))
    .max(20, "priceEndings: at most 20 endings")
    .refine((e) => new Set(e.map((x) => Math.round(x * 100))).size === e.length, "priceEndings: each ending once")
    .describe("Allowed cent endings, e.g. [0.49, 0.99]; empty allows any cent"),
  salvageRate: fraction("salvageRate", 1).describe("Value recovered per unit left at a markdown's sell-by date, as a fraction of unit cost"),
  markdownLadder: z
    .array(fraction("markdownLadder", 0.95))
    .min(2, "markdownLadder: at least two steps (0 and one discount)")
    .max(12, "markdownLadder: at most 12 steps")
    .refine((l) => l[0] === 0, "markdownLadder: starts at 0 (no discount)")
    .refine((l) => l.every((d, k) => k === 0 || d > l[k - 1]!), "markdownLadder: discounts strictly ascending")
    .describe("Discounts a markdown may use, ascending from 0, e.g. [0, 0.1, 0.2, 0.3, 0.5, 0.7]"),
  minWeeksPerStep: z.number().int("minWeeksPerStep: a whole number of weeks").min(1, "minWeeksPerStep: 1 to 8 weeks").max(8, "minWeeksPerStep: 1 to 8 weeks").describe("Weeks every markdown step runs at least"),
});
export type PricingSettingsInput = z.input<typeof pricingSettingsSchema>;
export type ResolvedPricingSettings = z.output<typeof pricingSettingsSchema>;

export const DEFAULT_PRICING_SETTINGS: ResolvedPricingSettings = {
  maxStep: 0.1,
  minMargin: 0.15,
  priceEndings: [0.49, 0.99],
  salvageRate: 0.2,
  markdownLadder: [0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.7],
  minWeeksPerStep: 2,
};

/** The settings in force: the tenant's row, or the defaults when it has set none. */
export async function getPricingSettings(tx: Tx): Promise<ResolvedPricingSettings> {
  const [row] = await tx.select().from(pricingSettings);
  if (!row) return DEFAULT_PRICING_SETTINGS;
  const { tenantId: _tenant, updatedAt: _updated, ...settings } = row;
  return settings;
}

/** Replaces the tenant's pricing settings (admins); audited with before and after. */
export async function updatePricingSettings(tx: Tx, actor: Actor, input: PricingSettingsInput): Promise<ResolvedPricingSettings> {
  const settings = pricingSettingsSchema.parse(input);
  const before = await getPricingSettings(tx);
  await tx
    .insert(pricingSettings)
    .values({ tenantId: actor.tenantId, ...settings })
    .onConflictDoUpdate({ target: pricingSettings.tenantId, set: { ...settings, updatedAt: new Date() } });
  await recordAudit(tx, actor, { action: "pricing.settings_updated", targetType: "tenant", targetId: actor.tenantId, details: { before, after: settings } });
  return settings;
}
