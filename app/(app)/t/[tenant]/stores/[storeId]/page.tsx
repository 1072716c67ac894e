import Link from "next/link";
import { z } from "zod";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader } from "@/app/_components/ui/card";
import { Label, Select } from "@/app/_components/ui/input";
import { ExplanationSummary } from "../../_components/explanation-summary";
import { OpenActions } from "../../_components/open-actions";
import { RecommendationLines } from "../../_components/recommendation-lines";
import { currentTenant } from "../../_lib/current-tenant";
import { expected, orNotFound } from "../../_lib/expected";
import { forecastReportHref, routeId, whyHref } from "../../_lib/links";

export const metadata = { title: "Store" };

const WEEK = 7;
const LINES = 15;
const searchSchema = z.object({ category: z.string().max(120).optional().catch(undefined) });

export default async function StorePage({ params, searchParams }: { params: Promise<{ tenant: string; storeId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenant, storeId: rawStoreId } = await params;
  const storeId = routeId(rawStoreId);
  const raw = (await searchParams).category;
  const q = searchSchema.parse({ category: Array.isArray(raw) ? raw[0] : raw });
  const { caller, tenant: current } = await currentTenant(tenant);
  const store = await orNotFound(caller.catalog.store({ id: storeId }));
  const [summary, lines, actions] = await Promise.all([caller.sales.summary({ storeId }), caller.inventory.recommendations({ store: storeId, limit: LINES }), caller.actions.list({ store: storeId, limit: 20 })]);
  const categories = summary.byCategory.map((c) => c.category);
  const category = q.category && categories.includes(q.category) ? q.category : categories[0];
  const explanation =
    lines.asOf && category ? await expected(caller.explain.forecast({ storeId, category, date: lines.asOf, days: WEEK })) : { error: lines.model ? "This store has no forecast category yet." : "No production model yet, so there is no forecast to explain." };
  const count = new Intl.NumberFormat(current.locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(current.locale, { style: "percent", maximumFractionDigits: 0 });
  const money = new Intl.NumberFormat(current.locale, { style: "currency", currency: current.currency, maximumFractionDigits: 0 });
  const k = summary.kpis;

  return (
    <div className="space-y-6">
      <div>
        <p className="text-sm text-slate-600">
          <Link href={`/t/${tenant}/inventory`} className="text-brand-text underline">
            Inventory
          </Link>{" "}
          · store {store.id}
        </p>
        <h1 className="mt-1 text-2xl font-semibold" data-testid="store-title">
          {store.name}
        </h1>
      </div>

      <Card>
        <CardHeader>
          <h2 className="text-base font-semibold">Sales history</h2>
          <p className="text-xs text-slate-600">{summary.period ? `${summary.period.from} to ${summary.period.to}` : "No sales yet."}</p>
        </CardHeader>
        {k ? (
          <CardContent className="space-y-4">
            <p className="text-sm">
              Revenue {money.format(k.revenue)} · {count.format(k.units)} units · gross margin {money.format(k.grossMargin)}
            </p>
            <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Sales by category">
              <table className="w-full text-sm" data-testid="store-categories">
                <thead className="text-left text-xs text-slate-600">
                  <tr>
                    <th scope="col" className="pb-1 font-medium">
                      Category
                    </th>
                    <th scope="col" className="pb-1 text-right font-medium">
                      Units
                    </th>
                    <th scope="col" className="pb-1 text-right font-medium">
                      Revenue
                    </th>
                    <th scope="col" className="pb-1 text-right font-medium">
                      Gross margin
                    </th>
                  </tr>
                </thead>
                <tbody>
                  {summary.byCategory.map((c) => (
                    <tr key={c.category} className="border-t border-slate-100">
                      <td className="py-1">
                        <Link href={`?${new URLSearchParams({ category: c.category }).toString()}`} className="text-brand-text underline" aria-current={c.category === category ? "true" : undefined}>
                          {c.category}
                        </Link>
                      </td>
                      <td className="py-1 text-right tabular-nums">{count.format(c.units)}</td>
                      <td className="py-1 text-right tabular-nums">{money.format(c.revenue)}</td>
                      <td className="py-1 text-right tabular-nums">{money.format(c.grossMargin)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </CardContent>
        ) : null}
      </Card>

      <div className="grid gap-6 xl:grid-cols-2">
        <div className="space-y-3">
          <form method="GET" className="flex items-end gap-2">
            <div className="w-56 space-y-1">
              <Label htmlFor="store-category">Category explained</Label>
              <Select id="store-category" name="category" defaultValue={category}>
                {categories.map((c) => (
                  <option key={c} value={c}>
                    {c}
                  </option>
                ))}
              </Select>
            </div>
            <Button type="submit" variant="outline">
              Show
            </Button>
          </form>
          <ExplanationSummary
            result={explanation}
            title={`Why ${category ?? "this category"} at ${store.name}, next ${WEEK} days`}
            whyHref={lines.asOf && category ? whyHref(tenant, { store: storeId, category, date: lines.asOf, days: WEEK }) : `/t/${tenant}/forecasts`}
            reportHref={forecastReportHref(tenant, { store: storeId, ...(category ? { category } : {}) })}
          />
        </div>
        <OpenActions list={actions} tenant={tenant} locale={current.locale} />
      </div>

      {lines.recommendations.length > 0 ? (
        <Card>
          <CardHeader>
            <h2 className="text-base font-semibold">Items most at risk here</h2>
            <p className="text-xs text-slate-600">
              {lines.recommendations.length} of {lines.total} items, most margin at risk over 28 days first.
            </p>
          </CardHeader>
          <CardContent>
            <RecommendationLines tenant={tenant} asOf={lines.asOf} rows={lines.recommendations} by="item" label="Items most at risk at this store" testId="store-items" formats={{ count, percent, money }} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
