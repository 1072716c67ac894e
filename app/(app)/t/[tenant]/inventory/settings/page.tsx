import Link from "next/link";
import { roleAtLeast } from "@/server/services/actor";
import { currentTenant } from "../../_lib/current-tenant";
import { InventorySettingsForm } from "./_components/inventory-settings-form";

export const metadata = { title: "Inventory settings" };

export default async function InventorySettingsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { tenant: current } = await currentTenant(tenant);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Inventory settings</h1>
        <p className="text-sm text-slate-600">
          The service level every replenishment decision is held to, what happens to demand the shelf cannot serve, and what moving or rushing stock costs. A change recomputes the{" "}
          <Link href={`/t/${tenant}/inventory`} className="text-brand-text underline">
            recommendations
          </Link>{" "}
          and the{" "}
          <Link href={`/t/${tenant}/actions`} className="text-brand-text underline">
            action center
          </Link>{" "}
          at once.
        </p>
      </div>
      <InventorySettingsForm currency={current.currency} canEdit={roleAtLeast(current.role, "admin")} role={current.role} />
    </div>
  );
}
