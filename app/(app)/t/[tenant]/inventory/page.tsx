import Link from "next/link";
import { currentTenant } from "../_lib/current-tenant";
import { InventoryExplorer } from "./_components/inventory-explorer";

export const metadata = { title: "Inventory" };

export default async function InventoryPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { tenant: current } = await currentTenant(tenant);
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold">Inventory</h1>
          <p className="text-sm text-slate-500">Stock position, days of cover and stockout risk per item × store, with the replenishment recommendation, the money at risk over the next 28 days and the sales stockouts already cost.</p>
        </div>
        <Link href={`/t/${tenant}/inventory/settings`} className="text-sm font-medium text-brand-text underline">
          Service levels and costs
        </Link>
      </div>
      <InventoryExplorer tenant={tenant} currency={current.currency} locale={current.locale} />
    </div>
  );
}
