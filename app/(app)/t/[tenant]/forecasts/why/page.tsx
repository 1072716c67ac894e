import Link from "next/link";
import { z } from "zod";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import type { Explanation } from "@/server/api/routers/explain.types";
import { currentTenant } from "../../_lib/current-tenant";
import { expected } from "../../_lib/expected";
import { forecastReportHref, itemHref, storeHref } from "../../_lib/links";
import { PriceCurve } from "./_components/price-curve";
import { WaterfallChart } from "./_components/waterfall-chart";

export const metadata = { title: "Why this forecast?" };

// The URL is user input: parsed loosely here, validated by the explain procedure.
const searchSchema = z.object({
  store: z.string().max(64).optional().catch(undefined),
  item: z.string().max(64).optional().catch(undefined),
  category: z.string().max(120).optional().catch(undefined),
  date: z.string().max(10).optional().catch(undefined),
  days: z.coerce.number().int().min(1).max(28).optional().catch(undefined),
});

export default async function WhyPage({ params, searchParams }: { params: Promise<{ tenant: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenant } = await params;
  const q = searchSchema.parse(Object.fromEntries(Object.entries(await searchParams).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v])));
  const { caller } = await currentTenant(tenant);
  const back = `/t/${tenant}/forecasts${q.store && q.item ? `?store=${encodeURIComponent(q.store)}&item=${encodeURIComponent(q.item)}` : ""}`;
  const result = await expected(caller.explain.forecast({ storeId: q.store, itemId: q.item, category: q.category, date: q.date ?? "", days: q.days }));
  return (
    <div className="space-y-6">
      <div>
        <Link href={back} className="text-sm text-brand-text underline">
          ← Back to forecasts
        </Link>
        <h1 className="mt-2 text-2xl font-semibold">Why this forecast?</h1>
      </div>
      {"error" in result ? (
        <Card role="alert">
          <CardContent className="p-6 text-sm">{result.error}</CardContent>
        </Card>
      ) : (
        <ExplanationView data={result.data} tenant={tenant} />
      )}
    </div>
  );
}

function ExplanationView({ data, tenant }: { data: Explanation; tenant: string }) {
  const units = new Intl.NumberFormat(data.locale, { maximumFractionDigits: 1 });
  const percent = new Intl.NumberFormat(data.locale, { style: "percent", maximumFractionDigits: 0 });
  const subject = [data.scope.itemId ? `item ${data.scope.itemId}` : `category ${data.scope.category}`, data.scope.storeId ? `at store ${data.scope.storeId}` : "across all stores"].join(" ");
  const topFeatures = [...data.shap].sort((a, b) => Math.abs(b.value) - Math.abs(a.value)).slice(0, 8);
  const report = forecastReportHref(tenant, { store: data.scope.storeId ?? undefined, item: data.scope.itemId ?? undefined, category: data.scope.category ?? undefined });
  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle>
            {subject}, {data.scope.period} · model v{data.modelVersion.version}
          </CardTitle>
        </CardHeader>
        <CardContent className="space-y-2" data-testid="sentences">
          {data.sentences.map((s) => (
            <p key={s} className="text-base leading-relaxed">
              {s}
            </p>
          ))}
          <p className="pt-2 text-xs text-slate-500">
            Exact TreeSHAP on the served trees: base {units.format(data.baseValue)} + drivers = {units.format(data.modelOutput)} units (onnxruntime agrees to {data.additivityError.toExponential(1)} units)
            {Math.abs(data.adjustment) > 1e-6 ? `; the served P50 is ${units.format(data.forecast)} after the floor at zero` : ""}.{" "}
            <a className="text-brand-text underline" href={report} data-testid="download-report">
              Download the PDF report
            </a>
          </p>
        </CardContent>
      </Card>
      <Card>
        <CardHeader>
          <CardTitle>From the base value to the forecast, by driver (units)</CardTitle>
        </CardHeader>
        <CardContent>
          <WaterfallChart steps={data.waterfall.filter((s) => s.kind !== "driver" || Math.abs(s.value) > 0)} format={(v) => units.format(v)} title="Waterfall of drivers from base value to forecast" />
        </CardContent>
      </Card>
      <div className="grid gap-6 xl:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Strongest single factors</CardTitle>
          </CardHeader>
          <CardContent>
            <table className="w-full text-sm" data-testid="features">
              <thead className="text-left text-xs text-slate-500">
                <tr>
                  <th className="pb-2 font-medium">Factor</th>
                  <th className="pb-2 font-medium">Value</th>
                  <th className="pb-2 text-right font-medium">Effect (units)</th>
                </tr>
              </thead>
              <tbody>
                {topFeatures.map((f) => (
                  <tr key={f.feature} className="border-t border-slate-100">
                    <td className="py-1.5">{f.label}</td>
                    <td className="py-1.5 text-slate-600">{f.shown ?? "summed over days"}</td>
                    <td className="py-1.5 text-right tabular-nums">
                      {f.value >= 0 ? "+" : "−"}
                      {units.format(Math.abs(f.value))}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>What would change it</CardTitle>
            <p className="text-xs text-slate-500">
              Target {units.format(data.counterfactuals.target)} units; price within ±{percent.format(data.counterfactuals.bounds.maxPriceChange)}, discount up to {percent.format(data.counterfactuals.bounds.maxDiscount)}, scored by the served model.
            </p>
          </CardHeader>
          <CardContent className="space-y-2 text-sm" data-testid="counterfactuals">
            {data.counterfactuals.results.length === 0 ? <p>This forecast has no price, discount, promotion or markdown to change.</p> : null}
            {data.counterfactuals.results.map((r) => (
              <p key={r.levers.join("+")} className={r.found ? "" : "text-slate-600"}>
                {r.sentence}
              </p>
            ))}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>What drives this model overall</CardTitle>
          </CardHeader>
          <CardContent>
            <ul className="space-y-2 text-sm" data-testid="global-importance">
              {data.globalImportance.map((g) => (
                <li key={g.group} className="flex items-center gap-3">
                  <span className="w-48">{g.label}</span>
                  <span className="h-2 rounded bg-brand" style={{ width: `${Math.max(2, g.share * 200)}px` }} aria-hidden />
                  <span className="tabular-nums text-slate-600">{percent.format(g.share)}</span>
                </li>
              ))}
            </ul>
          </CardContent>
        </Card>
        {data.priceCurve.length > 0 ? (
          <Card>
            <CardHeader>
              <CardTitle>Forecast at other prices (units)</CardTitle>
            </CardHeader>
            <CardContent>
              <PriceCurve points={data.priceCurve} format={(v) => units.format(v)} percent={(v) => percent.format(v)} />
            </CardContent>
          </Card>
        ) : null}
      </div>
      <p className="flex flex-wrap gap-4 text-xs text-slate-500">
        {data.scope.itemId ? (
          <Link className="text-brand-text underline" href={itemHref(tenant, data.scope.itemId, data.scope.storeId ?? undefined)}>
            Item page
          </Link>
        ) : null}
        {data.scope.storeId ? (
          <Link className="text-brand-text underline" href={storeHref(tenant, data.scope.storeId, data.scope.category ?? undefined)}>
            Store page
          </Link>
        ) : null}
        <Link className="text-brand-text underline" href={`/t/${tenant}/reports`}>
          All reports
        </Link>
      </p>
    </>
  );
}
