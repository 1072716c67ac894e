import "server-only";
import { and, eq } from "drizzle-orm";
import { brandAssets, tenants } from "@/drizzle/schema";
import type { BrandAssetKind } from "@/drizzle/schema";
import { sha256Hex } from "@/models/util";
import type { Tx } from "@/server/db/database";
import { currentTenantId } from "@/server/db/tenant-context";
import type { Actor } from "@/server/services/actor";
import { recordAudit } from "@/server/services/audit/record-audit";
import { getTenant } from "@/server/services/tenant/get-tenant";
import { checkBrandImage } from "./brand-image";

/** The branding field each kind's hash goes in (it also busts caches of the served file). */
const VERSION_FIELD = { logo: "logoVersion", favicon: "faviconVersion" } as const satisfies Record<BrandAssetKind, string>;

/**
 * Validates (and for SVGs sanitises) an uploaded logo or favicon, stores it and points the
 * tenant's brand at it, in one transaction: a refused file changes nothing. Says what sanitising removed.
 */
export async function uploadBrandImage(tx: Tx, actor: Actor, kind: BrandAssetKind, file: { name: string; type: string; bytes: Uint8Array }) {
  const checked = checkBrandImage(file, kind);
  const sha256 = sha256Hex(checked.bytes);
  const row = { tenantId: actor.tenantId, kind, contentType: checked.contentType, bytes: checked.bytes, sha256, sizeBytes: checked.bytes.length, updatedAt: new Date() };
  await tx.insert(brandAssets).values(row).onConflictDoUpdate({ target: [brandAssets.tenantId, brandAssets.kind], set: row });
  const { branding } = await getTenant(tx, actor.tenantId);
  const version = sha256.slice(0, 16);
  await tx.update(tenants).set({ branding: { ...branding, [VERSION_FIELD[kind]]: version } }).where(eq(tenants.id, actor.tenantId));
  await recordAudit(tx, actor, {
    action: `tenant.${kind}_uploaded`,
    targetType: "tenant",
    targetId: actor.tenantId,
    details: { contentType: checked.contentType, sizeBytes: checked.bytes.length, sha256, removed: checked.removed },
  });
  return { contentType: checked.contentType, sizeBytes: checked.bytes.length, version, removed: checked.removed };
}

export const uploadLogo = (tx: Tx, actor: Actor, file: { name: string; type: string; bytes: Uint8Array }) => uploadBrandImage(tx, actor, "logo", file);

/** The current tenant's uploaded image of this kind, or null. */
export async function uploadedBrandImage(tx: Tx, kind: BrandAssetKind): Promise<{ contentType: string; bytes: Uint8Array } | null> {
  const [row] = await tx
    .select({ contentType: brandAssets.contentType, bytes: brandAssets.bytes })
    .from(brandAssets)
    .where(and(eq(brandAssets.tenantId, currentTenantId), eq(brandAssets.kind, kind)));
  return row ?? null;
}

export const uploadedLogo = (tx: Tx) => uploadedBrandImage(tx, "logo");
