"use client";

import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { keepPreviousData, skipToken, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { StoreFilter } from "@/app/_components/store-filter";
import { SUMMARY_MAX_DAYS } from "@/server/validation/sales-period";
import type { SalesSummary } from "@/server/services/sales/sales-summary";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Label, Select } from "@/app/_components/ui/input";
import { DataTable } from "./data-table";
import type { Column } from "./data-table";
import { formatters } from "./format";
import type { Formatters } from "./format";
import { AccuracyTable, ForecastChart, StockCard } from "./forecast-cards";
import { KpiCards } from "./kpi-cards";
import { SalesChart } from "./sales-chart";

const PERIODS = [
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
  { value: "365", label: "Last 12 months" },
  { value: "730", label: "Last 2 years" },
  { value: "all", label: "All history (up to 3 years)" },
] as const;
type Period = (typeof PERIODS)[number]["value"];
const DEFAULT_PERIOD: Period = "90";

const minusDays = (iso: string, days: number) => new Date(Date.parse(iso) - days * 86_400_000).toISOString().slice(0, 10);

/** The dashboard's state lives in the URL (period, store, category, item), so a view can be shared or bookmarked. */
type View = { period: Period; store: string; category: string; item: string };

function useView() {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const period = PERIODS.find((p) => p.value === params.get("period"))?.value ?? DEFAULT_PERIOD;
  const view: View = { period, store: params.get("store") ?? "", category: params.get("category") ?? "", item: params.get("item") ?? "" };
  const href = (change: Partial<View>) => {
    const next = { ...view, ...change };
    const query = new URLSearchParams();
    if (next.period !== DEFAULT_PERIOD) query.set("period", next.period);
    if (next.store) query.set("store", next.store);
    if (next.category) query.set("category", next.category);
    if (next.store && next.item) query.set("item", next.item);
    const search = query.toString();
    return search ? `${pathname}?${search}` : pathname;
  };
  const set = (change: Partial<View>) => router.replace(href(change), { scroll: false });
  return { view, href, set };
}

export function SalesDashboard({ tenantName, currency, locale, dataHref }: { tenantName: string; currency: string; locale: string; dataHref: string }) {
  const trpc = useTRPC();
  const fmt = useMemo(() => formatters(currency, locale), [currency, locale]);
  const { view, href, set } = useView();

  const categories = useQuery(trpc.catalog.categories.queryOptions());
  // The latest sale anchors relative periods, so an older data set still shows its last months.
  const range = useQuery(trpc.sales.dataRange.queryOptions()).data;
  const days = view.period === "all" ? SUMMARY_MAX_DAYS : Number(view.period);
  const from = range ? [range.first, minusDays(range.last, days - 1)].sort().at(-1) : undefined;
  const summary = useQuery(
    trpc.sales.summary.queryOptions(
      { from, to: range?.last, storeId: view.store || undefined, category: view.category || undefined, itemId: (view.store && view.item) || undefined },
      // While a changed filter loads, the last figures stay up (dimmed) instead of the page emptying.
      { enabled: Boolean(range), placeholderData: keepPreviousData },
    ),
  );

  const cardFilters = cardFiltersOf(from, range?.last, view);
  const forecast = useQuery(trpc.sales.forecastVsActual.queryOptions(cardFilters ?? skipToken, { placeholderData: keepPreviousData }));
  const stock = useQuery(trpc.sales.stock.queryOptions(cardFilters ?? skipToken, { placeholderData: keepPreviousData }));

  const data = summary.data;
  const updating = summary.isPlaceholderData && summary.isFetching;
  const storeName = data?.byStore.find((s) => s.storeId === view.store)?.storeName ?? view.store;
  const stamp = data?.period ? `${data.period.from}_${data.period.to}` : "period";
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <div className="w-48 space-y-1">
          <Label htmlFor="period">Period</Label>
          <Select id="period" value={view.period} onChange={(e) => set({ period: e.target.value as Period })}>
            {PERIODS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </Select>
        </div>
        <StoreFilter id="store" value={view.store} onChange={(store) => set({ store, item: "" })} />
        <div className="w-56 space-y-1">
          <Label htmlFor="category">Category</Label>
          <Select id="category" value={view.category} onChange={(e) => set({ category: e.target.value, item: "" })}>
            <option value="">All categories</option>
            {categories.data?.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </div>
        {data?.period ? (
          <p className="pb-2 text-sm text-slate-600" aria-live="polite">
            {data.period.from} → {data.period.to} · by {data.period.granularity}
            {updating ? <span className="ml-2 font-medium text-brand-text">Updating…</span> : null}
          </p>
        ) : null}
      </div>

      <nav aria-label="Breadcrumb" className="text-sm">
        <ol className="flex flex-wrap items-center gap-1 text-slate-600">
          <Crumb href={href({ store: "", category: "", item: "" })} current={!view.store && !view.category}>
            {tenantName}
          </Crumb>
          {view.store ? (
            <Crumb href={href({ category: "", item: "" })} current={!view.category && !view.item}>
              {storeName}
            </Crumb>
          ) : null}
          {view.category ? (
            <Crumb href={href({ item: "" })} current={!view.item}>
              {view.category}
            </Crumb>
          ) : null}
          {data?.item ? (
            <Crumb href={href({})} current>
              {data.item.itemName}
            </Crumb>
          ) : null}
        </ol>
      </nav>

      {summary.error ? <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">Could not load sales: {summary.error.message}</p> : null}
      {range === null ? (
        <Card>
          <CardContent className="p-8 text-center text-sm text-slate-600">
            No sales yet.{" "}
            <Link href={dataHref} className="font-medium text-brand-text underline">
              Import your history on the Data page
            </Link>{" "}
            (stores, catalog, then sales) to see your dashboard.
          </CardContent>
        </Card>
      ) : !data?.kpis ? (
        <p className="text-sm text-slate-600">Loading sales…</p>
      ) : (
        <div className={updating ? "space-y-6 opacity-60 transition-opacity" : "space-y-6"} aria-busy={updating}>
          <KpiCards kpis={data.kpis} previous={data.previousKpis} fmt={fmt} />
          <Card>
            <CardHeader>
              <CardTitle>Revenue and gross margin over time</CardTitle>
            </CardHeader>
            <CardContent>
              <SalesChart series={data.series} period={data.period} fmt={fmt} />
            </CardContent>
          </Card>
          <div className="grid gap-6 lg:grid-cols-2">
            <DataTable
              title="By store"
              csvName={`sales-by-store_${stamp}`}
              rows={data.byStore}
              rowKey={(r) => r.storeId}
              columns={[
                { header: "Store", cell: (r) => <DrillLink href={href({ store: r.storeId, item: "" })} label={r.storeName} share={r.revenue / maxOf(data.byStore)} />, csv: (r) => r.storeName },
                ...figureColumns<SalesSummary["byStore"][number]>(fmt),
              ]}
            />
            <DataTable
              title="By category"
              csvName={`sales-by-category_${stamp}`}
              rows={data.byCategory}
              rowKey={(r) => r.category}
              columns={[
                { header: "Category", cell: (r) => <DrillLink href={href({ category: r.category, item: "" })} label={r.category} share={r.revenue / maxOf(data.byCategory)} />, csv: (r) => r.category },
                ...figureColumns<SalesSummary["byCategory"][number]>(fmt),
                { header: "Margin %", numeric: true, cell: (r) => (r.grossMarginPct === null ? "—" : fmt.percent(r.grossMarginPct)), csv: (r) => r.grossMarginPct },
              ]}
            />
          </div>
          {view.store && view.category ? (
            <DataTable
              title={`Items of ${view.category} in ${storeName}`}
              csvName={`sales-by-item_${stamp}`}
              rows={data.byItem}
              rowKey={(r) => r.itemId}
              columns={[
                { header: "Item", cell: (r) => <DrillLink href={href({ item: r.itemId })} label={r.itemName} share={r.revenue / maxOf(data.byItem)} />, csv: (r) => r.itemName },
                { header: "Item id", cell: (r) => r.itemId, csv: (r) => r.itemId },
                ...figureColumns<SalesSummary["byItem"][number]>(fmt),
              ]}
            />
          ) : !view.store && !view.category ? null : (
            <p className="text-sm text-slate-600">{view.store ? "Pick a category to see its items in this store." : "Pick a store to see this category's items there."}</p>
          )}
          <Movers movers={data.movers} fmt={fmt} stamp={stamp} />
          {stock.data ? <StockCard stock={stock.data} fmt={fmt} /> : null}
          {forecast.data ? (
            <div className="grid gap-6 lg:grid-cols-2">
              <ForecastChart data={forecast.data} fmt={fmt} />
              <AccuracyTable data={forecast.data} fmt={fmt} stamp={stamp} />
            </div>
          ) : null}
        </div>
      )}
    </div>
  );
}

/** The cards beside the summary take explicit dates; until the data range is known there is nothing to ask. */
function cardFiltersOf(from: string | undefined, to: string | undefined, view: View) {
  if (!from || !to) return null;
  return { from, to, storeId: view.store || undefined, category: view.category || undefined, itemId: (view.store && view.item) || undefined };
}

const maxOf = (rows: readonly { revenue: number }[]) => Math.max(1, ...rows.map((r) => r.revenue));

type Figures = { units: number; revenue: number; grossMargin: number; previousRevenue: number | null };

function figureColumns<R extends Figures>(fmt: Formatters): Column<R>[] {
  return [
    { header: "Units", numeric: true, cell: (r) => fmt.count(r.units), csv: (r) => r.units },
    { header: "Revenue", numeric: true, cell: (r) => fmt.money(r.revenue), csv: (r) => Math.round(r.revenue * 100) / 100 },
    { header: "Gross margin", numeric: true, cell: (r) => fmt.money(r.grossMargin), csv: (r) => Math.round(r.grossMargin * 100) / 100 },
    {
      header: "vs previous",
      numeric: true,
      cell: (r) => (r.previousRevenue ? fmt.signedPercent((r.revenue - r.previousRevenue) / r.previousRevenue) : "—"),
      csv: (r) => (r.previousRevenue ? Math.round(((r.revenue - r.previousRevenue) / r.previousRevenue) * 10_000) / 10_000 : null),
    },
  ];
}

function Crumb({ href, current, children }: { href: string; current: boolean; children: string }) {
  return (
    <li className="flex items-center gap-1 after:text-slate-400 after:content-['›'] last:after:content-none">
      {current ? (
        <span aria-current="page" className="font-medium text-slate-900">
          {children}
        </span>
      ) : (
        <Link href={href} scroll={false} className="text-brand-text underline">
          {children}
        </Link>
      )}
    </li>
  );
}

function DrillLink({ href, label, share }: { href: string; label: string; share: number }) {
  return (
    <>
      <Link href={href} scroll={false} className="text-brand-text underline-offset-2 hover:underline">
        {label}
      </Link>
      <div className="mt-1 h-1.5 rounded bg-brand/70" style={{ width: `${share * 100}%` }} />
    </>
  );
}

type Mover = NonNullable<SalesSummary["movers"]>["up"][number];

function Movers({ movers, fmt, stamp }: { movers: SalesSummary["movers"]; fmt: Formatters; stamp: string }) {
  if (!movers) {
    return (
      <Card>
        <CardHeader>
          <CardTitle>Top movers</CardTitle>
        </CardHeader>
        <CardContent className="text-sm text-slate-600">No movers here: the history does not reach back a whole previous period, or this is a single item.</CardContent>
      </Card>
    );
  }
  const columns: Column<Mover>[] = [
    { header: movers.level === "store × category" ? "Store · category" : movers.level[0]!.toUpperCase() + movers.level.slice(1), cell: (r) => r.label, csv: (r) => r.label },
    { header: "Revenue", numeric: true, cell: (r) => fmt.money(r.revenue), csv: (r) => Math.round(r.revenue * 100) / 100 },
    { header: "Previous period", numeric: true, cell: (r) => fmt.money(r.previousRevenue), csv: (r) => Math.round(r.previousRevenue * 100) / 100 },
    { header: "Change", numeric: true, cell: (r) => `${r.change >= 0 ? "+" : "−"}${fmt.money(Math.abs(r.change))}${r.changePct === null ? "" : ` (${fmt.signedPercent(r.changePct)})`}`, csv: (r) => Math.round(r.change * 100) / 100 },
  ];
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <DataTable title="Top movers up" csvName={`movers-up_${stamp}`} rows={movers.up} rowKey={(r) => r.key} columns={columns} />
      <DataTable title="Top movers down" csvName={`movers-down_${stamp}`} rows={movers.down} rowKey={(r) => r.key} columns={columns} />
    </div>
  );
}
