import "server-only";
import { and, eq } from "drizzle-orm";
import { brandAssets, tenants } from "@/drizzle/schema";
import { sha256Hex } from "@/models/util";
import type { Tx } from "@/server/db/database";
import { currentTenantId } from "@/server/db/tenant-context";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import { getTenant } from "@/server/services/tenant/get-tenant";
import { checkBrandImage } from "./brand-image";

/**
 * Validates (and for SVGs sanitises) an uploaded logo, stores it and points the tenant's brand at
 * it, in one transaction: a refused file changes nothing. Says what sanitising removed.
 */
export async function uploadLogo(tx: Tx, actor: Actor, file: { name: string; type: string; bytes: Uint8Array }) {
  const checked = checkBrandImage(file);
  const sha256 = sha256Hex(checked.bytes);
  const row = { tenantId: actor.tenantId, kind: "logo" as const, contentType: checked.contentType, bytes: checked.bytes, sha256, sizeBytes: checked.bytes.length, updatedAt: new Date() };
  await tx.insert(brandAssets).values(row).onConflictDoUpdate({ target: [brandAssets.tenantId, brandAssets.kind], set: row });
  const { branding } = await getTenant(tx, actor.tenantId);
  const logoVersion = sha256.slice(0, 16);
  await tx.update(tenants).set({ branding: { ...branding, logoVersion } }).where(eq(tenants.id, actor.tenantId));
  await recordAudit(tx, actor, {
    action: "tenant.logo_uploaded",
    targetType: "tenant",
    targetId: actor.tenantId,
    details: { contentType: checked.contentType, sizeBytes: checked.bytes.length, sha256, removed: checked.removed },
  });
  return { contentType: checked.contentType, sizeBytes: checked.bytes.length, logoVersion, removed: checked.removed };
}

/** The current tenant's uploaded logo, or null. */
export async function uploadedLogo(tx: Tx): Promise<{ contentType: string; bytes: Uint8Array } | null> {
  const [row] = await tx
    .select({ contentType: brandAssets.contentType, bytes: brandAssets.bytes })
    .from(brandAssets)
    .where(and(eq(brandAssets.tenantId, currentTenantId), eq(brandAssets.kind, "logo")));
  return row ?? null;
}
