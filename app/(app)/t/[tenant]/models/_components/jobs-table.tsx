import { DataTable } from "@/app/_components/ui/data-table";
import { formatSeconds } from "./format-time";
import type { JobRow } from "./model-types";
import { JobStatusBadge } from "./status-badges";

/** The queue's history for this tenant: what ran, how often it was tried, how long it took, why it failed. */
export function JobsTable({ jobs, formatTime }: { jobs: JobRow[]; formatTime: (d: Date | null) => string }) {
  return (
    <DataTable
      label="Background jobs"
      testId="jobs"
      rows={jobs}
      rowKey={(j) => j.id}
      columns={[
        { header: "Job", className: "font-medium text-slate-800", cell: (j) => j.name },
        { header: "Status", cell: (j) => <JobStatusBadge status={j.status} /> },
        { header: "Attempts", className: "tabular-nums text-slate-700", cell: (j) => `${j.attempts} of ${j.maxAttempts}` },
        { header: "Queued", className: "whitespace-nowrap text-slate-600", cell: (j) => formatTime(j.createdAt) },
        {
          header: "Duration",
          className: "whitespace-nowrap tabular-nums text-slate-600",
          cell: (j) => (j.startedAt && j.finishedAt ? formatSeconds((j.finishedAt.getTime() - j.startedAt.getTime()) / 1000) : j.status === "queued" && j.attempts > 0 ? `retry at ${formatTime(j.runAt)}` : "—"),
        },
        { header: "Errors", className: (j) => (j.lastError ? "text-red-700" : "text-slate-600"), cell: (j) => j.lastError ?? "—" },
      ]}
    />
  );
}
