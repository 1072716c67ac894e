import type { TenantBranding } from "@/drizzle/schema";

/** Where a tenant's logo is served, with its hash to bust caches; null when it has none. */
export function tenantLogoUrl(slug: string, branding: Pick<TenantBranding, "logoPath" | "logoVersion">): string | null {
  if (branding.logoVersion) return `/api/tenant-logo/${slug}?v=${branding.logoVersion}`;
  return branding.logoPath ? `/api/tenant-logo/${slug}` : null;
}

/** The default icon, for pages outside a tenant and tenants without their own. */
export const DEFAULT_FAVICON = { url: "/icon.svg", type: "image/svg+xml" };

/** The favicon a tenant's pages link: its uploaded one, else the default. */
export function tenantFaviconUrl(slug: string, branding: Pick<TenantBranding, "faviconVersion">): string {
  return branding.faviconVersion ? `/api/tenant-favicon/${slug}?v=${branding.faviconVersion}` : DEFAULT_FAVICON.url;
}
