import { roleAtLeast } from "@/server/services/actor";
import { IMPORT_ROLE } from "@/server/http/session-import";
import { currentTenant } from "../_lib/current-tenant";
import { FirstSteps } from "./_components/first-steps";
import { ImportHistory } from "./_components/import-history";
import { ImportWizard } from "./_components/import-wizard";

export const metadata = { title: "Data" };

export default async function DataPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const { tenant } = await currentTenant(slug);
  const canImport = roleAtLeast(tenant.role, IMPORT_ROLE);
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Data</h1>
        <p className="text-sm text-slate-600">
          {tenant.name}&apos;s history in the eight sources, imported from CSV here or through the REST API (<code>POST /api/v1/import/&#123;source&#125;</code>, <code>POST /api/v1/ingest/sales</code>).
        </p>
      </div>
      <FirstSteps tenant={slug} />
      {canImport ? (
        <ImportWizard tenant={slug} />
      ) : (
        <p className="rounded-md border border-slate-200 bg-white p-4 text-sm text-slate-700">Importing needs the analyst role or higher; you are {tenant.role}. You can see the history below.</p>
      )}
      <ImportHistory locale={tenant.locale} />
    </div>
  );
}
