"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { useMemo, useState } from "react";
import { downloadCsv } from "@/app/_components/download-csv";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { useTRPC } from "@/app/_trpc/client";
import type { AppRouter } from "@/server/api/root";
import { itemHref, storeHref, whyHref } from "../../_lib/links";
import { formatters } from "../../dashboard/_components/format";
import type { Formatters } from "../../dashboard/_components/format";

type Action = inferRouterOutputs<AppRouter>["actions"]["list"]["actions"][number];
type Evidence = {
  forecast?: { protectionDays?: number; protectionP10?: number; protectionP90?: number; dailyMean?: number };
  stock?: { onHand?: number; onOrder?: number; daysOfCover?: number | null };
  leadTimeDays?: number;
  serviceLevel?: { measure?: string; target?: number };
  stockoutProbability?: number;
  expectedUnitsSaved?: number;
  expedite?: { projectedStockout?: string; arrivesAsPlanned?: string; arrivesExpedited?: string };
};

const TYPE_LABEL: Record<Action["type"], string> = { reorder: "Reorder", transfer: "Transfer", expedite: "Expedite", investigate: "Investigate", price_change: "Price change" };
const PAGE_SIZE = 50;
const EXPORT_BATCH = 500;

function isActionType(value: string | null): value is Action["type"] {
  return value !== null && Object.hasOwn(TYPE_LABEL, value);
}

function EvidenceLine({ evidence, fmt }: { evidence: Evidence; fmt: Formatters }) {
  const f = evidence.forecast;
  const s = evidence.stock;
  return (
    <p className="text-xs text-slate-600">
      {f ? `Demand over ${f.protectionDays} days: P10–P90 ${fmt.count(f.protectionP10 ?? 0)}–${fmt.count(f.protectionP90 ?? 0)} units` : null}
      {s ? ` · on hand ${fmt.count(s.onHand ?? 0)}, on order ${fmt.count(s.onOrder ?? 0)}` : null}
      {evidence.leadTimeDays !== undefined ? ` · lead time ${evidence.leadTimeDays} d` : null}
      {evidence.serviceLevel?.target !== undefined ? ` · target ${fmt.percent(evidence.serviceLevel.target)} ${evidence.serviceLevel.measure === "fill_rate" ? "fill rate" : "cycle service"}` : null}
      {evidence.stockoutProbability !== undefined ? ` · stockout risk before delivery ${fmt.percent(evidence.stockoutProbability)}` : null}
      {evidence.expedite ? ` · shelf empty by ${evidence.expedite.projectedStockout}, order due ${evidence.expedite.arrivesAsPlanned}, rushed ${evidence.expedite.arrivesExpedited}` : null}
      {evidence.expectedUnitsSaved !== undefined ? ` · ${fmt.count(evidence.expectedUnitsSaved)} lost units avoided` : null}
    </p>
  );
}

/** The ranked list with accept / dismiss / snooze, and the draft order lines accepted reorders wrote. */
export function ActionCenter({ tenant, currency, locale, canDecide, inventoryHref }: { tenant: string; currency: string; locale: string; canDecide: boolean; inventoryHref: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fmt = useMemo(() => formatters(currency, locale), [currency, locale]);
  const router = useRouter();
  const pathname = usePathname();
  const searchParams = useSearchParams();
  // Page and type filter live in the URL so a link reopens the same slice of the ranked list.
  const rawType = searchParams.get("type");
  const type = isActionType(rawType) ? rawType : undefined;
  const page = Math.max(1, Math.floor(Number(searchParams.get("page")) || 1));
  const offset = (page - 1) * PAGE_SIZE;
  const list = useQuery(trpc.actions.list.queryOptions({ type, limit: PAGE_SIZE, offset }));
  const [exporting, setExporting] = useState(false);
  const navigate = (next: { type?: string; page?: number }) => {
    const params = new URLSearchParams(searchParams);
    if ("type" in next) {
      if (next.type) params.set("type", next.type);
      else params.delete("type");
    }
    if (next.page && next.page > 1) params.set("page", String(next.page));
    else params.delete("page");
    router.replace(`${pathname}?${params.toString()}`);
  };
  /** Every filtered action, not just this page: follows nextCursor in large batches. */
  const exportAll = async () => {
    setExporting(true);
    try {
      const rows: Action[] = [];
      let cursor: string | undefined;
      do {
        const batch = await queryClient.fetchQuery(trpc.actions.list.queryOptions({ type, limit: EXPORT_BATCH, cursor }));
        rows.push(...batch.actions);
        cursor = batch.nextCursor ?? undefined;
      } while (cursor);
      downloadCsv(
        "actions.csv",
        rows.map((a, i) => ({ rank: i + 1, type: a.type, title: a.title, store_id: a.storeId, store_name: a.storeName, item_id: a.itemId, to_store_id: a.toStoreId, quantity: a.quantity, value: a.value, due_date: a.dueDate })),
      );
    } finally {
      setExporting(false);
    }
  };
  const drafts = useQuery(trpc.actions.draftOrders.queryOptions());
  const decide = useMutation(
    trpc.actions.decide.mutationOptions({
      onSuccess: () => Promise.all([queryClient.invalidateQueries({ queryKey: trpc.actions.list.queryKey() }), queryClient.invalidateQueries({ queryKey: trpc.actions.draftOrders.queryKey() })]),
    }),
  );

  if (list.error) {
    return (
      <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
        Could not load the actions: {list.error.message}
      </p>
    );
  }
  if (!list.data) return <p className="text-sm text-slate-500">Computing today&apos;s actions…</p>;
  const { actions, total, totalValue } = list.data;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Type</span>
          <select className="rounded-md border border-slate-300 bg-white px-2 py-1" value={type ?? ""} onChange={(e) => navigate({ type: e.target.value, page: 1 })} data-testid="action-type-filter">
            <option value="">All types</option>
            {Object.entries(TYPE_LABEL).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <Button size="sm" variant="outline" disabled={exporting || total === 0} onClick={() => void exportAll()}>
          {exporting ? "Exporting…" : `Export all ${fmt.count(total)} as CSV`}
        </Button>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>Open actions</CardTitle>
          </CardHeader>
          <CardContent className="text-2xl font-semibold tabular-nums" data-testid="action-count">
            {fmt.count(total)}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>Expected value if all are taken</CardTitle>
          </CardHeader>
          <CardContent className="text-2xl font-semibold tabular-nums">{fmt.money(totalValue)}</CardContent>
        </Card>
      </div>

      {decide.error ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
          {decide.error.message}
        </p>
      ) : null}

      {actions.length === 0 ? (
        <Card>
          <CardContent className="p-8 text-center text-sm text-slate-500">
            Nothing to act on: no reorder, expedite or transfer is worth more than it costs today (or no model is in production yet). The <Link className="text-brand-accent-text underline" href={inventoryHref}>inventory page</Link> shows every item × store.
          </CardContent>
        </Card>
      ) : (
        <ol className="space-y-3" aria-label="Actions ranked by value">
          {actions.map((a, i) => (
            <li key={a.id} data-testid="action" data-action-id={a.id}>
              <Card>
                <CardContent className="flex flex-wrap items-start justify-between gap-4 p-4">
                  <div className="min-w-0 flex-1 space-y-1">
                    <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                      <span className="text-slate-500 tabular-nums">#{offset + i + 1}</span>
                      <Badge>{TYPE_LABEL[a.type]}</Badge>
                      <span data-testid="action-title">{a.title}</span>
                    </p>
                    <p className="text-xs text-slate-600">
                      Due {a.dueDate} ·{" "}
                      <Link href={storeHref(tenant, a.storeId)} className="underline">
                        {a.storeName}
                      </Link>{" "}
                      ·{" "}
                      <Link href={itemHref(tenant, a.itemId, a.toStoreId ?? a.storeId)} className="underline">
                        item {a.itemId}
                      </Link>{" "}
                      ·{" "}
                      {/* The evidence (and so the demand explained) is the receiving store's: the store itself for a reorder. */}
                      <Link
                        href={whyHref(tenant, { store: a.toStoreId ?? a.storeId, item: a.itemId, date: a.dueDate, days: Math.min(28, (a.evidence as Evidence).forecast?.protectionDays ?? 7) })}
                        className="text-brand-accent-text underline"
                        aria-label={`Why: ${a.title}?`}
                        data-testid="action-why"
                      >
                        why?
                      </Link>
                    </p>
                    <EvidenceLine evidence={a.evidence as Evidence} fmt={fmt} />
                  </div>
                  <div className="flex flex-col items-end gap-2">
                    <p className="text-lg font-semibold tabular-nums text-brand-accent-text" data-testid="action-value">
                      {fmt.price(a.value)}
                    </p>
                    {canDecide ? (
                      <div className="flex gap-2">
                        <Button size="sm" disabled={decide.isPending} onClick={() => decide.mutate({ id: a.id, decision: "accept" })} aria-label={`Accept: ${a.title}`}>
                          Accept
                        </Button>
                        <Button size="sm" variant="outline" disabled={decide.isPending} onClick={() => decide.mutate({ id: a.id, decision: "snooze", days: 7 })} aria-label={`Snooze for a week: ${a.title}`}>
                          Snooze 7 d
                        </Button>
                        <Button size="sm" variant="ghost" disabled={decide.isPending} onClick={() => decide.mutate({ id: a.id, decision: "dismiss" })} aria-label={`Dismiss: ${a.title}`}>
                          Dismiss
                        </Button>
                      </div>
                    ) : null}
                  </div>
                </CardContent>
              </Card>
            </li>
          ))}
        </ol>
      )}

      {pages > 1 ? (
        <nav aria-label="Action pages" className="flex items-center justify-between gap-3 text-sm">
          <Button size="sm" variant="outline" disabled={page <= 1} onClick={() => navigate({ page: page - 1 })}>
            Previous
          </Button>
          <span className="tabular-nums" data-testid="action-page">
            Page {fmt.count(page)} of {fmt.count(pages)}
          </span>
          <Button size="sm" variant="outline" disabled={page >= pages} onClick={() => navigate({ page: page + 1 })}>
            Next
          </Button>
        </nav>
      ) : null}

      <Card>
        <CardHeader className="flex-row items-center justify-between">
          <h2 className="text-base font-semibold">Draft purchase orders</h2>
          <Button
            size="sm"
            variant="outline"
            disabled={!drafts.data?.length}
            onClick={() =>
              downloadCsv(
                "draft-purchase-orders.csv",
                (drafts.data ?? []).map((d) => ({ store_id: d.storeId, item_id: d.itemId, item_name: d.itemName, quantity: d.quantity, order_date: d.orderDate, unit_cost: d.unitCost, status: d.status })),
              )
            }
          >
            Export CSV
          </Button>
        </CardHeader>
        <CardContent>
          {drafts.data?.length ? (
            <table className="w-full text-sm">
              <thead className="text-left text-xs text-slate-600">
                <tr>
                  <th className="py-1 font-medium">Store</th>
                  <th className="py-1 font-medium">Item</th>
                  <th className="py-1 text-right font-medium">Quantity</th>
                  <th className="py-1 font-medium">Order date</th>
                </tr>
              </thead>
              <tbody>
                {drafts.data.map((d) => (
                  <tr key={d.id} className="border-t border-slate-100" data-testid="draft-line">
                    <td className="py-1">{d.storeId}</td>
                    <td className="py-1">{d.itemName}</td>
                    <td className="py-1 text-right tabular-nums">{fmt.count(d.quantity)}</td>
                    <td className="py-1">{d.orderDate}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          ) : (
            <p className="text-sm text-slate-500">Accepted reorders appear here as draft lines to export.</p>
          )}
        </CardContent>
      </Card>
    </div>
  );
}
