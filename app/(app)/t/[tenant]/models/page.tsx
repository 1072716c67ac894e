import { serverCaller } from "@/server/api/server-caller";
import { roleAtLeast } from "@/server/services/actor";
import { ModelRegistry } from "./_components/model-registry";

export const metadata = { title: "Models" };

export default async function ModelsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const current = await (await serverCaller(tenant)).tenant.current();
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Models</h1>
        <p className="text-sm text-slate-500">Versions of {current.name}&apos;s forecasting model with their backtests, and the runs that trained them.</p>
      </div>
      <ModelRegistry canManage={roleAtLeast(current.role, "admin")} locale={current.locale} timeZone={current.timezone} />
    </div>
  );
}
