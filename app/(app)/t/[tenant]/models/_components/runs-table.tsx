import { formatSeconds } from "./format-time";
import type { TrainingRunRow } from "./model-types";
import { ProgressBar } from "@/app/_components/ui/progress-bar";
import { RunStatusBadge } from "./status-badges";

export function RunsTable({ runs, formatTime }: { runs: TrainingRunRow[]; formatTime: (d: Date | null) => string }) {
  return (
    <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Training runs">
      <table className="w-full text-sm [&_td]:px-1.5 [&_th]:px-1.5" data-testid="training-runs">
        <thead className="text-left text-xs text-slate-500">
          <tr>
            <th className="pb-2 font-medium">Status</th>
            <th className="pb-2 font-medium">Progress</th>
            <th className="pb-2 font-medium">Message</th>
            <th className="pb-2 font-medium">Started</th>
            <th className="pb-2 font-medium">Finished</th>
          </tr>
        </thead>
        <tbody>
          {runs.map((r) => (
            <tr key={r.id} className="border-t border-slate-100">
              <td className="py-2">
                <RunStatusBadge status={r.status} />
              </td>
              <td className="py-2">
                <div className="flex items-center gap-2 whitespace-nowrap">
                  <ProgressBar value={r.progress} label="Run progress" className="w-24" />
                  <span className="tabular-nums text-xs text-slate-500">{Math.round(r.progress * 100)}%</span>
                </div>
              </td>
              <td className={r.status === "failed" ? "py-2 text-red-700" : "py-2 text-slate-700"}>{r.message ?? "—"}</td>
              <td className="py-2 whitespace-nowrap text-slate-600">{formatTime(r.startedAt)}</td>
              <td className="py-2 whitespace-nowrap text-slate-600">
                {formatTime(r.finishedAt)}
                {r.finishedAt ? <span className="text-xs text-slate-500"> ({formatSeconds((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000)})</span> : null}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
