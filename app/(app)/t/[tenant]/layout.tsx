import type { Metadata } from "next";
import type { CSSProperties, ReactNode } from "react";
import { TRPCReactProvider } from "@/app/_trpc/client";
import { brandCssVariables } from "@/server/tenants/brand-colors";
import { tenantFaviconUrl, tenantLogoUrl } from "@/server/tenants/brand-urls";
import { currentTenant } from "./_lib/current-tenant";
import { MobileNav, Sidebar } from "./_components/sidebar";
import { TopBar } from "./_components/top-bar";
import { BillingBanner } from "./_components/billing-banner";
import { LiveAlerts } from "./_components/live-alerts";
import { isReadOnly } from "@/server/services/billing/billing-state";

export const dynamic = "force-dynamic";

/** The tenant's favicon on every page of its shell. */
export async function generateMetadata({ params }: { params: Promise<{ tenant: string }> }): Promise<Metadata> {
  const { tenant: slug } = await params;
  const { tenant } = await currentTenant(slug);
  return { icons: { icon: tenantFaviconUrl(slug, tenant.branding) } };
}

export default async function TenantLayout({ children, params }: { children: ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { user, caller, tenant: current } = await currentTenant(slug);
  const mine = await caller.tenant.mine();
  // Overrides the theme's brand colours for everything inside the tenant shell.
  const brand = brandCssVariables(current.branding) as CSSProperties;
  const billing = mine.find((t) => t.slug === slug);

  return (
    <div style={brand} className="flex min-h-screen">
      <Sidebar slug={slug} displayName={current.branding.displayName} logoUrl={tenantLogoUrl(slug, current.branding)} role={current.role} />
      <div className="flex min-w-0 flex-1 flex-col">
        <TopBar
          current={{ slug, displayName: current.branding.displayName }}
          tenants={mine.map((t) => ({ slug: t.slug, displayName: t.displayName }))}
          user={{ name: user.name ?? "", email: user.email ?? "", role: current.role }}
        />
        {billing ? <BillingBanner slug={slug} status={billing.billingStatus} graceUntil={billing.graceUntil} readOnly={isReadOnly(billing)} /> : null}
        <MobileNav slug={slug} role={current.role} />
        <main className="flex-1 p-4 sm:p-6">
          <TRPCReactProvider tenantSlug={slug}>
            {children}
            <LiveAlerts tenant={slug} />
          </TRPCReactProvider>
        </main>
      </div>
    </div>
  );
}
