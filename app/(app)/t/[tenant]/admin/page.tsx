import Link from "next/link";
import { Card, CardContent } from "@/app/_components/ui/card";
import { roleAtLeast } from "@/server/services/actor";
import { currentTenant } from "../_lib/current-tenant";
import { ApiKeysPanel } from "./_components/api-keys-panel";
import { AuditPanel } from "./_components/audit-panel";
import { BrandingPanel } from "./_components/branding-panel";
import { DeleteTenantPanel } from "./_components/delete-tenant-panel";
import { MembersPanel } from "./_components/members-panel";
import { PricingSettingsPanel } from "./_components/pricing-settings-panel";
import { SettingsPanel } from "./_components/settings-panel";

export const metadata = { title: "Admin" };

export default async function AdminPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { tenant: current } = await currentTenant(tenant);
  if (!roleAtLeast(current.role, "admin")) {
    return (
      <Card>
        <CardContent className="p-8 text-center text-sm text-slate-500">Admin needs the admin role; you are {current.role}.</CardContent>
      </Card>
    );
  }
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-baseline justify-between gap-2">
        <h1 className="text-2xl font-semibold">Admin</h1>
        <div className="flex gap-4 text-sm font-medium">
          <Link href={`/t/${tenant}/admin/billing`} className="text-brand-text underline">
            Billing, plan and usage
          </Link>
          {/* A download, not a page: a plain link so the browser saves the zip. */}
          <a href={`/api/tenant-export/${tenant}`} className="text-brand-text underline">
            Export all data (zip of CSVs)
          </a>
        </div>
      </div>
      <MembersPanel myRole={current.role} />
      <BrandingPanel initial={current.branding} slug={tenant} />
      <SettingsPanel initial={{ currency: current.currency, locale: current.locale, timezone: current.timezone, defaultServiceLevel: current.defaultServiceLevel }} />
      <PricingSettingsPanel />
      <ApiKeysPanel />
      <AuditPanel />
      {current.role === "owner" ? <DeleteTenantPanel slug={tenant} /> : null}
    </div>
  );
}
