"use client";

import { skipToken, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from "recharts";
import { legendText } from "@/app/_components/chart-legend";
import { useTRPC } from "@/app/_trpc/client";
import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { Input, Label } from "@/app/_components/ui/input";
import type { MarkdownPlanResult } from "@/server/api/routers/pricing.types";

const money = (v: number) => v.toFixed(2);
const pct = (v: number) => `${Math.round(v * 100)}%`;
const DEFAULT_SEASON_DAYS = 83; // 12 weeks including the first day

function addDays(iso: string, days: number): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

function Outcomes({ plan }: { plan: MarkdownPlanResult }) {
  if (!plan.plan || !plan.fixed) return null;
  const rows: [string, (o: NonNullable<MarkdownPlanResult["plan"]>) => string][] = [
    ["Expected units sold", (o) => o.units.toFixed(1)],
    ["Revenue", (o) => money(o.revenue)],
    ["Left at sell-by", (o) => o.leftover.toFixed(1)],
    ["Salvage", (o) => money(o.salvage)],
    ["Margin (revenue + salvage − cost of the stock)", (o) => money(o.margin)],
  ];
  return (
    <table className="w-full text-sm" data-testid="markdown-outcomes">
      <caption className="sr-only">Expected outcome of the markdown plan and of the fixed schedule</caption>
      <thead>
        <tr className="border-b border-slate-200 text-left">
          <th scope="col" className="py-1 font-medium">Expected</th>
          <th scope="col" className="py-1 text-right font-medium">Plan</th>
          <th scope="col" className="py-1 text-right font-medium">Fixed −30%/−50%</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label} className="border-b border-slate-100">
            <th scope="row" className="py-1 text-left font-normal">{label}</th>
            <td className="py-1 text-right tabular-nums">{value(plan.plan!)}</td>
            <td className="py-1 text-right tabular-nums">{value(plan.fixed!)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function LadderChart({ plan }: { plan: MarkdownPlanResult }) {
  const data = plan.ladder.map((w, k) => ({ week: w.weekStart, plan: w.price, fixed: plan.fixed!.ladder[k]!.price }));
  return (
    <div className="h-56" data-testid="markdown-chart">
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" stroke="#e2e8f0" />
          <XAxis dataKey="week" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 12 }} width={56} tickFormatter={money} domain={[0, "dataMax"]} />
          <Tooltip formatter={(v) => money(Number(v))} />
          <Legend formatter={legendText} verticalAlign="top" />
          <Line type="stepAfter" dataKey="plan" name="Plan price" stroke="var(--color-brand)" strokeWidth={2} dot={false} isAnimationActive={false} />
          <Line type="stepAfter" dataKey="fixed" name="Fixed schedule price" stroke="#475569" strokeDasharray="5 4" strokeWidth={2} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}

/** The markdown ladder for one item × store until a sell-by date, beside the fixed −30%/−50% schedule. */
export function MarkdownPanel({ storeId, itemId, trainedTo }: { storeId: string; itemId: string; trainedTo: string }) {
  const trpc = useTRPC();
  const [stock, setStock] = useState("");
  const [sellBy, setSellBy] = useState(addDays(trainedTo, 1 + DEFAULT_SEASON_DAYS));
  const stockValue = stock.trim() === "" ? undefined : Number(stock);
  const valid = /^\d{4}-\d{2}-\d{2}$/.test(sellBy) && (stockValue === undefined || (Number.isInteger(stockValue) && stockValue >= 0));
  const plan = useQuery(trpc.pricing.markdown.queryOptions(valid ? { store: storeId, item: itemId, sellBy, stock: stockValue } : skipToken));
  const p = plan.data;
  return (
    <Card>
      <CardHeader>
        <CardTitle>Markdown plan</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="flex flex-wrap items-end gap-4">
          <div className="w-40 space-y-1">
            <Label htmlFor="markdown-stock">Stock on hand</Label>
            <Input id="markdown-stock" type="number" min={0} step={1} placeholder="latest count" value={stock} onChange={(e) => setStock(e.target.value)} />
          </div>
          <div className="w-44 space-y-1">
            <Label htmlFor="markdown-sell-by">Sell-by date</Label>
            <Input id="markdown-sell-by" type="date" value={sellBy} onChange={(e) => setSellBy(e.target.value)} />
          </div>
          {p ? (
            <p className="pb-2 text-sm text-slate-600">
              {p.stock} units ({p.stockSource === "inventory" ? "latest stock count" : "as entered"}) at {money(p.currentPrice)}, {p.weeks} weeks from {p.start}
            </p>
          ) : null}
        </div>
        {!valid ? (
          <p role="alert" className="text-sm text-red-700">Enter a sell-by date and a whole number of units (or leave stock empty for the latest count).</p>
        ) : plan.error ? (
          <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-700">
            Could not plan the markdown: {plan.error.message}
          </p>
        ) : !p ? (
          <p className="text-sm text-slate-600">Planning the markdown…</p>
        ) : p.reason ? (
          <p role="status" className="text-sm">{p.reason}</p>
        ) : (
          <div className="grid gap-6 lg:grid-cols-2">
            <div className="space-y-3">
              <LadderChart plan={p} />
              <Outcomes plan={p} />
            </div>
            <table className="w-full text-sm" data-testid="markdown-ladder">
              <caption className="sr-only">Markdown ladder week by week</caption>
              <thead>
                <tr className="border-b border-slate-200 text-left">
                  <th scope="col" className="py-1 font-medium">Week of</th>
                  <th scope="col" className="py-1 text-right font-medium">Weeks left</th>
                  <th scope="col" className="py-1 text-right font-medium">Discount</th>
                  <th scope="col" className="py-1 text-right font-medium">Price</th>
                  <th scope="col" className="py-1 text-right font-medium">Expected units</th>
                  <th scope="col" className="py-1 text-right font-medium">Fixed</th>
                </tr>
              </thead>
              <tbody>
                {p.ladder.map((w, k) => (
                  <tr key={w.week} className="border-b border-slate-100">
                    <td className="py-1 tabular-nums">{w.weekStart}</td>
                    <td className="py-1 text-right tabular-nums">{w.weeksLeft}</td>
                    <td className="py-1 text-right tabular-nums">
                      {pct(w.discount)}
                      {w.extrapolated ? <span title="below every price the item sold at: the model extrapolates"> *</span> : null}
                    </td>
                    <td className="py-1 text-right tabular-nums">{money(w.price)}</td>
                    <td className="py-1 text-right tabular-nums">{w.units.toFixed(1)}</td>
                    <td className="py-1 text-right tabular-nums">{pct(p.fixed!.ladder[k]!.discount)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {p ? (
          <div className="space-y-1 text-xs text-slate-600">
            <p>
              Ladder {p.settings.ladder.map(pct).join(", ")}; every step runs at least {p.settings.minWeeksPerStep} week{p.settings.minWeeksPerStep === 1 ? "" : "s"}; prices only go down; what is left at the sell-by date is salvaged at {pct(p.settings.salvageRate)} of unit cost
              {p.settings.salvagePerUnit !== null ? ` (${money(p.settings.salvagePerUnit)} a unit)` : ""}. Expected units follow the plan re-decided each week from the stock left. * = extrapolated price.
            </p>
            {p.notes.map((n) => (
              <p key={n}>{n}</p>
            ))}
          </div>
        ) : null}
      </CardContent>
    </Card>
  );
}
