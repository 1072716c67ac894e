import "server-only";
import type { TenantProfile } from "@/server/services/tenant/get-tenant";
import { readTenantLogo } from "@/server/services/tenant/read-logo";
import type { ReportBrand } from "./report-document";

/** The tenant's white-label identity for a report: display name, colours and logo (SVG drawn as vectors). */
export async function reportBrand(tenant: TenantProfile, title: string, generatedAt: Date): Promise<ReportBrand> {
  const logo = await readTenantLogo(tenant.slug, tenant.branding);
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
