/** One limit: what is used against the plan's cap, with a warning from 80 % on. */
export function UsageMeter({ label, used, limit, unit }: { label: string; used: number | null; limit: number | null; unit: string }) {
  const share = used !== null && limit ? Math.min(1, used / limit) : 0;
  const tone = share >= 1 ? "bg-red-600" : share >= 0.8 ? "bg-amber-500" : "bg-brand";
  return (
    <li className="space-y-1">
      <div className="flex justify-between gap-2 text-sm">
        <span className="font-medium first-letter:uppercase">{label}</span>
        <span className="text-slate-600">
          {used === null
            ? `limit ${limit?.toLocaleString("en-US") ?? "-"}, checked at import`
            : `${used.toLocaleString("en-US")}${limit !== null ? ` of ${limit.toLocaleString("en-US")}` : ""} ${unit}${limit === null ? " (metered, no cap)" : ""}`}
        </span>
      </div>
      {limit !== null && used !== null ? (
        <div role="meter" aria-label={label} aria-valuemin={0} aria-valuemax={limit} aria-valuenow={used} className="h-2 overflow-hidden rounded bg-slate-200">
          <div className={`h-full ${tone}`} style={{ width: `${share * 100}%` }} />
        </div>
      ) : null}
      {share >= 0.8 ? <p className="text-xs text-red-700">{share >= 1 ? "Limit reached: further use is refused until the plan changes or the month ends." : "Over 80 % used."}</p> : null}
    </li>
  );
}
