"use client";

import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";
import { StoreFilter } from "@/app/_components/store-filter";
import { SUMMARY_MAX_DAYS } from "@/server/validation/sales-period";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Label, Select } from "@/app/_components/ui/input";
import { formatters } from "./format";
import { KpiCards } from "./kpi-cards";
import { SalesChart } from "./sales-chart";

const PERIODS = [
  { value: "30", label: "Last 30 days" },
  { value: "90", label: "Last 90 days" },
  { value: "365", label: "Last 12 months" },
  { value: "all", label: "All history (up to 3 years)" },
] as const;

const minusDays = (iso: string, days: number) => new Date(Date.parse(iso) - days * 86_400_000).toISOString().slice(0, 10);

export function SalesDashboard({ currency, locale, dataHref }: { currency: string; locale: string; dataHref: string }) {
  const trpc = useTRPC();
  const fmt = useMemo(() => formatters(currency, locale), [currency, locale]);
  const [storeId, setStoreId] = useState("");
  const [category, setCategory] = useState("");
  const [period, setPeriod] = useState<(typeof PERIODS)[number]["value"]>("90");

  const categories = useQuery(trpc.catalog.categories.queryOptions());
  // The latest sale anchors relative periods, so an older data set still shows its last months.
  const range = useQuery(trpc.sales.dataRange.queryOptions()).data;
  const days = period === "all" ? SUMMARY_MAX_DAYS : Number(period);
  const from = range ? [range.first, minusDays(range.last, days - 1)].sort().at(-1) : undefined;
  const summary = useQuery(
    trpc.sales.summary.queryOptions(
      { from, to: range?.last, storeId: storeId || undefined, category: category || undefined },
      // While a changed filter loads, the last figures stay up (dimmed) instead of the page emptying.
      { enabled: Boolean(range), placeholderData: keepPreviousData },
    ),
  );

  const data = summary.data;
  const updating = summary.isPlaceholderData && summary.isFetching;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <div className="w-48 space-y-1">
          <Label htmlFor="period">Period</Label>
          <Select id="period" value={period} onChange={(e) => setPeriod(e.target.value as typeof period)}>
            {PERIODS.map((p) => (
              <option key={p.value} value={p.value}>
                {p.label}
              </option>
            ))}
          </Select>
        </div>
        <StoreFilter id="store" value={storeId} onChange={setStoreId} />
        <div className="w-56 space-y-1">
          <Label htmlFor="category">Category</Label>
          <Select id="category" value={category} onChange={(e) => setCategory(e.target.value)}>
            <option value="">All categories</option>
            {categories.data?.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </Select>
        </div>
        {data?.period ? (
          <p className="pb-2 text-sm text-slate-500" aria-live="polite">
            {data.period.from} → {data.period.to} · by {data.period.granularity}
            {updating ? <span className="ml-2 font-medium text-brand-text">Updating…</span> : null}
          </p>
        ) : null}
      </div>

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
        <p className="text-sm text-slate-500">Loading sales…</p>
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
            <Breakdown title="By store" rows={data.byStore.map((s) => ({ key: s.storeId, label: s.storeName, revenue: s.revenue, units: s.units }))} fmt={fmt} />
            <Breakdown title="By category" rows={data.byCategory.map((c) => ({ key: c.category, label: c.category, revenue: c.revenue, units: c.units }))} fmt={fmt} />
          </div>
        </div>
      )}
    </div>
  );
}

function Breakdown({ title, rows, fmt }: { title: string; rows: { key: string; label: string; revenue: number; units: number }[]; fmt: ReturnType<typeof formatters> }) {
  const max = Math.max(1, ...rows.map((r) => r.revenue));
  return (
    <Card data-testid="breakdown">
      <CardHeader>
        <CardTitle>{title}</CardTitle>
      </CardHeader>
      <CardContent>
        <table className="w-full text-sm">
          <thead className="text-left text-xs text-slate-500">
            <tr>
              <th className="pb-2 font-medium">Name</th>
              <th className="pb-2 text-right font-medium">Units</th>
              <th className="pb-2 text-right font-medium">Revenue</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.key} className="border-t border-slate-100">
                <td className="py-1.5">
                  <div>{r.label}</div>
                  <div className="mt-1 h-1.5 rounded bg-brand/70" style={{ width: `${(r.revenue / max) * 100}%` }} />
                </td>
                <td className="py-1.5 text-right tabular-nums">{fmt.count(r.units)}</td>
                <td className="py-1.5 text-right tabular-nums">{fmt.money(r.revenue)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </CardContent>
    </Card>
  );
}
