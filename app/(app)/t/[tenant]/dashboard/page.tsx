import { Suspense } from "react";
import { currentTenant } from "../_lib/current-tenant";
import { SalesDashboard } from "./_components/sales-dashboard";

export const metadata = { title: "Dashboard" };

export default async function DashboardPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { tenant: current } = await currentTenant(tenant);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Sales dashboard</h1>
        <p className="text-sm text-slate-500">{current.name} · figures in {current.currency}</p>
      </div>
      {/* The filters are read from the URL, which a client component may only do under Suspense. */}
      <Suspense fallback={<p className="text-sm text-slate-600">Loading sales…</p>}>
        <SalesDashboard tenantName={current.name} currency={current.currency} locale={current.locale} dataHref={`/t/${tenant}/data`} />
      </Suspense>
    </div>
  );
}
