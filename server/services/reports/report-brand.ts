import "server-only";
import type { Tx } from "@/server/db/database";
import type { TenantProfile } from "@/server/services/tenant/get-tenant";
import { tenantLogo } from "@/server/services/tenant/read-logo";
import type { ReportBrand } from "./report-document";

export type ReportLogo = Awaited<ReturnType<typeof tenantLogo>>;

/** The logo a report prints, read inside the report's data transaction: the same one the app shows (uploaded, else the logo file), or null. */
export function reportLogo(tx: Tx, tenant: TenantProfile): Promise<ReportLogo> {
  return tenantLogo(tx, tenant.slug, tenant.branding);
}

/** The tenant's white-label identity for a report: display name, colours and logo (SVG drawn as vectors; uploaded SVGs were sanitised on upload). */
export function reportBrand(tenant: TenantProfile, logo: ReportLogo, title: string, generatedAt: Date): ReportBrand {
  return {
    tenantName: tenant.branding.displayName || tenant.name,
    primaryColor: tenant.branding.primaryColor,
    accentColor: tenant.branding.accentColor,
    logo: !logo ? null : logo.contentType === "image/svg+xml" ? { kind: "svg", svg: new TextDecoder().decode(logo.bytes) } : { kind: "image", bytes: logo.bytes },
    title,
    generatedAt,
    locale: tenant.locale,
  };
}
