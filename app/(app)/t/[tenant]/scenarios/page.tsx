import { roleAtLeast } from "@/server/services/actor";
import { currentTenant } from "../_lib/current-tenant";
import { ScenarioWorkspace } from "./_components/scenario-workspace";

export const metadata = { title: "Scenarios" };

export default async function ScenariosPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { tenant: current } = await currentTenant(tenant);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">What-if scenarios</h1>
        <p className="text-sm text-slate-600">
          Change the price, discount or promotion of some items at some stores over a few days and see what the production model expects: units, revenue, margin and stock-outs against the baseline forecast, each with its 80% interval.
        </p>
      </div>
      <ScenarioWorkspace tenant={tenant} currency={current.currency} locale={current.locale} canEdit={roleAtLeast(current.role, "analyst")} />
    </div>
  );
}
