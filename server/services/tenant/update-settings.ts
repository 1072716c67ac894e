import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { tenants } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import { getTenant } from "./get-tenant";

const CURRENCIES = new Set(Intl.supportedValuesOf("currency"));
const TIME_ZONES = new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);

export const updateSettingsSchema = z.object({
  currency: z.string().refine((c) => CURRENCIES.has(c), "currency: an ISO 4217 code such as USD or EUR"),
  locale: z.string().refine((l) => {
    try {
      return Intl.getCanonicalLocales(l)[0] === l;
    } catch {
      return false;
    }
  }, "locale: a BCP 47 tag such as en-US or de-DE"),
  timezone: z.string().refine((t) => TIME_ZONES.has(t), "timezone: an IANA time zone such as Europe/Berlin"),
  defaultServiceLevel: z.number().min(0.5, "defaultServiceLevel: between 0.5 and 0.999").max(0.999, "defaultServiceLevel: between 0.5 and 0.999"),
});

/** Currency, locale, time zone and default service level of the tenant; audited with before and after. */
export async function updateSettings(tx: Tx, actor: Actor, input: z.input<typeof updateSettingsSchema>) {
  const settings = updateSettingsSchema.parse(input);
  const { currency, locale, timezone, defaultServiceLevel } = await getTenant(tx, actor.tenantId);
  await tx.update(tenants).set(settings).where(eq(tenants.id, actor.tenantId));
  await recordAudit(tx, actor, { action: "tenant.settings_updated", targetType: "tenant", targetId: actor.tenantId, details: { before: { currency, locale, timezone, defaultServiceLevel }, after: settings } });
  return settings;
}
