"use client";

import { skipToken, useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/app/_trpc/client";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Label, Select } from "@/app/_components/ui/input";
import { ItemSearch } from "../../forecasts/_components/item-search";
import { useSeriesSelection } from "../../forecasts/_components/use-series-selection";
import { MarkdownPanel } from "./markdown-panel";
import { PriceChart } from "./price-chart";

const SUGGESTED_ITEMS = 8;
const BEST_SELLER_DAYS = 90;
const money = (v: number) => v.toFixed(2);
const pct = (v: number) => `${Math.round(v * 100)}%`;

/** One store × item: the model's price response, the profit curve and the guardrailed recommendation. */
export function PricingExplorer() {
  const trpc = useTRPC();
  const { storeParam, itemParam, select } = useSeriesSelection();
  const stores = useQuery(trpc.catalog.stores.queryOptions());
  const storeId = storeParam ?? stores.data?.[0]?.id;
  const bestSellers = useQuery(trpc.forecasts.topSeries.queryOptions(storeId ? { storeId, days: BEST_SELLER_DAYS, limit: SUGGESTED_ITEMS } : skipToken));
  const itemId = itemParam ?? bestSellers.data?.[0]?.itemId;
  const query = storeId && itemId ? { store: storeId, item: itemId } : skipToken;
  const curve = useQuery(trpc.pricing.curve.queryOptions(query));
  const rec = useQuery(trpc.pricing.recommendation.queryOptions(query));
  const suggestions = (bestSellers.data ?? []).map((b) => ({ id: b.itemId, name: b.name, detail: `${b.itemId} · ${Math.round(b.units).toLocaleString()} units in the last ${BEST_SELLER_DAYS} days` }));
  const failure = curve.error ?? rec.error ?? bestSellers.error ?? stores.error;
  const r = rec.data;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <div className="w-56 space-y-1">
          <Label htmlFor="store">Store</Label>
          <Select id="store" value={storeId ?? ""} onChange={(e) => select({ store: e.target.value, item: itemParam })}>
            {stores.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </div>
        <ItemSearch suggestions={suggestions} onSelect={(item) => select({ store: storeId, item })} />
        {curve.data ? (
          <p className="pb-2 text-sm text-slate-600" data-testid="pricing-title">
            {curve.data.item.name} ({curve.data.item.id}, {curve.data.item.category}) at {curve.data.store.name}
          </p>
        ) : null}
      </div>
      {failure ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
          Could not load the price response: {failure.message}
        </p>
      ) : curve.data?.insufficient ? (
        <Card role="status">
          <CardContent className="p-6 text-sm">{curve.data.insufficient}</CardContent>
        </Card>
      ) : curve.data && r ? (
        <div className="grid gap-6 lg:grid-cols-3">
          <Card className="lg:col-span-2">
            <CardHeader>
              <CardTitle>Profit by price over the next {curve.data.horizonDays} days</CardTitle>
            </CardHeader>
            <CardContent>
              <PriceChart curve={curve.data} recommended={r.recommended ? { price: r.recommended.price, profit: r.recommended.profit.p50 } : null} />
              <p className="mt-2 text-xs text-slate-600">
                Re-scored by model v{curve.data.model.version} with everything but the price at its planned value. Prices the item sold at in the last year: {curve.data.observed ? `${money(curve.data.observed.min)} – ${money(curve.data.observed.max)}` : "none"}; points outside are extrapolation and never recommended unless the range is widened.
              </p>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>Recommendation</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="space-y-2 text-sm" data-testid="price-recommendation">
                <div className="flex justify-between gap-4">
                  <dt>Elasticity (arc, ±9%)</dt>
                  <dd className="tabular-nums">{curve.data.elasticity?.toFixed(2) ?? "—"}</dd>
                </div>
                <div className="flex justify-between gap-4">
                  <dt>Current price</dt>
                  <dd className="tabular-nums">{money(r.currentPrice)}</dd>
                </div>
                {r.current ? (
                  <div className="flex justify-between gap-4">
                    <dt>Profit at current</dt>
                    <dd className="tabular-nums">
                      {money(r.current.profit.p50)} ({money(r.current.profit.p10)} – {money(r.current.profit.p90)})
                    </dd>
                  </div>
                ) : null}
                <div className="flex justify-between gap-4">
                  <dt>Recommended price</dt>
                  <dd className="tabular-nums font-medium" data-testid="recommended-price">{r.recommended ? money(r.recommended.price) : "—"}</dd>
                </div>
                {r.recommended ? (
                  <div className="flex justify-between gap-4">
                    <dt>Profit at recommended</dt>
                    <dd className="tabular-nums">
                      {money(r.recommended.profit.p50)} ({money(r.recommended.profit.p10)} – {money(r.recommended.profit.p90)})
                    </dd>
                  </div>
                ) : null}
              </dl>
              {r.reason ? <p className="mt-3 text-sm text-amber-800">{r.reason}</p> : null}
              <p className="mt-3 text-xs text-slate-600">
                Guardrails: at most ±{pct(r.guardrails.maxStep)} per step, margin ≥ {pct(r.guardrails.minMargin)}, endings {r.guardrails.endings.map((e) => e.toFixed(2).slice(1)).join(", ")}
                {r.bindings.length > 0 ? `; bound by ${r.bindings.join(", ")}` : ""}.
              </p>
            </CardContent>
          </Card>
        </div>
      ) : (
        <p className="text-sm text-slate-600">Loading the price response…</p>
      )}
      {storeId && itemId && curve.data ? <MarkdownPanel key={`${storeId}/${itemId}`} storeId={storeId} itemId={itemId} trainedTo={curve.data.model.trainedTo} /> : null}
    </div>
  );
}
