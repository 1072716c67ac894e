"use client";

import { useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { useTRPC } from "@/app/_trpc/client";

type LiveAlert = { id: string; kind: string; severity: string; reason: string; storeName: string | null; itemName: string | null; date: string };

const KIND_LABEL: Record<string, string> = { spike: "Sales spike", drop: "Sales drop", stock_discrepancy: "Stock discrepancy", price_error: "Price error", model: "Model" };
/** Newest toasts shown at once; older ones stay in the Alerts list. */
const SHOWN = 3;
const TOAST_MS = 15_000;

/**
 * Listens to the tenant's alert stream (SSE; EventSource reconnects by itself) and shows each new
 * alert as a toast in a polite live region, so screen readers announce it without stealing focus,
 * and refreshes every alert list on the page.
 */
export function LiveAlerts({ tenant }: { tenant: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [toasts, setToasts] = useState<LiveAlert[]>([]);

  useEffect(() => {
    const source = new EventSource(`/api/alerts/stream?tenant=${encodeURIComponent(tenant)}`);
    const timers = new Set<ReturnType<typeof setTimeout>>();
    source.addEventListener("alert", (event) => {
      const alert = JSON.parse((event as MessageEvent<string>).data) as LiveAlert;
      setToasts((current) => [alert, ...current.filter((t) => t.id !== alert.id)].slice(0, SHOWN));
      const timer = setTimeout(() => {
        timers.delete(timer);
        setToasts((current) => current.filter((t) => t.id !== alert.id));
      }, TOAST_MS);
      timers.add(timer);
      void queryClient.invalidateQueries({ queryKey: trpc.alerts.list.queryKey() });
    });
    return () => {
      source.close();
      for (const timer of timers) clearTimeout(timer);
    };
  }, [tenant, queryClient, trpc]);

  return (
    <div aria-live="polite" aria-atomic="false" className="pointer-events-none fixed bottom-4 right-4 z-50 flex w-80 flex-col gap-2" data-testid="live-alerts">
      {toasts.map((t) => (
        <div key={t.id} role="status" className="pointer-events-auto rounded-md border border-slate-200 bg-white p-3 text-sm shadow-lg" data-testid="alert-toast">
          <p className="font-semibold text-slate-900">
            {KIND_LABEL[t.kind] ?? t.kind} · {t.severity}
          </p>
          <p className="text-slate-700">{[t.itemName, t.storeName, t.date].filter(Boolean).join(" · ")}</p>
          <p className="text-slate-700">{t.reason}</p>
          <div className="mt-1 flex justify-between">
            <Link href={`/t/${tenant}/alerts`} className="text-brand-text underline">
              All alerts
            </Link>
            <button type="button" className="text-slate-600 underline" onClick={() => setToasts((current) => current.filter((x) => x.id !== t.id))} aria-label={`Dismiss: ${t.reason}`}>
              Dismiss
            </button>
          </div>
        </div>
      ))}
    </div>
  );
}
