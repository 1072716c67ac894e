import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { DataTable } from "@/app/_components/ui/data-table";
import { currentTenant } from "../_lib/current-tenant";
import { ReportForm } from "./_components/report-form";

export const metadata = { title: "Reports" };

const ROLE_RANK = { viewer: 0, analyst: 1, admin: 2, owner: 3 } as const;

export default async function ReportsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { caller, tenant: current } = await currentTenant(tenant);
  const [stores, items, categories, reports, summary] = await Promise.all([caller.catalog.stores(), caller.catalog.items({ limit: 200 }), caller.catalog.categories(), caller.reports.list(), caller.sales.summary({})]);
  const canGenerate = ROLE_RANK[current.role] >= ROLE_RANK.analyst;
  const when = new Intl.DateTimeFormat(current.locale, { dateStyle: "medium", timeStyle: "short" });
  const base = `/api/reports/${tenant}`;
  const storeOptions = stores.map((s) => ({ value: s.id, label: s.name }));
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Reports</h1>
        <p className="text-sm text-slate-500">Branded PDF reports of {current.branding.displayName}, rendered on the server. Each one is recorded and can be downloaded again.</p>
      </div>
      {!canGenerate ? <p className="text-sm text-slate-600">Generating reports needs the analyst role or higher; you can download the reports listed below.</p> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <ReportForm
          title="Forecast explanation report"
          description="An item at a store: forecast with its band, drivers in words, what would change it, model accuracy."
          action={`${base}/forecast`}
          testId="forecast-report-form"
          canGenerate={canGenerate}
          fields={[
            { kind: "select", id: "report-store", name: "store", label: "Store", options: storeOptions, defaultValue: stores[0]?.id },
            { kind: "select", id: "report-item", name: "item", label: "Item", options: items.items.map((i) => ({ value: i.id, label: `${i.name} (${i.id})` })), defaultValue: items.items[0]?.id },
          ]}
        />
        <ReportForm
          title="Category report"
          description="A category at one store or across every store: its items' forecasts summed, explained by driver, with the lines most at risk."
          action={`${base}/forecast`}
          testId="category-report-form"
          canGenerate={canGenerate}
          fields={[
            { kind: "select", id: "category-store", name: "store", label: "Store", options: [{ value: "", label: "All stores" }, ...storeOptions], defaultValue: "" },
            { kind: "select", id: "category-category", name: "category", label: "Category", options: categories.map((c) => ({ value: c, label: c })), defaultValue: categories[0] },
          ]}
        />
        <ReportForm
          title="Executive summary"
          description="KPIs with change, forecast accuracy, demand shifts, the top actions with their money values, stockout and overstock risks and category margins for a period."
          action={`${base}/executive`}
          testId="executive-report-form"
          canGenerate={canGenerate}
          fields={[
            [
              { kind: "date", id: "report-from", name: "from", label: "From", defaultValue: summary.period?.from },
              { kind: "date", id: "report-to", name: "to", label: "To", defaultValue: summary.period?.to },
            ],
          ]}
        />
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Generated reports</CardTitle>
        </CardHeader>
        <CardContent>
          {reports.length === 0 ? (
            <p className="text-sm text-slate-500">No reports yet.</p>
          ) : (
            <DataTable
              label="Generated reports"
              testId="reports-table"
              rows={reports}
              rowKey={(r) => r.id}
              columns={[
                { header: "When", cell: (r) => when.format(r.createdAt) },
                {
                  header: "Report",
                  cell: (r) =>
                    r.kind === "forecast"
                      ? `Forecast: ${r.params.category ? `category ${String(r.params.category)}` : `item ${String(r.params.item)}`} ${r.params.store ? `at ${String(r.params.store)}` : "across all stores"}`
                      : `Executive summary ${String(r.params.from)} – ${String(r.params.to)}`,
                },
                { header: "By", className: "text-slate-600", cell: (r) => (r.createdByApiKeyId ? "API key" : "a member") },
                { header: "Pages", align: "right", cell: (r) => r.pages },
                {
                  header: "File",
                  align: "right",
                  cell: (r) => (
                    <a className="text-brand-text underline" href={`${base}/files/${r.id}`}>
                      PDF ({Math.round(r.sizeBytes / 1024)} KB)
                    </a>
                  ),
                },
              ]}
            />
          )}
        </CardContent>
      </Card>
    </div>
  );
}
