import Link from "next/link";
import { notFound } from "next/navigation";
import { z } from "zod";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader } from "@/app/_components/ui/card";
import { Label, Select } from "@/app/_components/ui/input";
import { ExplanationSummary } from "../../_components/explanation-summary";
import { OpenActions } from "../../_components/open-actions";
import { RecommendationLines } from "../../_components/recommendation-lines";
import { currentTenant } from "../../_lib/current-tenant";
import { expected, orNotFound } from "../../_lib/expected";
import { forecastReportHref, routeId, storeHref, whyHref } from "../../_lib/links";
import { ForecastChart } from "../../forecasts/_components/forecast-chart";

export const metadata = { title: "Item" };

const WEEK = 7;
const searchSchema = z.object({ store: z.string().max(64).optional().catch(undefined) });

export default async function ItemPage({ params, searchParams }: { params: Promise<{ tenant: string; itemId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { tenant, itemId: rawItemId } = await params;
  const itemId = routeId(rawItemId);
  const raw = (await searchParams).store;
  const q = searchSchema.parse({ store: Array.isArray(raw) ? raw[0] : raw });
  const { caller, tenant: current } = await currentTenant(tenant);
  const [item, stores] = await Promise.all([orNotFound(caller.catalog.item({ id: itemId })), caller.catalog.stores()]);
  if (q.store && !stores.some((s) => s.id === q.store)) notFound();
  const storeId = q.store ?? stores[0]?.id;
  if (!storeId) notFound();

  const [series, projection, byStore, actions] = await Promise.all([
    caller.forecasts.series({ storeId, itemId }),
    caller.inventory.projection({ storeId, itemId }),
    caller.inventory.recommendations({ item: itemId, limit: 100 }),
    caller.actions.list({ item: itemId, limit: 20 }),
  ]);
  const first = series.forecast[0];
  const days = Math.min(WEEK, series.forecast.length);
  const explanation = first ? await expected(caller.explain.forecast({ storeId, itemId, date: first.date, days })) : { error: series.model ? "The production model has no forecast for this item at this store." : "No production model yet, so there is no forecast to explain." };
  const rec = projection.recommendation;
  const count = new Intl.NumberFormat(current.locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(current.locale, { style: "percent", maximumFractionDigits: 0 });
  const money = new Intl.NumberFormat(current.locale, { style: "currency", currency: current.currency });
  const store = stores.find((s) => s.id === storeId)!;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-600">
            <Link href={`/t/${tenant}/forecasts?${new URLSearchParams({ store: storeId, item: itemId }).toString()}`} className="text-brand-text underline">
              Forecasts
            </Link>{" "}
            · item {item.id} · {item.category}
          </p>
          <h1 className="mt-1 text-2xl font-semibold" data-testid="item-title">
            {item.name} at{" "}
            <Link href={storeHref(tenant, storeId)} className="text-brand-text underline">
              {store.name}
            </Link>
          </h1>
        </div>
        <form method="GET" className="flex items-end gap-2">
          <div className="w-56 space-y-1">
            <Label htmlFor="item-store">Store</Label>
            <Select id="item-store" name="store" defaultValue={storeId}>
              {stores.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </Select>
          </div>
          <Button type="submit" variant="outline">
            Show
          </Button>
        </form>
      </div>

      <Card>
        <CardHeader>
          <h2 className="text-base font-semibold">Sales and forecast (units)</h2>
          <p className="text-xs text-slate-600">
            {series.model ? `Production model v${series.model.version}, trained on data up to ${series.model.trainedTo}; line: ${series.point?.label ?? "point forecast"}; shaded band: P10–P90.` : "No production model yet: sales history only."}
            {first ? (
              <>
                {" "}
                <Link href={whyHref(tenant, { store: storeId, item: itemId, date: first.date, days: 1 })} className="text-brand-text underline">
                  why {count.format(first.p50)} units tomorrow?
                </Link>
              </>
            ) : null}
          </p>
        </CardHeader>
        <CardContent>
          {series.history.length + series.forecast.length > 0 ? (
            <ForecastChart history={series.history} forecast={series.forecast} source={series.point?.source ?? "mean"} origin={series.model && first ? series.model.trainedTo : null} />
          ) : (
            <p className="py-12 text-center text-sm text-slate-600">This store has no sales of this item.</p>
          )}
        </CardContent>
      </Card>

      <div className="grid gap-6 xl:grid-cols-2">
        <ExplanationSummary
          result={explanation}
          title={`Why this forecast, next ${days || WEEK} days`}
          whyHref={first ? whyHref(tenant, { store: storeId, item: itemId, date: first.date, days }) : `/t/${tenant}/forecasts`}
          reportHref={forecastReportHref(tenant, { store: storeId, item: itemId })}
        />
        <div className="space-y-6">
          <Card data-testid="inventory-position">
            <CardHeader>
              <h2 className="text-base font-semibold">Inventory position and recommendation</h2>
            </CardHeader>
            <CardContent className="text-sm">
              {rec ? (
                <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-2">
                  {(
                    [
                      ["On hand / on order", `${count.format(rec.onHand)} / ${count.format(rec.onOrder)} (counted ${rec.countedOn})`],
                      ["Days of cover", rec.daysOfCover === null ? "—" : rec.daysOfCover.toFixed(1)],
                      ["Stockout risk before delivery", percent.format(rec.stockoutProbability)],
                      ["Demand over lead time + review", `${count.format(rec.protectionMean)} (P10–P90 ${count.format(rec.protectionP10)}–${count.format(rec.protectionP90)}) over ${rec.protectionDays} d`],
                      ["Recommendation", rec.orderQuantity > 0 ? `order ${count.format(rec.orderQuantity)} units on ${rec.orderDate}` : rec.orderDate ? `next order due ${rec.orderDate}` : "no order within the forecast"],
                      ["Margin at risk, 28 days", money.format(rec.marginAtRisk28d)],
                    ] as const
                  ).map(([k, v]) => (
                    <div key={k} className="flex justify-between gap-3 border-b border-slate-100 py-1">
                      <dt className="text-slate-600">{k}</dt>
                      <dd className="text-right tabular-nums">{v}</dd>
                    </div>
                  ))}
                </dl>
              ) : (
                <p className="text-slate-600">No recommendation: there is no production forecast for this item at this store.</p>
              )}
              {rec && projection.asOf ? (
                <p className="mt-3">
                  <Link href={whyHref(tenant, { store: storeId, item: itemId, date: projection.asOf, days: Math.min(28, rec.protectionDays) })} className="text-brand-text underline" data-testid="why-recommendation">
                    Why? The demand over the {Math.min(28, rec.protectionDays)} days this recommendation covers
                  </Link>
                </p>
              ) : null}
            </CardContent>
          </Card>
          <OpenActions list={actions} tenant={tenant} locale={current.locale} />
        </div>
      </div>

      {byStore.recommendations.length > 0 ? (
        <Card>
          <CardHeader>
            <h2 className="text-base font-semibold">This item in every store</h2>
          </CardHeader>
          <CardContent>
            <RecommendationLines tenant={tenant} asOf={byStore.asOf} rows={byStore.recommendations} by="store" currentStoreId={storeId} label="This item in every store" testId="item-stores" formats={{ count, percent, money }} />
          </CardContent>
        </Card>
      ) : null}
    </div>
  );
}
