"use client";

import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import Link from "next/link";
import { useMemo, useState } from "react";
import { Badge } from "@/app/_components/ui/badge";
import { Button } from "@/app/_components/ui/button";
import { Card, CardContent } from "@/app/_components/ui/card";
import { Label, Select } from "@/app/_components/ui/input";
import { useTRPC } from "@/app/_trpc/client";
import type { AppRouter } from "@/server/api/root";
import { itemHref, storeHref } from "../../_lib/links";
import { formatters } from "../../dashboard/_components/format";

type AlertList = inferRouterOutputs<AppRouter>["alerts"]["list"];
type Status = AlertList["alerts"][number]["status"] | undefined;
type Severity = AlertList["alerts"][number]["severity"];

const KIND_LABEL: Record<AlertList["alerts"][number]["kind"], string> = { spike: "Spike", drop: "Drop", stock_discrepancy: "Stock discrepancy", price_error: "Price error", model: "Model" };
const SEVERITY_CLASS: Record<Severity, string> = { high: "bg-red-100 text-red-800", medium: "bg-amber-100 text-amber-900", low: "bg-slate-100 text-slate-700" };
const PAGE_SIZE = 25;

/** The tenant's alerts, newest first, with status and severity filters and acknowledge / mute. */
export function AlertList({ tenant, currency, locale, canDecide }: { tenant: string; currency: string; locale: string; canDecide: boolean }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const fmt = useMemo(() => formatters(currency, locale), [currency, locale]);
  const [status, setStatus] = useState<Status>("open");
  const [severity, setSeverity] = useState<Severity | undefined>(undefined);
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const list = useQuery(trpc.alerts.list.queryOptions({ status, severity, limit: PAGE_SIZE, cursor }));
  const decide = useMutation(trpc.alerts.decide.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.alerts.list.queryKey() }) }));

  return (
    <section aria-labelledby="alert-list-heading" className="space-y-4">
      <div className="flex flex-wrap items-end gap-4">
        <h2 id="alert-list-heading" className="mr-auto text-lg font-semibold">
          {list.data ? `${fmt.count(list.data.total)} ${status ?? "all"} alert${list.data.total === 1 ? "" : "s"}` : "Alerts"}
        </h2>
        <div>
          <Label htmlFor="alert-status">Status</Label>
          <Select id="alert-status" value={status ?? ""} onChange={(e) => { setStatus((e.target.value || undefined) as Status); setCursors([]); }}>
            <option value="open">Open</option>
            <option value="acknowledged">Acknowledged</option>
            <option value="muted">Muted</option>
            <option value="">All</option>
          </Select>
        </div>
        <div>
          <Label htmlFor="alert-severity">Severity</Label>
          <Select id="alert-severity" value={severity ?? ""} onChange={(e) => { setSeverity((e.target.value || undefined) as Severity | undefined); setCursors([]); }}>
            <option value="">Any</option>
            <option value="high">High</option>
            <option value="medium">Medium</option>
            <option value="low">Low</option>
          </Select>
        </div>
      </div>
      {list.error ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
          Could not load the alerts: {list.error.message}
        </p>
      ) : null}
      {decide.error ? (
        <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
          {decide.error.message}
        </p>
      ) : null}
      {!list.data ? (
        <p className="text-sm text-slate-600">Loading alerts…</p>
      ) : list.data.alerts.length === 0 ? (
        <Card>
          <CardContent className="p-8 text-center text-sm text-slate-600">No alerts here. Sales arriving through the API or a CSV import are checked as they come in.</CardContent>
        </Card>
      ) : (
        <ul className="space-y-3" aria-label="Alerts, newest first">
          {list.data.alerts.map((a) => (
            <li key={a.id} data-testid="alert" data-alert-id={a.id}>
              <Card>
                <CardContent className="flex flex-wrap items-start justify-between gap-4 p-4">
                  <div className="min-w-0 flex-1 space-y-1">
                    <p className="flex flex-wrap items-center gap-2 text-sm font-medium">
                      <Badge>{KIND_LABEL[a.kind]}</Badge>
                      <Badge className={SEVERITY_CLASS[a.severity]}>{a.severity}</Badge>
                      <span>{a.date}</span>
                      {a.status !== "open" ? <span className="text-slate-600">({a.status})</span> : null}
                    </p>
                    <p className="text-sm" data-testid="alert-reason">{a.reason}</p>
                    {a.storeId && a.itemId ? (
                      <p className="text-xs text-slate-600">
                        <Link href={itemHref(tenant, a.itemId, a.storeId)} className="underline">
                          {a.itemName ?? `item ${a.itemId}`}
                        </Link>{" "}
                        at{" "}
                        <Link href={storeHref(tenant, a.storeId)} className="underline">
                          {a.storeName ?? a.storeId}
                        </Link>
                      </p>
                    ) : null}
                  </div>
                  <div className="flex flex-col items-end gap-2">
                    {a.value !== null ? <p className="font-semibold tabular-nums text-brand-accent-text" title="Money at stake">{fmt.price(a.value)}</p> : null}
                    {canDecide ? (
                      <div className="flex gap-2">
                        {a.status !== "acknowledged" ? (
                          <Button size="sm" variant="outline" disabled={decide.isPending} onClick={() => decide.mutate({ id: a.id, status: "acknowledged" })} aria-label={`Acknowledge: ${a.reason}`}>
                            Acknowledge
                          </Button>
                        ) : null}
                        {a.status !== "muted" ? (
                          <Button size="sm" variant="outline" disabled={decide.isPending} onClick={() => decide.mutate({ id: a.id, status: "muted" })} aria-label={`Mute: ${a.reason}`}>
                            Mute
                          </Button>
                        ) : (
                          <Button size="sm" variant="outline" disabled={decide.isPending} onClick={() => decide.mutate({ id: a.id, status: "open" })} aria-label={`Reopen: ${a.reason}`}>
                            Reopen
                          </Button>
                        )}
                      </div>
                    ) : null}
                  </div>
                </CardContent>
              </Card>
            </li>
          ))}
        </ul>
      )}
      <div className="flex gap-2">
        {cursors.length > 0 ? (
          <Button size="sm" variant="outline" onClick={() => setCursors((c) => c.slice(0, -1))}>
            Newer
          </Button>
        ) : null}
        {list.data?.nextCursor ? (
          <Button size="sm" variant="outline" onClick={() => setCursors((c) => [...c, list.data!.nextCursor!])}>
            Older
          </Button>
        ) : null}
      </div>
    </section>
  );
}
