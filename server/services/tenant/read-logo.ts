import "server-only";
import { readFile } from "node:fs/promises";
import path from "node:path";
import type { TenantBranding } from "@/drizzle/schema";
import type { Tx } from "@/server/db/database";
import { uploadedLogo } from "@/server/services/branding/logo";

const CONTENT_TYPES: Record<string, string> = { ".svg": "image/svg+xml", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg" };

/** The tenant's logo file (demo logos live in tenants/<slug>/), or null when it has none or the file is gone. */
export async function readTenantLogo(slug: string, branding: Pick<TenantBranding, "logoPath">): Promise<{ bytes: Uint8Array; contentType: string } | null> {
  const file = branding.logoPath ? path.basename(branding.logoPath) : null;
  const contentType = file ? CONTENT_TYPES[path.extname(file).toLowerCase()] : undefined;
  if (!file || !contentType) return null;
  try {
    return { bytes: new Uint8Array(await readFile(path.resolve(process.cwd(), "tenants", path.basename(slug), file))), contentType };
  } catch {
    return null;
  }
}

/** The logo a tenant shows: its uploaded one when branding points at an upload, else its logo file. */
export async function tenantLogo(tx: Tx, slug: string, branding: Pick<TenantBranding, "logoPath" | "logoVersion">): Promise<{ bytes: Uint8Array; contentType: string } | null> {
  if (branding.logoVersion) {
    const uploaded = await uploadedLogo(tx);
    if (uploaded) return uploaded;
  }
  return readTenantLogo(slug, branding);
}
