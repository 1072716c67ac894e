"use client";

import { useQuery } from "@tanstack/react-query";
import type { inferRouterOutputs } from "@trpc/server";
import { useMemo } from "react";
import { Card, CardContent, CardHeader } from "@/app/_components/ui/card";
import { useTRPC } from "@/app/_trpc/client";
import type { AppRouter } from "@/server/api/root";
import { formatters } from "../../dashboard/_components/format";
import type { Formatters } from "../../dashboard/_components/format";

type Fva = inferRouterOutputs<AppRouter>["inventory"]["forecastValueAdded"];
type Group = Fva["byUser"][number];

function GroupTable({ caption, heading, rows, fmt }: { caption: string; heading: string; rows: Group[]; fmt: Formatters }) {
  const pctOrDash = (v: number | null) => (v === null ? "—" : fmt.percent(v));
  return (
    <table className="w-full text-sm">
      <caption className="py-2 text-left text-xs text-slate-600">{caption}</caption>
      <thead className="text-left text-xs text-slate-600">
        <tr>
          {[heading, "Overrides", "Days scored", "MAE model", "MAE override", "WAPE model", "WAPE override", "Value added"].map((h, i) => (
            <th key={h} scope="col" className={`py-1 font-medium ${i > 0 ? "text-right" : ""}`}>
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key} className="border-t border-slate-100" data-testid="fva-row">
            <th scope="row" className="py-1 text-left font-normal">
              {r.key}
            </th>
            <td className="py-1 text-right tabular-nums">{fmt.count(r.overrides)}</td>
            <td className="py-1 text-right tabular-nums">{fmt.count(r.points)}</td>
            <td className="py-1 text-right tabular-nums">{r.maeModel.toFixed(2)}</td>
            <td className="py-1 text-right tabular-nums">{r.maeOverride.toFixed(2)}</td>
            <td className="py-1 text-right tabular-nums">{pctOrDash(r.wapeModel)}</td>
            <td className="py-1 text-right tabular-nums">{pctOrDash(r.wapeOverride)}</td>
            <td className={`py-1 text-right font-medium tabular-nums ${r.valueAdded !== null && r.valueAdded < 0 ? "text-red-700" : ""}`}>{r.valueAdded === null ? "—" : fmt.signedPercent(r.valueAdded)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Whether analysts' forecast overrides beat the model, once the days they covered have sold. */
export function ForecastValueAdded({ currency, locale }: { currency: string; locale: string }) {
  const trpc = useTRPC();
  const fmt = useMemo(() => formatters(currency, locale), [currency, locale]);
  const fva = useQuery(trpc.inventory.forecastValueAdded.queryOptions());
  return (
    <Card>
      <CardHeader>
        <h2 className="text-base font-semibold">Forecast overrides: value added</h2>
        <p className="text-sm text-slate-600">
          Each override scored on the days it covered that have sold since (stocked-out days left out): the model&apos;s point forecast against the overridden one, both against units sold. Value added is 1 − MAE(override) / MAE(model): above zero, overriding helped.
        </p>
      </CardHeader>
      <CardContent data-testid="fva">
        {fva.error ? (
          <p role="alert" className="text-sm text-red-700">
            Could not load forecast value added: {fva.error.message}
          </p>
        ) : !fva.data ? (
          <p className="text-sm text-slate-600">Scoring overrides…</p>
        ) : fva.data.overall.points === 0 ? (
          <p className="text-sm text-slate-600">
            {fva.data.pending > 0
              ? `No override has matured yet: none of the days the ${fmt.count(fva.data.pending)} override${fva.data.pending === 1 ? "" : "s"} cover has sold. They are scored once sales for those days are imported.`
              : "No forecast has been overridden, so there is nothing to score yet."}
          </p>
        ) : (
          <div className="space-y-4 overflow-x-auto">
            <p className="text-sm">
              Overall: {fmt.count(fva.data.overall.points)} item × store days from {fmt.count(fva.data.overall.overrides)} override{fva.data.overall.overrides === 1 ? "" : "s"}, value added{" "}
              <strong>{fva.data.overall.valueAdded === null ? "—" : fmt.signedPercent(fva.data.overall.valueAdded)}</strong>
              {fva.data.pending > 0 ? ` (${fmt.count(fva.data.pending)} more not yet sold)` : ""}.
            </p>
            <GroupTable caption="By who overrode" heading="User" rows={fva.data.byUser} fmt={fmt} />
            <GroupTable caption="By category" heading="Category" rows={fva.data.byCategory} fmt={fmt} />
          </div>
        )}
      </CardContent>
    </Card>
  );
}
