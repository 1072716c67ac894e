"use client";

import { skipToken, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { downloadCsv } from "@/app/_components/download-csv";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input, Label } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/client";
import { StoreFilter } from "@/app/_components/store-filter";
import type { AppRouter } from "@/server/api/root";
import { formatters } from "../../dashboard/_components/format";
import type { Formatters } from "../../dashboard/_components/format";
import { itemHref, storeHref, whyHref } from "../../_lib/links";
import { ProjectionChart } from "./projection-chart";

type Row = inferRouterOutputs<AppRouter>["inventory"]["recommendations"]["recommendations"][number];
const ROWS = 50;
/** The service's own ceiling: one request exports every filtered line. */
const EXPORT_ROWS = 20_000;

function Inputs({ r, fmt }: { r: Row; fmt: Formatters }) {
  const items: [string, string][] = [
    ["Policy", r.policy === "periodic_review" ? `periodic review (R, S), every ${r.reviewPeriodDays} d` : "continuous review (s, Q)"],
    ["Target", `${fmt.percent(r.serviceLevel)} ${r.serviceMeasure === "fill_rate" ? "fill rate" : "cycle service level"}, ${r.unmetDemand === "lost_sales" ? "lost sales" : "backorders"}`],
    ["Lead time", `${r.leadTimeDays} day${r.leadTimeDays === 1 ? "" : "s"}`],
    ["Demand over lead time + review", `${fmt.count(r.protectionMean)} expected (P10–P90 ${fmt.count(r.protectionP10)}–${fmt.count(r.protectionP90)}) over ${r.protectionDays} d`],
    ["Order-up-to S", fmt.count(r.orderUpTo)],
    ["Reorder point s / EOQ", `${fmt.count(r.reorderPoint)} / ${fmt.count(r.economicOrderQuantity)}`],
    ["Safety stock", fmt.count(r.safetyStock)],
    ["On hand / on order", `${fmt.count(r.onHand)} / ${fmt.count(r.onOrder)} (counted ${r.countedOn})`],
    ["Unit cost / price", `${fmt.price(r.unitCost)} / ${fmt.price(r.unitPrice)}`],
    [
      "Lost to stockouts, last 28 days",
      r.stockoutDaysPast28d > 0 ? `${fmt.count(r.lostUnitsIncurred28d)} units on ${r.stockoutDaysPast28d} day${r.stockoutDaysPast28d === 1 ? "" : "s"}: ${fmt.price(r.lostRevenueIncurred28d)} revenue, ${fmt.price(r.lostMarginIncurred28d)} margin` : "no stockout recorded",
    ],
  ];
  return (
    <dl className="grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
      {items.map(([k, v]) => (
        <div key={k} className="flex justify-between gap-3 border-b border-slate-100 py-1">
          <dt className="text-slate-600">{k}</dt>
          <dd className="text-right tabular-nums">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

const csvRow = (r: Row) => ({
  store_id: r.storeId,
  item_id: r.itemId,
  item_name: r.itemName,
  category: r.category,
  on_hand: r.onHand,
  on_order: r.onOrder,
  days_of_cover: r.daysOfCover,
  stockout_probability: r.stockoutProbability,
  order_up_to: r.orderUpTo,
  reorder_point: r.reorderPoint,
  order_quantity: r.orderQuantity,
  order_date: r.orderDate,
  revenue_at_risk_28d: r.revenueAtRisk28d,
  margin_at_risk_28d: r.marginAtRisk28d,
  stockout_days_past_28d: r.stockoutDaysPast28d,
  lost_units_incurred_28d: r.lostUnitsIncurred28d,
  lost_revenue_incurred_28d: r.lostRevenueIncurred28d,
  lost_margin_incurred_28d: r.lostMarginIncurred28d,
});

/** Filters and page (in the URL), totals, the recommendation table (CSV export of every filtered line) and one pair's projection. */
export function InventoryExplorer({ tenant, currency, locale }: { tenant: string; currency: string; locale: string }) {
  const trpc = useTRPC();
  const fmt = useMemo(() => formatters(currency, locale), [currency, locale]);
  const queryClient = useQueryClient();
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  const store = searchParams.get("store") ?? "";
  const category = searchParams.get("category") ?? "";
  const orderOnly = searchParams.get("orderOnly") === "true";
  const page = Math.max(1, Math.floor(Number(searchParams.get("page")) || 1));
  // Any filter change goes back to page 1: the old page number means nothing in a new selection.
  const setParam = (key: "store" | "category" | "orderOnly" | "page", value: string) => {
    const params = new URLSearchParams(searchParams);
    if (value) params.set(key, value);
    else params.delete(key);
    if (key !== "page") params.delete("page");
    router.replace(`${pathname}?${params.toString()}`);
  };
  const [selected, setSelected] = useState<{ storeId: string; itemId: string } | null>(null);
  const [exporting, setExporting] = useState(false);
  const filters = { store: store || undefined, category: category.trim() || undefined, orderOnly: orderOnly ? ("true" as const) : undefined };
  const list = useQuery(trpc.inventory.recommendations.queryOptions({ ...filters, limit: ROWS, offset: (page - 1) * ROWS }));
  const pages = Math.max(1, Math.ceil((list.data?.total ?? 0) / ROWS));
  const exportAll = async () => {
    setExporting(true);
    try {
      const all = await queryClient.fetchQuery(trpc.inventory.recommendations.queryOptions({ ...filters, limit: EXPORT_ROWS }));
      downloadCsv("inventory-recommendations.csv", all.recommendations.map(csvRow));
    } finally {
      setExporting(false);
    }
  };
  const rows = list.data?.recommendations ?? [];
  const pick = selected ?? (rows[0] ? { storeId: rows[0].storeId, itemId: rows[0].itemId } : null);
  const projection = useQuery(trpc.inventory.projection.queryOptions(pick ?? skipToken));

  if (list.data && list.data.model === null) {
    return (
      <Card>
        <CardContent className="p-8 text-center text-sm text-slate-500">No model is in production yet, so there are no forecasts to decide from. Train one on the Models page.</CardContent>
      </Card>
    );
  }
  const totals = list.data?.totals;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end gap-4">
        <StoreFilter id="inv-store" value={store} onChange={(v) => setParam("store", v)} />
        <div className="w-56 space-y-1">
          <Label htmlFor="inv-category">Category</Label>
          <Input id="inv-category" value={category} placeholder="e.g. Dairy" onChange={(e) => setParam("category", e.target.value)} />
        </div>
        <label className="flex items-center gap-2 pb-2 text-sm">
          <input type="checkbox" checked={orderOnly} onChange={(e) => setParam("orderOnly", e.target.checked ? "true" : "")} />
          Only orders due today
        </label>
        <Button variant="outline" size="sm" className="mb-1" disabled={exporting || rows.length === 0} onClick={() => void exportAll()}>
          {exporting ? "Exporting…" : `Export all ${fmt.count(list.data?.total ?? 0)} as CSV`}
        </Button>
      </div>

      {list.error ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
          Could not load recommendations: {list.error.message}
        </p>
      ) : null}

      {totals ? (
        <div className="grid gap-4 sm:grid-cols-3 lg:grid-cols-5">
          {(
            [
              ["Item × store lines", fmt.count(totals.lines), null],
              ["Orders due today", fmt.count(totals.ordersDue), null],
              ["Revenue at risk, next 28 days", fmt.money(totals.revenueAtRisk28d), null],
              ["Margin at risk, next 28 days", fmt.money(totals.marginAtRisk28d), null],
              [
                "Sales already lost to stockouts",
                fmt.money(totals.lostRevenueIncurred28d),
                list.data?.lostSalesWindow?.from
                  ? `${fmt.count(totals.lostUnitsIncurred28d)} units on ${fmt.count(totals.stockoutDaysPast28d)} stocked-out days, ${list.data.lostSalesWindow.from} to ${list.data.lostSalesWindow.to}; ${fmt.money(totals.lostMarginIncurred28d)} margin`
                  : "No sales history yet",
              ],
            ] as const
          ).map(([k, v, note]) => (
            <Card key={k}>
              <CardHeader>
                <CardTitle>{k}</CardTitle>
              </CardHeader>
              <CardContent>
                <p className="text-2xl font-semibold tabular-nums" data-testid={note ? "lost-sales-incurred" : undefined}>
                  {v}
                </p>
                {note ? <p className="mt-1 text-xs text-slate-600">{note}</p> : null}
              </CardContent>
            </Card>
          ))}
        </div>
      ) : !list.error ? (
        <p className="text-sm text-slate-500">Computing recommendations…</p>
      ) : null}

      {pick && projection.data?.recommendation ? (
        <Card>
          <CardHeader>
            <h2 className="text-base font-semibold" data-testid="projection-title">
              {projection.data.recommendation.itemName} at {projection.data.recommendation.storeName}: projected stock, next 28 days
            </h2>
            <p className="text-sm text-slate-600">
              {projection.data.recommendation.orderQuantity > 0
                ? `Order ${fmt.count(projection.data.recommendation.orderQuantity)} units on ${projection.data.recommendation.orderDate}.`
                : projection.data.recommendation.orderDate
                  ? `Next order due ${projection.data.recommendation.orderDate}.`
                  : "No order needed within the forecast."}
            </p>
          </CardHeader>
          <CardContent className="space-y-4">
            <ProjectionChart days={projection.data.days} />
            <Inputs r={projection.data.recommendation} fmt={fmt} />
          </CardContent>
        </Card>
      ) : null}

      {list.data ? (
        <Card>
          <CardContent className="overflow-x-auto p-0" tabIndex={0} role="region" aria-label="Recommendations">
            <table className="w-full text-sm" data-testid="recommendations-table">
              <caption className="p-3 text-left text-xs text-slate-600">
                {fmt.count(rows.length)} of {fmt.count(list.data.total)} lines, most margin at risk first. Select a row to see its projection.
              </caption>
              <thead className="bg-slate-50 text-left text-xs text-slate-600">
                <tr>
                  {["Store", "Item", "On hand", "On order", "Days of cover", "Stockout risk", "Order", "Order date", "Margin at risk", ""].map((h) => (
                    <th key={h} scope="col" className="px-3 py-2 font-medium">
                      {h || <span className="sr-only">Details</span>}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => {
                  const active = pick?.storeId === r.storeId && pick.itemId === r.itemId;
                  return (
                    <tr key={`${r.storeId}|${r.itemId}`} data-testid="recommendation-row" className={`border-t border-slate-100 ${active ? "shadow-[inset_4px_0_0_var(--color-brand)]" : ""}`}>
                      <td className="px-3 py-1.5">
                        <Link href={storeHref(tenant, r.storeId)} className="text-brand-text underline-offset-2 hover:underline">
                          {r.storeName}
                        </Link>
                      </td>
                      <td className="px-3 py-1.5">
                        <button type="button" className="text-left text-brand-accent-text underline-offset-2 hover:underline" aria-pressed={active} onClick={() => setSelected({ storeId: r.storeId, itemId: r.itemId })}>
                          {r.itemName}
                        </button>
                        <span className="block text-xs text-slate-600">{r.category}{r.overridden ? " · overridden" : ""}</span>
                      </td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{fmt.count(r.onHand)}</td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{fmt.count(r.onOrder)}</td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{r.daysOfCover === null ? "—" : r.daysOfCover.toFixed(1)}</td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{fmt.percent(r.stockoutProbability)}</td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{r.orderQuantity > 0 ? fmt.count(r.orderQuantity) : "—"}</td>
                      <td className="px-3 py-1.5">{r.orderDate ?? "—"}</td>
                      <td className="px-3 py-1.5 text-right tabular-nums">{fmt.price(r.marginAtRisk28d)}</td>
                      <td className="whitespace-nowrap px-3 py-1.5">
                        {list.data.asOf ? (
                          <Link href={whyHref(tenant, { store: r.storeId, item: r.itemId, date: list.data.asOf, days: Math.min(28, r.protectionDays) })} className="text-brand-text underline" aria-label={`Why this recommendation for ${r.itemName} at ${r.storeName}?`}>
                            why?
                          </Link>
                        ) : null}{" "}
                        <Link href={itemHref(tenant, r.itemId, r.storeId)} className="text-brand-text underline" aria-label={`Item page of ${r.itemName} at ${r.storeName}`}>
                          item
                        </Link>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </CardContent>
        </Card>
      ) : null}

      {pages > 1 ? (
        <nav aria-label="Recommendation pages" className="flex items-center justify-between gap-3 text-sm">
          <Button size="sm" variant="outline" disabled={page <= 1} onClick={() => setParam("page", String(page - 1))}>
            Previous
          </Button>
          <span className="tabular-nums" data-testid="recommendation-page">
            Page {fmt.count(page)} of {fmt.count(pages)}
          </span>
          <Button size="sm" variant="outline" disabled={page >= pages} onClick={() => setParam("page", String(page + 1))}>
            Next
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
