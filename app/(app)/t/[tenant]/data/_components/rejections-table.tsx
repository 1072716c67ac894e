import type { ImportRejection } from "@/drizzle/schema";

const SHOWN = 50;

/** The first rejected rows with line, column, value and reason; the download has them all. */
export function RejectionsTable({ rejections, total }: { rejections: readonly ImportRejection[]; total: number }) {
  if (rejections.length === 0) return null;
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Rejected rows">
      <table className="w-full text-left text-sm">
        <caption className="mb-1 text-left text-xs text-slate-600">
          {total.toLocaleString("en")} rejected row{total === 1 ? "" : "s"}
          {rejections.length > SHOWN ? `; the first ${SHOWN} are shown here` : ""}
          {total > rejections.length ? ` (the report keeps the first ${rejections.length.toLocaleString("en")} reasons)` : ""}.
        </caption>
        <thead className="border-b border-slate-200 text-xs uppercase text-slate-600">
          <tr>
            <th className="py-1 pr-3">Line</th>
            <th className="py-1 pr-3">Column</th>
            <th className="py-1 pr-3">Value</th>
            <th className="py-1">Reason</th>
          </tr>
        </thead>
        <tbody>
          {rejections.slice(0, SHOWN).map((r, i) => (
            <tr key={`${r.line}-${r.column}-${i}`} className="border-b border-slate-100">
              <td className="py-1 pr-3 tabular-nums">{r.line}</td>
              <td className="py-1 pr-3 font-mono text-xs">{r.column ?? "row"}</td>
              <td className="max-w-48 truncate py-1 pr-3 font-mono text-xs">{r.value ?? ""}</td>
              <td className="py-1">{r.reason}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
