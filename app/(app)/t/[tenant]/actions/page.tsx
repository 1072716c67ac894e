import { roleAtLeast } from "@/server/services/actor";
import { currentTenant } from "../_lib/current-tenant";
import { ActionCenter } from "./_components/action-center";
import { ForecastValueAdded } from "./_components/forecast-value-added";

export const metadata = { title: "Action center" };

export default async function ActionsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { tenant: current } = await currentTenant(tenant);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Action center</h1>
        <p className="text-sm text-slate-500">What to reorder, rush and move between stores today, ranked by expected value in {current.currency}, with the evidence behind each line.</p>
      </div>
      <ActionCenter tenant={tenant} currency={current.currency} locale={current.locale} canDecide={roleAtLeast(current.role, "analyst")} inventoryHref={`/t/${tenant}/inventory`} />
      <ForecastValueAdded currency={current.currency} locale={current.locale} />
    </div>
  );
}
