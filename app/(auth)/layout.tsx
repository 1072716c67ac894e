import type { Metadata } from "next";
import type { CSSProperties, ReactNode } from "react";
import { hostTenant } from "@/app/_lib/host-tenant";
import { brandCssVariables } from "@/server/tenants/brand-colors";
import { tenantFaviconUrl, tenantLogoUrl } from "@/server/tenants/brand-urls";

/** On a tenant's custom domain, its favicon. */
export async function generateMetadata(): Promise<Metadata> {
  const tenant = await hostTenant();
  return tenant ? { icons: { icon: tenantFaviconUrl(tenant.slug, tenant.branding) } } : {};
}

/** Sign-in and sign-up: Foresight's own look, or on a tenant's custom domain that tenant's brand. */
export default async function AuthLayout({ children }: { children: ReactNode }) {
  const tenant = await hostTenant();
  const logoUrl = tenant ? tenantLogoUrl(tenant.slug, tenant.branding) : "/brand/foresight-mark.svg";
  return (
    <main
      style={tenant ? (brandCssVariables(tenant.branding) as CSSProperties) : undefined}
      // On a tenant's domain the page is slate-50 with a band of its colour: its text colours are
      // derived to read on slate-50 and white (brand-colors.ts), not on the default gradient.
      className={tenant ? "flex min-h-screen items-center justify-center border-t-8 border-brand bg-slate-50 p-6" : "flex min-h-screen items-center justify-center bg-gradient-to-br from-slate-100 to-slate-200 p-6"}
    >
      <div className="w-full max-w-sm">
        <p data-testid="auth-brand" className="mb-6 flex items-center justify-center gap-2 text-2xl font-semibold tracking-tight text-brand-accent-text">
          {logoUrl ? <img src={logoUrl} alt="" width={28} height={28} className="h-7 w-7 rounded" /> : null} {tenant?.branding.displayName ?? "Foresight"}
        </p>
        {children}
      </div>
    </main>
  );
}
