import { roleAtLeast } from "@/server/services/actor";
import { currentTenant } from "../_lib/current-tenant";
import { AlertList } from "./_components/alert-list";
import { AlertRulesForm } from "./_components/alert-rules-form";

export const metadata = { title: "Alerts" };

export default async function AlertsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { tenant: current } = await currentTenant(tenant);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Alerts</h1>
        <p className="text-sm text-slate-600">
          Sales that do not fit: spikes and drops against the forecast band and the recent history, sales beyond the stock on hand, and prices far from the usual. New ones appear here and as a notice while you work.
        </p>
      </div>
      <AlertList tenant={tenant} currency={current.currency} locale={current.locale} canDecide={roleAtLeast(current.role, "analyst")} />
      {roleAtLeast(current.role, "admin") ? <AlertRulesForm /> : null}
    </div>
  );
}
