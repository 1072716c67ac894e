import Link from "next/link";
import type { PointSource, SeriesForecast } from "./series-types";

const dayLabel = new Intl.DateTimeFormat("en-GB", { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" });
const units = (v: number) => v.toFixed(1);

export function ForecastDaysTable({ forecast, source, whyHref }: { forecast: SeriesForecast["forecast"]; source: PointSource; whyHref: (date: string) => string }) {
  return (
    // Focusable so keyboard users can scroll the 28 days (WCAG: scrollable regions need keyboard access).
    <div className="max-h-[28rem] overflow-auto" tabIndex={0} role="region" aria-label="Forecast by day">
      <table className="w-full text-sm" data-testid="forecast-days">
        <thead className="sticky top-0 bg-white text-left text-xs text-slate-500">
          <tr>
            <th className="pb-2 font-medium">Day</th>
            <th className="pb-2 text-right font-medium">{source === "mean" ? "Mean (point)" : "P50 (point, no mean)"}</th>
            <th className="pb-2 text-right font-medium">P10</th>
            {source === "mean" ? <th className="pb-2 text-right font-medium">P50 (median)</th> : null}
            <th className="pb-2 text-right font-medium">P90</th>
            <th className="pb-2 text-right font-medium">
              <span className="sr-only">Explanation</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {forecast.map((f) => (
            <tr key={f.date} className="border-t border-slate-100">
              <td className="py-1.5">
                <time dateTime={f.date}>{dayLabel.format(Date.parse(`${f.date}T00:00:00Z`))}</time>
              </td>
              <td className="py-1.5 text-right font-medium tabular-nums">{units(f.point)}</td>
              <td className="py-1.5 text-right tabular-nums text-slate-500">{units(f.p10)}</td>
              {source === "mean" ? <td className="py-1.5 text-right tabular-nums text-slate-500">{units(f.p50)}</td> : null}
              <td className="py-1.5 text-right tabular-nums text-slate-500">{units(f.p90)}</td>
              <td className="py-1.5 pl-2 text-right">
                <Link href={whyHref(f.date)} className="text-brand-text underline" aria-label={`Why ${units(f.p50)} units on ${f.date} (the median)?`}>
                  why?
                </Link>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
