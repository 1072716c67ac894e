import "server-only";
import { eq } from "drizzle-orm";
import { z } from "zod";
import { text } from "@/server/validation/text";
import { tenants } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import { getTenant } from "./get-tenant";

const hexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, "Colours are #RRGGBB hex values");

export const updateBrandingSchema = z.object({
  displayName: text({ min: 1, max: 60, required: "Display name is required" }),
  primaryColor: hexColor,
  accentColor: hexColor,
});
export type UpdateBrandingInput = z.infer<typeof updateBrandingSchema>;

export async function updateBranding(tx: Tx, actor: Actor, input: UpdateBrandingInput) {
  const current = await getTenant(tx, actor.tenantId);
  const branding = { ...current.branding, ...input };
  await tx.update(tenants).set({ branding }).where(eq(tenants.id, actor.tenantId));
  await recordAudit(tx, actor, {
    action: "tenant.branding_updated",
    targetType: "tenant",
    targetId: actor.tenantId,
    details: { before: current.branding, after: branding },
  });
  return branding;
}
