import { Card, CardContent, CardHeader, CardTitle } from "@/app/_components/ui/card";
import { cn } from "@/app/_components/ui/cn";
import type { SalesSummary } from "@/server/services/sales/sales-summary";
import type { Formatters } from "./format";

type Kpis = NonNullable<SalesSummary["kpis"]>;

function Change({ now, before, fmt }: { now: number | null; before: number | null | undefined; fmt: Formatters }) {
  if (now === null || before === null || before === undefined || before === 0) return null;
  const change = (now - before) / Math.abs(before);
  return (
    <span className={cn("text-xs font-medium", change >= 0 ? "text-emerald-700" : "text-red-700")}>
      {change >= 0 ? "▲" : "▼"} {fmt.percent(Math.abs(change))} vs previous period
    </span>
  );
}

export function KpiCards({ kpis, previous, fmt }: { kpis: Kpis; previous: Kpis | null; fmt: Formatters }) {
  const cards = [
    { label: "Revenue", value: fmt.money(kpis.revenue), now: kpis.revenue, before: previous?.revenue },
    { label: "Units sold", value: fmt.count(kpis.units), now: kpis.units, before: previous?.units },
    { label: "Average price", value: kpis.averagePrice === null ? "—" : fmt.price(kpis.averagePrice), now: kpis.averagePrice, before: previous?.averagePrice },
    {
      label: "Gross margin",
      value: fmt.money(kpis.grossMargin),
      note: kpis.grossMarginPct === null ? undefined : `${fmt.percent(kpis.grossMarginPct)} of revenue`,
      now: kpis.grossMargin,
      before: previous?.grossMargin,
    },
  ];
  return (
    <div className="grid gap-4 sm:grid-cols-2 xl:grid-cols-4">
      {cards.map((c) => (
        <Card key={c.label} data-testid="kpi-card">
          <CardHeader>
            <CardTitle>{c.label}</CardTitle>
          </CardHeader>
          <CardContent className="space-y-1">
            <p className="text-2xl font-semibold tabular-nums" data-testid="kpi-value">
              {c.value}
            </p>
            {c.note ? <p className="text-xs text-slate-500">{c.note}</p> : null}
            <Change now={c.now} before={c.before} fmt={fmt} />
          </CardContent>
        </Card>
      ))}
    </div>
  );
}
