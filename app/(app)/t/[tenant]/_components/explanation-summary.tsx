import Link from "next/link";
import { Card, CardContent, CardHeader } from "@/app/_components/ui/card";
import type { Explanation } from "@/server/api/routers/explain.types";
import { WaterfallChart } from "../forecasts/why/_components/waterfall-chart";
import type { Expected } from "../_lib/expected";

/**
 * The explanation of a forecast as the item and store pages show it: the sentences, the waterfall
 * of drivers and the drivers ranked, with links to the full "why?" page and its PDF report.
 */
export function ExplanationSummary({ result, title, whyHref, reportHref }: { result: Expected<Explanation>; title: string; whyHref: string; reportHref: string }) {
  if ("error" in result) {
    return (
      <Card role="status">
        <CardHeader>
          <h2 className="text-base font-semibold">{title}</h2>
        </CardHeader>
        <CardContent className="text-sm text-slate-600">{result.error}</CardContent>
      </Card>
    );
  }
  const e = result.data;
  const units = new Intl.NumberFormat(e.locale, { maximumFractionDigits: 1 });
  const drivers = [...e.groups].filter((g) => Math.abs(g.value) > 0).sort((a, b) => Math.abs(b.value) - Math.abs(a.value));
  return (
    <Card>
      <CardHeader>
        <h2 className="text-base font-semibold">{title}</h2>
        <p className="text-xs text-slate-600">
          {e.scope.period}: {units.format(e.forecast)} units (P10–P90 {units.format(e.p10)}–{units.format(e.p90)}), model v{e.modelVersion.version}
        </p>
      </CardHeader>
      <CardContent className="space-y-4">
        <div className="space-y-2" data-testid="sentences">
          {e.sentences.map((s) => (
            <p key={s} className="text-sm leading-relaxed">
              {s}
            </p>
          ))}
        </div>
        <WaterfallChart steps={e.waterfall.filter((s) => s.kind !== "driver" || Math.abs(s.value) > 0)} format={(v) => units.format(v)} title={`Waterfall of drivers from base value to forecast, ${e.scope.period}`} />
        <table className="w-full text-sm" data-testid="drivers">
          <caption className="sr-only">Drivers of the forecast, strongest first</caption>
          <thead className="text-left text-xs text-slate-600">
            <tr>
              <th scope="col" className="pb-1 font-medium">
                Driver
              </th>
              <th scope="col" className="pb-1 text-right font-medium">
                Effect (units)
              </th>
            </tr>
          </thead>
          <tbody>
            {drivers.map((g) => (
              <tr key={g.group} className="border-t border-slate-100">
                <td className="py-1">{g.label}</td>
                <td className="py-1 text-right tabular-nums">
                  {g.value >= 0 ? "+" : "−"}
                  {units.format(Math.abs(g.value))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <p className="flex flex-wrap gap-4 text-sm">
          <Link href={whyHref} className="text-brand-text underline" data-testid="why-link">
            Why? The full explanation
          </Link>
          <a href={reportHref} className="text-brand-text underline" data-testid="download-report">
            PDF report
          </a>
        </p>
      </CardContent>
    </Card>
  );
}
