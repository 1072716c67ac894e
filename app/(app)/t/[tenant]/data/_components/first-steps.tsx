"use client";

import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import type { ReactNode } from "react";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { useTRPC } from "@/app/_trpc/client";

/** The path from an empty workspace to forecasts, each step ticked off from what the workspace holds. */
export function FirstSteps({ tenant }: { tenant: string }) {
  const trpc = useTRPC();
  const overview = useQuery(trpc.ingest.overview.queryOptions());
  const o = overview.data;
  if (!o) return null;
  const steps: { done: boolean; label: string; detail: ReactNode }[] = [
    { done: o.stores > 0, label: "Import your stores", detail: o.stores > 0 ? `${o.stores.toLocaleString("en")} stores` : "source “Stores”: store_id, and optionally name, region, city, format" },
    { done: o.items > 0, label: "Import your catalog", detail: o.items > 0 ? `${o.items.toLocaleString("en")} items` : "source “Catalog”: item_id, category, unit_cost, base_price" },
    { done: o.sales !== null, label: "Import your sales history", detail: o.sales ? `${o.sales.first} → ${o.sales.last}` : "source “Sales”: date, store_id, item_id, units (a year or more helps the model)" },
    {
      done: o.productionModel,
      label: "Train your first model",
      detail: o.productionModel ? "a production model forecasts every series" : <Link href={`/t/${tenant}/models`} className="font-medium text-brand-text underline">Retrain on the Models page (admins), with live progress</Link>,
    },
    { done: o.productionModel, label: "See your forecasts", detail: <Link href={`/t/${tenant}/forecasts`} className="font-medium text-brand-text underline">Forecasts page</Link> },
  ];
  const next = steps.findIndex((s) => !s.done);
  return (
    <Card>
      <CardHeader>
        <CardTitle>{next === -1 ? "Your data" : "First steps"}</CardTitle>
      </CardHeader>
      <CardContent>
        <ol className="space-y-1 text-sm">
          {steps.map((s, i) => (
            <li key={s.label} className="flex gap-2" aria-current={i === next ? "step" : undefined}>
              <span aria-hidden="true" className={s.done ? "text-green-700" : "text-slate-500"}>
                {s.done ? "✓" : `${i + 1}.`}
              </span>
              <span className={i === next ? "font-semibold" : undefined}>{s.label}</span>
              <span className="text-slate-600">
                {s.done ? "— done: " : "— "}
                {s.detail}
              </span>
            </li>
          ))}
        </ol>
      </CardContent>
    </Card>
  );
}
