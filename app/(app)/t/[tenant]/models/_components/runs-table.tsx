import { DataTable } from "@/app/_components/ui/data-table";
import { ProgressBar } from "@/app/_components/ui/progress-bar";
import { formatSeconds } from "./format-time";
import type { TrainingRunRow } from "./model-types";
import { RunStatusBadge } from "./status-badges";

export function RunsTable({ runs, formatTime }: { runs: TrainingRunRow[]; formatTime: (d: Date | null) => string }) {
  return (
    <DataTable
      label="Training runs"
      testId="training-runs"
      rows={runs}
      rowKey={(r) => r.id}
      columns={[
        { header: "Status", cell: (r) => <RunStatusBadge status={r.status} /> },
        {
          header: "Progress",
          cell: (r) => (
            <div className="flex items-center gap-2 whitespace-nowrap">
              <ProgressBar value={r.progress} label="Run progress" className="w-24" />
              <span className="tabular-nums text-xs text-slate-500">{Math.round(r.progress * 100)}%</span>
            </div>
          ),
        },
        { header: "Message", className: (r) => (r.status === "failed" ? "text-red-700" : "text-slate-700"), cell: (r) => r.message ?? "—" },
        { header: "Started", className: "whitespace-nowrap text-slate-600", cell: (r) => formatTime(r.startedAt) },
        {
          header: "Finished",
          className: "whitespace-nowrap text-slate-600",
          cell: (r) => (
            <>
              {formatTime(r.finishedAt)}
              {r.finishedAt ? <span className="text-xs text-slate-500"> ({formatSeconds((r.finishedAt.getTime() - r.startedAt.getTime()) / 1000)})</span> : null}
            </>
          ),
        },
      ]}
    />
  );
}
