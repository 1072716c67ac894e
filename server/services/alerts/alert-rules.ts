import "server-only";
import { inArray } from "drizzle-orm";
import { z } from "zod";
import { alertRules, items } from "@/drizzle/schema";
import { DEFAULT_RULES } from "@/models/anomaly";
import type { AnomalyRules } from "@/models/anomaly";
import type { Tx } from "@/server/db/database";
import { AppError } from "@/server/errors/app-error";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import { text } from "@/server/validation/text";

export const DEFAULT_HISTORY_DAYS = 56;

export type TenantAlertRules = AnomalyRules & { historyDays: number; mutedItems: string[] };

export const alertRulesSchema = z.strictObject({
  zThreshold: z.number().min(1).max(20).describe("Robust z-score (against the recent history's median and MAD) at or above which a day is a spike or a drop"),
  bandMargin: z.number().min(0).max(5).describe("How far beyond the forecast's P10–P90 band a day must also fall, as a fraction of the band's edge (0.25 = 25%)"),
  priceRatio: z.number().min(1.1).max(100).describe("A price this many times the usual one (or below the usual one divided by it) is a price error"),
  historyDays: z.number().int().min(14).max(365).describe("Days of history the z-score compares with"),
  mutedItems: z.array(text({ min: 1, max: 64 })).max(1000).describe("Item ids whose anomalies are not raised"),
});
export type AlertRulesInput = z.input<typeof alertRulesSchema>;

/** The tenant's alert thresholds, or the defaults when it never set any. */
export async function getAlertRules(tx: Tx): Promise<TenantAlertRules> {
  const [row] = await tx.select().from(alertRules);
  if (!row) return { ...DEFAULT_RULES, historyDays: DEFAULT_HISTORY_DAYS, mutedItems: [] };
  return { zThreshold: row.zThreshold, bandMargin: row.bandMargin, priceRatio: row.priceRatio, historyDays: row.historyDays, mutedItems: row.mutedItems };
}

/** Replaces the tenant's thresholds and muted items (audited). Muted items must be items of the catalog. */
export async function updateAlertRules(tx: Tx, actor: Actor, input: AlertRulesInput): Promise<TenantAlertRules> {
  const rules = alertRulesSchema.parse(input);
  const muted = [...new Set(rules.mutedItems)];
  if (muted.length) {
    const known = new Set((await tx.select({ id: items.id }).from(items).where(inArray(items.id, muted))).map((i) => i.id));
    const unknown = muted.filter((id) => !known.has(id));
    if (unknown.length) throw new AppError("bad_request:validation", `mutedItems: ${unknown.slice(0, 5).map((id) => `"${id}"`).join(", ")} ${unknown.length === 1 ? "is not an item" : "are not items"} of this workspace's catalog`);
  }
  const values = { ...rules, mutedItems: muted, updatedAt: new Date() };
  await tx.insert(alertRules).values({ tenantId: actor.tenantId, ...values }).onConflictDoUpdate({ target: alertRules.tenantId, set: values });
  await recordAudit(tx, actor, { action: "alerts.rules_updated", targetType: "alert_rules", details: { ...rules, mutedItems: muted } });
  return { ...rules, mutedItems: muted };
}
