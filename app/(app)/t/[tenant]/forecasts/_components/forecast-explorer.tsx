"use client";

import { skipToken, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useTRPC } from "@/app/_trpc/client";
import { itemHref, storeHref } from "../../_lib/links";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Label, Select } from "@/app/_components/ui/input";
import { BacktestTable } from "./backtest-table";
import { ForecastChart } from "./forecast-chart";
import { ForecastDaysTable } from "./forecast-days-table";
import { ItemSearch } from "./item-search";
import type { PointSource, SeriesForecast } from "./series-types";
import { useSeriesSelection } from "./use-series-selection";

const SUGGESTED_ITEMS = 8;
const BEST_SELLER_DAYS = 90;

/**
 * One store × item at a time. Without a choice in the URL it opens on the first store's best
 * seller, so a tenant with a model never lands on an empty chart.
 */
export function ForecastExplorer({ tenant, modelsHref, dataHref, whyHref }: { tenant: string; modelsHref: string; dataHref: string; whyHref: string }) {
  const trpc = useTRPC();
  const { storeParam, itemParam, select } = useSeriesSelection();
  const stores = useQuery(trpc.catalog.stores.queryOptions());
  const storeId = storeParam ?? stores.data?.[0]?.id;
  const bestSellers = useQuery(trpc.forecasts.topSeries.queryOptions(storeId ? { storeId, days: BEST_SELLER_DAYS, limit: SUGGESTED_ITEMS } : skipToken));
  const itemId = itemParam ?? bestSellers.data?.[0]?.itemId;
  const series = useQuery(trpc.forecasts.series.queryOptions(storeId && itemId ? { storeId, itemId } : skipToken));

  const suggestions = (bestSellers.data ?? []).map((b) => ({ id: b.itemId, name: b.name, detail: `${b.itemId} · ${Math.round(b.units).toLocaleString()} units in the last ${BEST_SELLER_DAYS} days` }));
  const notFound = series.error?.data?.code === "NOT_FOUND" || bestSellers.error?.data?.code === "NOT_FOUND";
  const failure = series.error ?? bestSellers.error ?? stores.error;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <div className="w-56 space-y-1">
          <Label htmlFor="store">Store</Label>
          <Select id="store" value={storeId ?? ""} onChange={(e) => select({ store: e.target.value, item: itemParam })}>
            {storeParam && !stores.data?.some((s) => s.id === storeParam) ? <option value={storeParam}>{storeParam}</option> : null}
            {stores.data?.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name}
              </option>
            ))}
          </Select>
        </div>
        <ItemSearch suggestions={suggestions} onSelect={(item) => select({ store: storeId, item })} />
        {series.data ? (
          <p className="pb-2 text-sm text-slate-500" data-testid="series-title">
            <Link href={itemHref(tenant, series.data.item.id, series.data.store.id)} className="text-brand-text underline">
              {series.data.item.name}
            </Link>{" "}
            <span className="text-slate-500">({series.data.item.id}, {series.data.item.category})</span> at{" "}
            <Link href={storeHref(tenant, series.data.store.id)} className="text-brand-text underline">
              {series.data.store.name}
            </Link>
          </p>
        ) : null}
      </div>

      {notFound ? (
        <Card role="alert">
          <CardContent className="flex flex-wrap items-center justify-between gap-4 p-6 text-sm">
            <span>
              {storeParam ? `Store “${storeParam}”` : "The store"} or {itemParam ? `item “${itemParam}”` : "the item"} does not exist in this workspace.
            </span>
            <Button variant="outline" size="sm" onClick={() => select({})}>
              Show the default series
            </Button>
          </CardContent>
        </Card>
      ) : failure ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
          Could not load the forecast: {failure.message}
        </p>
      ) : stores.data?.length === 0 || (!itemId && bestSellers.data?.length === 0) ? (
        <Card>
          <CardContent className="p-8 text-center text-sm text-slate-600">
            No sales yet.{" "}
            <Link href={dataHref} className="font-medium text-brand-text underline">
              Import your history on the Data page
            </Link>
            , then{" "}
            <Link href={modelsHref} className="font-medium text-brand-text underline">
              train a model
            </Link>
            .
          </CardContent>
        </Card>
      ) : !series.data ? (
        <p className="text-sm text-slate-500">Loading forecast…</p>
      ) : (
        <SeriesView data={series.data} modelsHref={modelsHref} whyHref={whyHref} />
      )}
    </div>
  );
}

function SeriesView({ data, modelsHref, whyHref }: { data: SeriesForecast; modelsHref: string; whyHref: string }) {
  const { model, history, forecast } = data;
  const source = data.point?.source ?? "mean";
  const why = (date: string, days = 1) => `${whyHref}?${new URLSearchParams({ store: data.store.id, item: data.item.id, date, days: String(days) }).toString()}`;
  return (
    <>
      <Card>
        <CardHeader>
          <CardTitle>{forecast.length > 0 ? "Actual units and forecast" : "Actual units"}</CardTitle>
          <ModelNote model={model} hasForecast={forecast.length > 0} source={source} modelsHref={modelsHref} />
        </CardHeader>
        <CardContent>
          {history.length + forecast.length > 0 ? (
            <ForecastChart history={history} forecast={forecast} source={source} origin={model && forecast.length > 0 ? model.trainedTo : null} />
          ) : (
            <p className="py-12 text-center text-sm text-slate-500">This store has no sales of this item.</p>
          )}
        </CardContent>
      </Card>
      {model ? (
        <div className="grid gap-6 xl:grid-cols-3">
          {forecast.length > 0 ? (
            <Card className="self-start">
              <CardHeader>
                <CardTitle>Forecast by day (units)</CardTitle>
                <Link href={why(forecast[0]!.date, Math.min(7, forecast.length))} className="text-sm text-brand-text underline" data-testid="why-week">
                  Why this week&apos;s forecast?
                </Link>
              </CardHeader>
              <CardContent>
                <ForecastDaysTable forecast={forecast} source={source} whyHref={why} />
              </CardContent>
            </Card>
          ) : null}
          <Card className={forecast.length > 0 ? "xl:col-span-2" : "xl:col-span-3"}>
            <CardHeader>
              <CardTitle>Backtest vs baselines</CardTitle>
              <p className="text-xs text-slate-500">
                Model v{model.version} and each baseline, forecasting {model.horizon} days ahead from the same rolling origins, over all of this workspace&apos;s series.
              </p>
            </CardHeader>
            <CardContent>
              <BacktestTable metrics={model.metrics} />
            </CardContent>
          </Card>
        </div>
      ) : null}
    </>
  );
}

/** Says which model the forecast comes from, or honestly that there is none. */
function ModelNote({ model, hasForecast, source, modelsHref }: { model: SeriesForecast["model"]; hasForecast: boolean; source: PointSource; modelsHref: string }) {
  if (!model) {
    return (
      <p className="text-sm text-amber-700" data-testid="no-model">
        No production model yet — an admin can train one on the{" "}
        <Link href={modelsHref} className="underline">
          Models page
        </Link>
        . Sales history is shown below.
      </p>
    );
  }
  if (!hasForecast) {
    return <p className="text-sm text-amber-700">Production model v{model.version} has no forecast for this item at this store: it had no usable history when the model was trained on data up to {model.trainedTo}.</p>;
  }
  return (
    <p className="text-xs text-slate-500">
      Production model v{model.version}, trained on data up to {model.trainedTo}.{" "}
      {source === "mean"
        ? "The line is the mean — the point forecast, expected units, which adds up over days and items; the dashed line is the median (P50)."
        : "This version has no mean model, so its median (P50) stands in as the point forecast; retrain to get the mean."}{" "}
      Shaded P10–P90 band: 80% of days should fall inside it.
    </p>
  );
}
