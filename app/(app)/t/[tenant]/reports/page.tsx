import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input, Label, Select } from "@/app/_components/ui/input";
import { currentTenant } from "../_lib/current-tenant";

export const metadata = { title: "Reports" };

const ROLE_RANK = { viewer: 0, analyst: 1, admin: 2, owner: 3 } as const;

export default async function ReportsPage({ params }: { params: Promise<{ tenant: string }> }) {
  const { tenant } = await params;
  const { caller, tenant: current } = await currentTenant(tenant);
  const [stores, items, categories, reports, summary] = await Promise.all([caller.catalog.stores(), caller.catalog.items({ limit: 200 }), caller.catalog.categories(), caller.reports.list(), caller.sales.summary({})]);
  const canGenerate = ROLE_RANK[current.role] >= ROLE_RANK.analyst;
  const when = new Intl.DateTimeFormat(current.locale, { dateStyle: "medium", timeStyle: "short" });
  const base = `/api/reports/${tenant}`;
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold">Reports</h1>
        <p className="text-sm text-slate-500">Branded PDF reports of {current.branding.displayName}, rendered on the server. Each one is recorded and can be downloaded again.</p>
      </div>
      {!canGenerate ? <p className="text-sm text-slate-600">Generating reports needs the analyst role or higher; you can download the reports listed below.</p> : null}
      <div className="grid gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Forecast explanation report</CardTitle>
            <p className="text-xs text-slate-500">An item at a store: forecast with its band, drivers in words, what would change it, model accuracy.</p>
          </CardHeader>
          <CardContent>
            <form method="GET" action={`${base}/forecast`} className="space-y-3" data-testid="forecast-report-form">
              <div className="space-y-1">
                <Label htmlFor="report-store">Store</Label>
                <Select id="report-store" name="store" defaultValue={stores[0]?.id}>
                  {stores.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </Select>
              </div>
              <div className="space-y-1">
                <Label htmlFor="report-item">Item</Label>
                <Select id="report-item" name="item" defaultValue={items.items[0]?.id}>
                  {items.items.map((i) => (
                    <option key={i.id} value={i.id}>
                      {i.name} ({i.id})
                    </option>
                  ))}
                </Select>
              </div>
              <Button type="submit" disabled={!canGenerate}>
                Download PDF
              </Button>
            </form>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Category report</CardTitle>
            <p className="text-xs text-slate-500">A category at one store or across every store: its items&apos; forecasts summed, explained by driver, with the lines most at risk.</p>
          </CardHeader>
          <CardContent>
            <form method="GET" action={`${base}/forecast`} className="space-y-3" data-testid="category-report-form">
              <div className="space-y-1">
                <Label htmlFor="category-store">Store</Label>
                <Select id="category-store" name="store" defaultValue="">
                  <option value="">All stores</option>
                  {stores.map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.name}
                    </option>
                  ))}
                </Select>
              </div>
              <div className="space-y-1">
                <Label htmlFor="category-category">Category</Label>
                <Select id="category-category" name="category" defaultValue={categories[0]}>
                  {categories.map((c) => (
                    <option key={c} value={c}>
                      {c}
                    </option>
                  ))}
                </Select>
              </div>
              <Button type="submit" disabled={!canGenerate}>
                Download PDF
              </Button>
            </form>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Executive summary</CardTitle>
            <p className="text-xs text-slate-500">KPIs with change, forecast accuracy, demand shifts and category margins for a period.</p>
          </CardHeader>
          <CardContent>
            <form method="GET" action={`${base}/executive`} className="space-y-3" data-testid="executive-report-form">
              <div className="flex gap-3">
                <div className="space-y-1">
                  <Label htmlFor="report-from">From</Label>
                  <Input id="report-from" name="from" type="date" required defaultValue={summary.period?.from} />
                </div>
                <div className="space-y-1">
                  <Label htmlFor="report-to">To</Label>
                  <Input id="report-to" name="to" type="date" required defaultValue={summary.period?.to} />
                </div>
              </div>
              <Button type="submit" disabled={!canGenerate}>
                Download PDF
              </Button>
            </form>
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>Generated reports</CardTitle>
        </CardHeader>
        <CardContent>
          {reports.length === 0 ? (
            <p className="text-sm text-slate-500">No reports yet.</p>
          ) : (
            <table className="w-full text-sm" data-testid="reports-table">
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th className="pb-2 font-medium">When</th>
                  <th className="pb-2 font-medium">Report</th>
                  <th className="pb-2 font-medium">By</th>
                  <th className="pb-2 text-right font-medium">Pages</th>
                  <th className="pb-2 text-right font-medium">File</th>
                </tr>
              </thead>
              <tbody>
                {reports.map((r) => (
                  <tr key={r.id} className="border-t border-slate-100">
                    <td className="py-1.5">{when.format(r.createdAt)}</td>
                    <td className="py-1.5">
                      {r.kind === "forecast"
                        ? `Forecast: ${r.params.category ? `category ${String(r.params.category)}` : `item ${String(r.params.item)}`} ${r.params.store ? `at ${String(r.params.store)}` : "across all stores"}`
                        : `Executive summary ${String(r.params.from)} – ${String(r.params.to)}`}
                    </td>
                    <td className="py-1.5 text-slate-600">{r.createdByApiKeyId ? "API key" : "a member"}</td>
                    <td className="py-1.5 text-right tabular-nums">{r.pages}</td>
                    <td className="py-1.5 text-right">
                      <a className="text-brand-text underline" href={`${base}/files/${r.id}`}>
                        PDF ({Math.round(r.sizeBytes / 1024)} KB)
                      </a>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
