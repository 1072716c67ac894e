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
      <SalesDashboard currency={current.currency} locale={current.locale} dataHref={`/t/${tenant}/data`} />
    </div>
  );
}
